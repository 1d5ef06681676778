import crypto from 'node:crypto';
import { SIGNATURE_HEADERS, SIGNATURE_WINDOW_SECONDS, signatureBase } from '@opendmv/contracts';

/** One provider's key under the gateway secret: each provider signs with its own. */
export const providerKey = (secret: Buffer, provider: string): Buffer =>
  crypto.createHmac('sha256', secret).update(`provider:${provider}`).digest();

/** Signature headers for a body sent now (timestamp in seconds, a random nonce). */
export function signBody(key: Buffer, body: string, now = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = crypto.randomBytes(12).toString('hex');
  const signature = crypto
    .createHmac('sha256', key)
    .update(signatureBase(timestamp, nonce, body))
    .digest('base64');
  return {
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
  };
}

/**
 * Checks a signed body: the signature over the raw bytes received, in constant time, and a timestamp
 * within the window of `now` (a replay later is refused). Returns the reason when it fails.
 */
export function verifyBody(
  key: Buffer,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now = new Date(),
): { ok: true } | { ok: false; reason: string } {
  const h = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const timestamp = h(SIGNATURE_HEADERS.timestamp);
  const nonce = h(SIGNATURE_HEADERS.nonce);
  const signature = h(SIGNATURE_HEADERS.signature);
  if (!timestamp || !nonce || !signature) return { ok: false, reason: 'missing signature headers' };
  if (!/^\d{9,11}$/.test(timestamp)) return { ok: false, reason: 'bad timestamp' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS)
    return { ok: false, reason: 'timestamp outside the window' };
  const expected = crypto
    .createHmac('sha256', key)
    .update(signatureBase(timestamp, nonce, body))
    .digest();
  const given = Buffer.from(signature, 'base64');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad signature' };
  return { ok: true };
}

/** The secret shared with the payment and SMS gateways: GATEWAY_SECRET, or derived from the master key. */
export function gatewaySecretOf(ctx: {
  config: { gatewaySecret: string | undefined };
  pii: { deriveKey(label: string): Buffer };
}): Buffer {
  return ctx.config.gatewaySecret
    ? Buffer.from(ctx.config.gatewaySecret, 'base64')
    : ctx.pii.deriveKey('opendmv/gateway');
}
