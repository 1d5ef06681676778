import crypto from 'node:crypto';
import {
  E_LICENCE_TOKEN_VERSION,
  type ELicenceKeys,
  type ELicenceTokenPayload,
  eLicenceTokenPayloadSchema,
  type TokenRefusal,
} from '@opendmv/contracts';
import type { AppContext } from '../../platform/context.ts';

/**
 * The e-licence signing key: Ed25519, its 32-byte seed derived from the master key (nothing else to store).
 * The public half is published as a JWK so anyone can check a QR offline. The key id is a hash of the
 * public key, so a new master key gives a new kid and old QRs (minutes old at most) stop verifying.
 */
export interface SigningKey {
  kid: string;
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
  jwk: ELicenceKeys['keys'][number];
}

/** PKCS#8 DER header of an Ed25519 private key (RFC 8410); the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
export const E_LICENCE_KEY_LABEL = 'opendmv/e-licence-ed25519';

const cache = new WeakMap<AppContext['pii'], SigningKey>();

export function signingKeyOf(ctx: Pick<AppContext, 'pii'>): SigningKey {
  const hit = cache.get(ctx.pii);
  if (hit) return hit;
  const seed = ctx.pii.deriveKey(E_LICENCE_KEY_LABEL);
  const privateKey = crypto.createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = crypto.createPublicKey(privateKey);
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  const kid = `el-${crypto.createHash('sha256').update(x).digest('base64url').slice(0, 12)}`;
  const key: SigningKey = {
    kid,
    privateKey,
    publicKey,
    jwk: { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' },
  };
  cache.set(ctx.pii, key);
  return key;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** `base64url(JSON payload) . base64url(Ed25519 signature over the first part's ASCII)`. */
export function signToken(key: SigningKey, licenceId: string, now: Date, ttlSeconds: number): string {
  const iat = Math.floor(now.getTime() / 1000);
  const payload: ELicenceTokenPayload = {
    v: E_LICENCE_TOKEN_VERSION,
    kid: key.kid,
    lid: licenceId,
    iat,
    exp: iat + ttlSeconds,
  };
  const head = b64url(JSON.stringify(payload));
  return `${head}.${b64url(crypto.sign(null, Buffer.from(head, 'ascii'), key.privateKey))}`;
}

const B64URL = /^[A-Za-z0-9_-]+$/;
/** Clock skew allowed for a token "issued" slightly in the future (another node's clock). */
const SKEW_SECONDS = 60;

export type TokenCheck =
  | { ok: true; payload: ELicenceTokenPayload }
  | { ok: false; reason: TokenRefusal; payload?: ELicenceTokenPayload };

/**
 * Signature first (a forged token says nothing, not even "expired"), then the validity window. The
 * payload of a token whose signature verified is returned even when it has expired, for the audit record.
 */
export function checkToken(key: SigningKey, token: string, now: Date): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 2 || !parts.every((p) => B64URL.test(p))) return { ok: false, reason: 'malformed' };
  const [head, sig] = parts as [string, string];
  const signature = Buffer.from(sig, 'base64url');
  if (signature.length !== 64) return { ok: false, reason: 'malformed' };
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = eLicenceTokenPayloadSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  if (parsed.data.kid !== key.kid) return { ok: false, reason: 'bad-signature' };
  if (!crypto.verify(null, Buffer.from(head, 'ascii'), key.publicKey, signature))
    return { ok: false, reason: 'bad-signature' };
  const t = Math.floor(now.getTime() / 1000);
  const p = parsed.data;
  if (p.exp <= t || p.iat > t + SKEW_SECONDS || p.exp <= p.iat)
    return { ok: false, reason: 'expired', payload: p };
  return { ok: true, payload: p };
}
