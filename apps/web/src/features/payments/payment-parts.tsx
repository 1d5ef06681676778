import {
  AlipayCircleFilled,
  CreditCardFilled,
  DownloadOutlined,
  MoneyCollectFilled,
  SafetyCertificateOutlined,
  WechatFilled,
} from '@ant-design/icons';
import {
  type OrderStatus,
  type PaymentOrderDto,
  type PaymentProvider,
  PROVIDER_INFO,
} from '@opendmv/contracts';
import { Button, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatFen } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { receiptPdfUrl, receiptVerifyPath } from './payments-api.ts';
import './payments.css';

const statusColour: Record<OrderStatus, string> = {
  pending: 'processing',
  paid: 'success',
  expired: 'default',
  cancelled: 'default',
  'refund-pending': 'warning',
  refunded: 'purple',
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={statusColour[status]} data-testid="order-status" data-status={status}>
      {t.payments.statuses[status]}
    </Tag>
  );
}

const providerIcons: Record<PaymentProvider, ReactNode> = {
  unionpay: <CreditCardFilled style={{ color: '#d4145a' }} />,
  wechat: <WechatFilled style={{ color: '#09bb07' }} />,
  alipay: <AlipayCircleFilled style={{ color: '#1677ff' }} />,
  cash: <MoneyCollectFilled style={{ color: '#d97706' }} />,
  pos: <CreditCardFilled style={{ color: '#4b5563' }} />,
};

export function ProviderIcon({ provider, size = 20 }: { provider: PaymentProvider; size?: number }) {
  return (
    <span aria-hidden style={{ fontSize: size, lineHeight: 1 }}>
      {providerIcons[provider]}
    </span>
  );
}

/** The provider's name in the current language, with its icon. */
export function ProviderName({ provider }: { provider: PaymentProvider }) {
  const { pick } = useI18n();
  return (
    <Space size={6}>
      <ProviderIcon provider={provider} size={16} />
      {pick(PROVIDER_INFO[provider].name)}
    </Space>
  );
}

function Row({
  label,
  value,
  testId,
  strong,
  due,
  sub,
}: {
  label: ReactNode;
  value: string;
  testId: string;
  strong?: boolean;
  due?: boolean;
  sub?: ReactNode;
}) {
  return (
    <div className={strong ? 'odmv-pay-row odmv-pay-row-total' : 'odmv-pay-row'}>
      <span>
        {strong ? (
          <Typography.Text strong>{label}</Typography.Text>
        ) : (
          <Typography.Text>{label}</Typography.Text>
        )}
        {sub && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {sub}
          </Typography.Text>
        )}
      </span>
      <span className={due ? 'odmv-money odmv-money-due' : 'odmv-money'} data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

/** What the order pays: a fine and its late surcharge (with the days late), or a case's fee; and the total. */
export function OrderBreakdown({ order }: { order: PaymentOrderDto }) {
  const { t } = useI18n();
  const b = order.breakdown;
  const days = b.daysLate ?? 0;
  return (
    <div data-testid="order-breakdown" data-kind={order.kind}>
      {order.kind === 'fine' ? (
        <>
          <Row label={t.payments.fine} value={formatFen(b.fineFen ?? 0)} testId="order-fine" />
          {(b.surchargeFen ?? 0) > 0 && (
            <Row
              label={t.payments.surcharge}
              sub={
                <span data-testid="order-days-late" data-days={days}>
                  {t.payments.surchargeRule(days)}
                </span>
              }
              value={formatFen(b.surchargeFen ?? 0)}
              testId="order-surcharge"
            />
          )}
        </>
      ) : (
        <Row label={t.payments.fee} value={formatFen(b.feeFen ?? order.amountFen)} testId="order-fee" />
      )}
      <Row
        label={order.status === 'pending' ? t.payments.total : t.payments.totalShort}
        value={formatFen(order.amountFen)}
        testId="order-total"
        strong
        due={order.status === 'pending'}
      />
    </div>
  );
}

/** The receipt of a paid order: its PDF (download / print) and its public verification page. */
export function ReceiptLinks({ receiptId, print }: { receiptId: string; print?: boolean }) {
  const { t } = useI18n();
  return (
    <Space wrap size={8}>
      <Button
        type="primary"
        icon={<DownloadOutlined />}
        href={receiptPdfUrl(receiptId)}
        download
        data-testid="receipt-download"
      >
        {t.payments.receiptDownload}
      </Button>
      {print && (
        <Button href={receiptPdfUrl(receiptId)} target="_blank" rel="noopener" data-testid="receipt-print">
          {t.payments.receiptPrint}
        </Button>
      )}
      <Button
        icon={<SafetyCertificateOutlined />}
        href={receiptVerifyPath(receiptId)}
        data-testid="receipt-verify"
      >
        {t.payments.receiptVerify}
      </Button>
    </Space>
  );
}
