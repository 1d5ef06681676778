import type { AppContext } from '../../platform/context.ts';
import { gatewaySecretOf, providerKey, signBody } from '../../platform/crypto/signing.ts';

/** What a channel adapter answers: accepted (with the provider's reference), or why not and whether to retry. */
export type SendResult =
  | { ok: true; providerRef: string | null }
  | { ok: false; retry: boolean; error: string };

export interface SmsMessage {
  /** The delivery id: the gateway's idempotency key, so a retry after a crash is never sent twice. */
  clientRef: string;
  phone: string;
  text: string;
}

/**
 * The SMS gateway over signed HTTP (`POST {GATEWAY_URL}/sms/send`). 5xx, 408, 429 and no answer are
 * worth retrying; any other 4xx (a bad number, a refused signature) is not.
 */
export async function sendSms(ctx: AppContext, msg: SmsMessage): Promise<SendResult> {
  const base = ctx.config.gatewayUrl;
  if (!base) return { ok: false, retry: true, error: 'no SMS gateway configured (GATEWAY_URL)' };
  const raw = JSON.stringify(msg);
  // Signatures carry the real time: the gateway checks them against its own clock.
  const headers = signBody(providerKey(gatewaySecretOf(ctx), 'sms'), raw);
  let res: Response;
  try {
    res = await fetch(`${base.replace(/\/$/, '')}/sms/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: raw,
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    return { ok: false, retry: true, error: `gateway unreachable: ${(err as Error).message}`.slice(0, 300) };
  }
  const text = await res.text();
  if (res.ok) {
    let messageId: string | null = null;
    try {
      const body = JSON.parse(text) as { messageId?: unknown };
      if (typeof body.messageId === 'string') messageId = body.messageId;
    } catch {
      // accepted without a readable body: still sent
    }
    return { ok: true, providerRef: messageId };
  }
  const retry = res.status >= 500 || res.status === 408 || res.status === 429;
  return { ok: false, retry, error: `gateway answered ${res.status}: ${text.slice(0, 200)}` };
}
