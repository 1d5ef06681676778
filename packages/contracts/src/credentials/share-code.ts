/**
 * Share codes (分享码): what a licence holder gives an employer or a car-rental firm so they can see the
 * licence's status, classes and points once. Modelled on DVLA's check code (single use, 21 days, domain-rules
 * [U1]). Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as XXXX-XXXX; typed in
 * any case, with or without spaces and the hyphen, full-width characters from a Chinese IME included.
 */
import { ruleAt, type Versioned } from '../registry/rule-set.ts';

/** 31 symbols: digits 2–9 and the Latin capitals except I, L and O. */
export const SHARE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const SHARE_CODE_LENGTH = 8;

export interface ShareCodeRules {
  /** How long a code can be used after it is made. */
  ttlDays: number;
  /** A code shows the licence once; the second use is refused. */
  singleUse: boolean;
}

export const SHARE_CODE_RULES: readonly Versioned<ShareCodeRules>[] = [
  {
    effectiveFrom: '2026-01-01',
    source: {
      title:
        'Our own choice (product setting), modelled on DVLA “share your driving licence” check codes: one use, valid 21 days (72 hours before 2015-07-10)',
      url: 'https://gov.uk/government/news/driving-licence-check-code-extended-from-72-hours-to-21-days',
      reliability: 'unverified',
    },
    value: { ttlDays: 21, singleUse: true },
  },
];

export interface QrTokenRules {
  /** How long a QR (its signed token) verifies after it is shown. */
  ttlSeconds: number;
  /** The app shows a new QR this long before the old one expires. */
  refreshBeforeSeconds: number;
}

/** 12123 refreshes the QR of the e-licence every few minutes; the exact interval is not sourced. */
export const QR_TOKEN_RULES: readonly Versioned<QrTokenRules>[] = [
  {
    effectiveFrom: '2026-01-01',
    source: {
      title:
        'Our own choice (product setting): a short-lived QR like 交管12123 电子驾驶证, which refreshes its code (interval not sourced)',
      url: 'http://www.yzzsnet.com/techan/40491.html',
      reliability: 'unverified',
    },
    value: { ttlSeconds: 180, refreshBeforeSeconds: 30 },
  },
];

export const shareCodeRulesAt = (day: string): ShareCodeRules => ruleAt(SHARE_CODE_RULES, day).value;
export const qrTokenRulesAt = (day: string): QrTokenRules => ruleAt(QR_TOKEN_RULES, day).value;

/**
 * The canonical form of what someone typed (NFKC, capitals, no spaces or hyphens), or null when it is not
 * a share code: wrong length or a character outside the alphabet. Look-alikes are refused, not guessed.
 */
export function normaliseShareCode(input: string): string | null {
  const s = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐-―−]/g, '');
  if (s.length !== SHARE_CODE_LENGTH) return null;
  for (const c of s) if (!SHARE_CODE_ALPHABET.includes(c)) return null;
  return s;
}

/** 'K7M2Q9XA' → 'K7M2-Q9XA'. */
export function formatShareCode(code: string): string {
  const s = normaliseShareCode(code) ?? code;
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/**
 * A new code from a source of random bytes (node:crypto `randomBytes`, or `crypto.getRandomValues`):
 * rejection sampling keeps every symbol equally likely (31 × 8 = 248; bytes ≥ 248 are dropped).
 */
export function generateShareCode(randomBytes: (n: number) => Uint8Array): string {
  const n = SHARE_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < SHARE_CODE_LENGTH) {
    for (const b of randomBytes(SHARE_CODE_LENGTH * 2)) {
      if (b >= limit) continue;
      out += SHARE_CODE_ALPHABET[b % n];
      if (out.length === SHARE_CODE_LENGTH) break;
    }
  }
  return out;
}

export const shareCodeExpiresAt = (createdAt: Date, rules: ShareCodeRules): Date =>
  new Date(createdAt.getTime() + rules.ttlDays * 86_400_000);

export type ShareCodeState = 'active' | 'used' | 'revoked' | 'expired';

/** A code's state at `now`. A used code stays "used" after it would have expired: the holder sees who used it. */
export function shareCodeState(
  code: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): ShareCodeState {
  if (code.usedAt) return 'used';
  if (code.revokedAt) return 'revoked';
  if (code.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
