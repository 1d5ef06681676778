/**
 * The live status an electronic driving licence (电子驾驶证) shows, and its colour. 12123 shows the QR in
 * black when the licence is normal and in red when it is not: suspended, expired, or 12 points reached
 * (domain-rules [C3]). The status is computed from the registry at the moment of the check, never stored in
 * the QR, so a licence suspended after the QR was made shows red.
 */
import { compareDates } from '../registry/dates.ts';
import { isFullScore, SCORING_RULES, type ScoringRules } from '../registry/points.ts';
import { ruleAt } from '../registry/rule-set.ts';
import type { Label } from '../registry/vehicle.ts';

/** What the registry stores (`driving_licences.status`). */
export const LICENCE_RECORD_STATUSES = [
  'valid',
  'expired',
  'suspended',
  'revoked',
  'seized',
  'cancelled',
] as const;
export type LicenceRecordStatus = (typeof LICENCE_RECORD_STATUSES)[number];

/** What a verifier sees: the record status, corrected by the date, plus the full score (满分). */
export const LIVE_LICENCE_STATUSES = [
  'valid',
  'expired',
  'full-score',
  'suspended',
  'seized',
  'revoked',
  'cancelled',
] as const;
export type LiveLicenceStatus = (typeof LIVE_LICENCE_STATUSES)[number];

/** black = normal (正常), red = abnormal (异常). */
export type QrColour = 'normal' | 'abnormal';

export interface LicenceFacts {
  status: string;
  /** Last day of validity (inclusive); null for a long-term licence. */
  validUntil: string | null;
  points: number;
}

/** The strongest finding first: a licence that is revoked and also expired shows as revoked. */
const RECORD_PRECEDENCE: readonly LiveLicenceStatus[] = ['revoked', 'cancelled', 'seized', 'suspended'];

/**
 * The status shown on `today` (Asia/Shanghai civil date): an administrative measure recorded on the licence
 * (revoked 吊销, cancelled 注销, seized 扣押, suspended 暂扣) first; then expiry, by the record or by the date
 * (the day after `validUntil`); then 12 points reached in the cycle; otherwise valid. An unknown record
 * status is never shown as valid.
 */
export function liveLicenceStatus(
  licence: LicenceFacts,
  today: string,
  scoring: ScoringRules = ruleAt(SCORING_RULES, today).value,
): LiveLicenceStatus {
  const recorded = RECORD_PRECEDENCE.find((s) => s === licence.status);
  if (recorded) return recorded;
  if (licence.status !== 'valid' && licence.status !== 'expired') return 'suspended';
  if (licence.status === 'expired') return 'expired';
  if (licence.validUntil !== null && compareDates(today, licence.validUntil) > 0) return 'expired';
  if (isFullScore(licence.points, scoring)) return 'full-score';
  return 'valid';
}

/** Only a valid licence is normal (black); every other status is abnormal (red). */
export const qrColour = (status: LiveLicenceStatus): QrColour => (status === 'valid' ? 'normal' : 'abnormal');

export const LIVE_LICENCE_STATUS_LABELS: Readonly<Record<LiveLicenceStatus, Label>> = {
  valid: { zh: '正常', en: 'Valid' },
  expired: { zh: '已超过有效期', en: 'Expired' },
  'full-score': { zh: '记分已满12分', en: '12 points reached' },
  suspended: { zh: '暂扣', en: 'Suspended' },
  seized: { zh: '扣押', en: 'Seized' },
  revoked: { zh: '吊销', en: 'Revoked' },
  cancelled: { zh: '注销', en: 'Cancelled' },
};
