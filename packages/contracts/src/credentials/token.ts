/**
 * The QR of the e-licence carries a link to the public verification page with a signed token:
 * `base64url(JSON payload) + '.' + base64url(Ed25519 signature over the first part)`. The payload names the
 * licence and a short validity; it holds no personal data and no status (the verifier reads the live status).
 * Anyone can check the signature offline with the published key (GET /api/v1/public/e-licence/keys).
 */
import { z } from 'zod';
import type { Label } from '../registry/vehicle.ts';

export const E_LICENCE_TOKEN_VERSION = 1;
/** The web page a QR opens; the token is its `t` query parameter. */
export const E_LICENCE_VERIFY_PATH = '/verify/licence';

export const eLicenceTokenPayloadSchema = z.object({
  v: z.literal(E_LICENCE_TOKEN_VERSION),
  /** Key id of the signing key (so keys can rotate). */
  kid: z.string().min(1).max(64),
  /** Licence id. */
  lid: z.uuid(),
  /** Issued at / expires at, seconds since the epoch. */
  iat: z.number().int().nonnegative(),
  exp: z.number().int().nonnegative(),
});
export type ELicenceTokenPayload = z.infer<typeof eLicenceTokenPayloadSchema>;

/** `<origin>/verify/licence?t=<token>`; the origin without a trailing slash. */
export const eLicenceVerifyUrl = (origin: string, token: string): string =>
  `${origin.replace(/\/+$/, '')}${E_LICENCE_VERIFY_PATH}?t=${encodeURIComponent(token)}`;

/** Why a QR token is refused. */
export type TokenRefusal = 'malformed' | 'bad-signature' | 'expired' | 'unknown-licence';
/** Why a share code is refused. */
export type ShareCodeRefusal = 'malformed' | 'unknown' | 'used' | 'revoked' | 'expired';

export const TOKEN_REFUSAL_LABELS: Readonly<Record<TokenRefusal, Label>> = {
  malformed: { zh: '二维码内容无法识别，不是电子驾驶证二维码', en: 'This is not an e-licence QR code' },
  'bad-signature': {
    zh: '二维码签名校验不通过，可能被伪造或篡改',
    en: 'The QR signature does not verify: it may be forged or altered',
  },
  expired: {
    zh: '二维码已过期，请持证人刷新后重新出示',
    en: 'The QR has expired; ask the holder to refresh it and show it again',
  },
  'unknown-licence': { zh: '未找到该驾驶证', en: 'No such licence' },
};

export const SHARE_CODE_REFUSAL_LABELS: Readonly<Record<ShareCodeRefusal, Label>> = {
  malformed: {
    zh: '分享码格式不正确（8位字母数字，如 K7M2-Q9XA）',
    en: 'Not a share code (8 letters and digits, like K7M2-Q9XA)',
  },
  unknown: { zh: '分享码不存在，请核对后重试', en: 'No such share code; check it and try again' },
  used: {
    zh: '该分享码已被使用过，每个分享码只能查验一次，请联系持证人重新生成',
    en: 'This share code has already been used. Each code works once; ask the holder for a new one',
  },
  revoked: { zh: '该分享码已被持证人撤销', en: 'The holder has revoked this share code' },
  expired: { zh: '该分享码已过期', en: 'This share code has expired' },
};
