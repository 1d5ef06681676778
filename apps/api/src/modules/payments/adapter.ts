import type { PaymentProvider, StatementLine } from '@opendmv/contracts';
import type { AppContext } from '../../platform/context.ts';
import { gatewaySecretOf, providerKey, signBody, verifyBody } from '../../platform/crypto/signing.ts';
import { AppError } from '../../platform/http/errors.ts';

export interface ProviderPayment {
  status: 'open' | 'paid' | 'closed';
  transactionId: string | null;
  paidAt: string | null;
  amountFen?: number;
}

/**
 * What the platform asks of a payment provider. One interface for bank card, the QR wallets, the window's
 * cash till and the POS terminal; `gatewayAdapter` speaks signed HTTP to them (the simulators by default).
 */
export interface PaymentAdapter {
  createPayment(
    provider: PaymentProvider,
    input: { orderNumber: string; amountFen: number; description: string; returnUrl: string | null },
  ): Promise<{ providerRef: string; payUrl: string; qrContent: string | null }>;
  /** The counter's device (till, POS, a QR scanned at the window) takes the money. */
  confirmOnDevice(provider: PaymentProvider, providerRef: string): Promise<void>;
  query(provider: PaymentProvider, providerRef: string): Promise<ProviderPayment>;
  /** Closes an unpaid payment so it can no longer be paid; answers what it is now. */
  close(provider: PaymentProvider, providerRef: string): Promise<ProviderPayment>;
  refund(
    provider: PaymentProvider,
    input: { providerRef: string; refundId: string; amountFen: number },
  ): Promise<{ refundTransactionId: string }>;
  statement(provider: PaymentProvider, date: string): Promise<StatementLine[]>;
  verify(
    provider: PaymentProvider,
    headers: Record<string, string | string[] | undefined>,
    raw: string,
  ): { ok: true } | { ok: false; reason: string };
}

export function gatewayAdapter(ctx: AppContext): PaymentAdapter {
  const secret = gatewaySecretOf(ctx);
  const base = () => {
    if (!ctx.config.gatewayUrl) throw new AppError('UPSTREAM_UNAVAILABLE', undefined, 'no GATEWAY_URL');
    return ctx.config.gatewayUrl;
  };
  const call = async <T>(provider: PaymentProvider, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const raw = method === 'GET' ? path : JSON.stringify(body ?? {});
    let res: Response;
    try {
      res = await fetch(`${base()}${path}`, {
        method,
        headers: {
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
          ...signBody(providerKey(secret, provider), raw),
        },
        body: method === 'POST' ? raw : undefined,
        signal: AbortSignal.timeout(8_000),
      });
    } catch (err) {
      throw new AppError('UPSTREAM_UNAVAILABLE', undefined, `${provider}: ${(err as Error).message}`);
    }
    const text = await res.text();
    if (!res.ok) {
      if (res.status >= 500)
        throw new AppError('UPSTREAM_UNAVAILABLE', undefined, `${provider}: ${res.status}`);
      throw new AppError('CONFLICT', undefined, `${provider} refused: ${res.status} ${text.slice(0, 200)}`);
    }
    return JSON.parse(text) as T;
  };
  return {
    createPayment: (p, input) => call(p, 'POST', `/gw/${p}/payments`, input),
    confirmOnDevice: async (p, ref) => {
      await call(p, 'POST', `/gw/${p}/payments/${encodeURIComponent(ref)}/device`, {});
    },
    query: (p, ref) => call(p, 'GET', `/gw/${p}/payments/${encodeURIComponent(ref)}`),
    close: (p, ref) => call(p, 'POST', `/gw/${p}/payments/${encodeURIComponent(ref)}/close`, {}),
    refund: (p, input) => call(p, 'POST', `/gw/${p}/refunds`, input),
    statement: async (p, date) =>
      (await call<{ lines: StatementLine[] }>(p, 'GET', `/gw/${p}/statement?date=${date}`)).lines,
    verify: (p, headers, raw) => verifyBody(providerKey(secret, p), headers, raw),
  };
}
