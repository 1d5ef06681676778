/**
 * Payment providers (多元化缴费): bank card / UnionPay, WeChat-Pay-style and Alipay-style QR payments,
 * cash at a window and a kiosk POS terminal. Each one sits behind the same adapter; which channels may
 * offer it is data here, read by the API and the web app alike.
 */
export const PAYMENT_PROVIDERS = ['unionpay', 'wechat', 'alipay', 'cash', 'pos'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

export const PAYMENT_CHANNELS = ['online', 'window', 'kiosk'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

export interface ProviderInfo {
  name: { zh: string; en: string };
  /** How the payer confirms: on the provider's cashier page, by scanning a QR code, or on a device. */
  method: 'cashier' | 'qr' | 'device';
  channels: readonly PaymentChannel[];
}

export const PROVIDER_INFO: Readonly<Record<PaymentProvider, ProviderInfo>> = {
  unionpay: {
    name: { zh: '银联银行卡', en: 'UnionPay bank card' },
    method: 'cashier',
    channels: ['online', 'window'],
  },
  wechat: {
    name: { zh: '微信支付', en: 'WeChat Pay' },
    method: 'qr',
    channels: ['online', 'kiosk', 'window'],
  },
  alipay: { name: { zh: '支付宝', en: 'Alipay' }, method: 'qr', channels: ['online', 'kiosk', 'window'] },
  cash: { name: { zh: '窗口现金', en: 'Cash at the window' }, method: 'device', channels: ['window'] },
  pos: { name: { zh: 'POS 刷卡', en: 'POS card terminal' }, method: 'device', channels: ['window', 'kiosk'] },
};

export const providersFor = (channel: PaymentChannel): PaymentProvider[] =>
  PAYMENT_PROVIDERS.filter((p) => PROVIDER_INFO[p].channels.includes(channel));
