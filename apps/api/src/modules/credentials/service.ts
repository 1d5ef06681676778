import crypto from 'node:crypto';
import {
  type ELicenceDto,
  type ELicenceKeys,
  eLicenceVerifyUrl,
  formatShareCode,
  generateShareCode,
  type Label,
  type LicenceClass,
  type LicenceVerification,
  type Locale,
  liveLicenceStatus,
  maskName,
  normaliseShareCode,
  qrColour,
  qrTokenRulesAt,
  SHARE_CODE_REFUSAL_LABELS,
  type ShareCheckResult,
  type ShareCodeCreated,
  type ShareCodeList,
  type ShareCodeRefusal,
  shareCodeExpiresAt,
  shareCodeRulesAt,
  shareCodeState,
  TOKEN_REFUSAL_LABELS,
} from '@opendmv/contracts';
import QRCode from 'qrcode';
import { type AuditActor, appendAudit, recordAudit } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findLicenceByPerson, findPersonById } from '../registry/index.ts';
import { checkToken, signingKeyOf, signToken } from './keys.ts';
import {
  claimShareCode,
  countActiveShareCodes,
  findLicenceForCheck,
  findShareCodeByHash,
  findShareCodeOf,
  insertShareCode,
  listShareCodesOf,
  revokeShareCode,
  type ShareCodeRow,
} from './repository.ts';

export interface RequestMeta {
  actor: AuditActor;
  locale: Locale;
  /** Scheme, host and port the caller reached us on: the QR links back to the same site. */
  origin: string;
}

/** At most this many unused, unexpired codes per holder at once (a flood of codes helps no one). */
export const MAX_ACTIVE_SHARE_CODES = 10;

const QR_COLOURS = { normal: '#000000', abnormal: '#cf1322' } as const;

const say = (label: Label, locale: Locale) => (locale === 'en' ? label.en : label.zh);

const ownPersonId = (personId: string | null): string => {
  if (!personId) throw new AppError('NOT_FOUND', undefined, 'no person bound to this account');
  return personId;
};

async function ownLicence(ctx: AppContext, personId: string | null) {
  const licence = await findLicenceByPerson(ctx.db, ownPersonId(personId));
  if (!licence) throw new AppError('NOT_FOUND', undefined, 'no driving licence');
  return licence;
}

/** The holder's e-licence: live status and a QR signed for a few minutes (it refreshes like 12123's). */
export async function getMyELicence(
  ctx: AppContext,
  personId: string | null,
  origin: string,
): Promise<ELicenceDto> {
  const licence = await ownLicence(ctx, personId);
  const person = await findPersonById(ctx.db, licence.personId, null);
  const now = ctx.clock.now();
  const today = ctx.clock.today();
  const rules = qrTokenRulesAt(today);
  const status = liveLicenceStatus(licence, today);
  const colour = qrColour(status);
  const token = signToken(signingKeyOf(ctx), licence.id, now, rules.ttlSeconds);
  const verifyUrl = eLicenceVerifyUrl(origin, token);
  const qrSvg = await QRCode.toString(verifyUrl, {
    type: 'svg',
    errorCorrectionLevel: 'L', // shown on a screen, not printed: fewer, larger modules scan better
    margin: 1,
    color: { dark: QR_COLOURS[colour], light: '#ffffff' },
  });
  const issuedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
  return {
    licence: {
      id: licence.id,
      fileNumber: licence.fileNumber,
      holderName: person?.name ?? '',
      classes: licence.classes as LicenceClass[],
      validFrom: licence.validFrom,
      validUntil: licence.validUntil,
      validityTier: licence.validityTier,
      points: licence.points,
      status,
      colour,
    },
    token,
    verifyUrl,
    qrSvg,
    issuedAt: issuedAt.toISOString(),
    expiresAt: new Date(issuedAt.getTime() + rules.ttlSeconds * 1000).toISOString(),
    refreshInSeconds: rules.ttlSeconds - rules.refreshBeforeSeconds,
  };
}

export const publicKeys = (ctx: AppContext): ELicenceKeys => ({ keys: [signingKeyOf(ctx).jwk] });

/**
 * 扫码核验: the signature and the window of the token, then the licence's status as the registry holds it
 * now. Every attempt is audited (`licence.verified`, success or failure with the reason).
 */
export async function verifyToken(
  ctx: AppContext,
  meta: RequestMeta,
  token: string,
): Promise<LicenceVerification> {
  const now = ctx.clock.now();
  const check = checkToken(signingKeyOf(ctx), token, now);
  const refuse = async (reason: keyof typeof TOKEN_REFUSAL_LABELS, licenceId?: string) => {
    await recordAudit(ctx.db, meta.actor, {
      action: 'licence.verified',
      entityType: 'driving_licence',
      entityId: licenceId,
      outcome: 'failure',
      details: { reason },
    });
    const field = { field: 'body.token', message: say(TOKEN_REFUSAL_LABELS[reason], meta.locale) };
    return new AppError(reason === 'unknown-licence' ? 'NOT_FOUND' : 'VALIDATION_FAILED', [field], reason);
  };
  if (!check.ok) throw await refuse(check.reason, check.payload?.lid);
  const lid = check.payload.lid;
  const shown = await ctx.db.transaction(async (tx) => {
    const licence = await findLicenceForCheck(tx, lid);
    if (!licence) return null;
    const status = liveLicenceStatus(licence, ctx.clock.today());
    await appendAudit(tx, meta.actor, {
      action: 'licence.verified',
      entityType: 'driving_licence',
      entityId: licence.id,
      details: { status, tokenIssuedAt: new Date(check.payload.iat * 1000).toISOString() },
    });
    return {
      status,
      colour: qrColour(status),
      holderName: maskName(licence.holderName),
      classes: licence.classes as LicenceClass[],
      validUntil: licence.validUntil,
      checkedAt: now.toISOString(),
    };
  });
  if (!shown) throw await refuse('unknown-licence', lid);
  return shown;
}

/** Only a keyed hash of a code is stored: a copy of the table reveals no usable code. */
const hashCode = (ctx: AppContext, code: string) =>
  crypto.createHmac('sha256', ctx.pii.deriveKey('opendmv/share-code')).update(code).digest('base64url');

const toItem = (row: ShareCodeRow, now: Date) => ({
  id: row.id,
  purpose: row.purpose,
  state: shareCodeState(row, now),
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
  usedAt: row.usedAt?.toISOString() ?? null,
  usedBy: row.usedBy,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

/** A new share code for the holder's licence; the code itself is in this answer only. */
export async function createShareCode(
  ctx: AppContext,
  meta: RequestMeta,
  personId: string | null,
  body: { purpose?: string },
): Promise<ShareCodeCreated> {
  const licence = await ownLicence(ctx, personId);
  const now = ctx.clock.now();
  const code = generateShareCode((n) => crypto.randomBytes(n));
  return ctx.db.transaction(async (tx) => {
    if ((await countActiveShareCodes(tx, licence.personId, now)) >= MAX_ACTIVE_SHARE_CODES)
      throw new AppError(
        'CONFLICT',
        [
          {
            field: 'body',
            message:
              meta.locale === 'en'
                ? `At most ${MAX_ACTIVE_SHARE_CODES} unused share codes at once; revoke one first`
                : `最多同时保留 ${MAX_ACTIVE_SHARE_CODES} 个未使用的分享码，请先撤销不用的`,
          },
        ],
        'too many active share codes',
      );
    const row = await insertShareCode(tx, {
      codeHash: hashCode(ctx, code),
      licenceId: licence.id,
      personId: licence.personId,
      purpose: body.purpose ?? null,
      createdAt: now,
      expiresAt: shareCodeExpiresAt(now, shareCodeRulesAt(ctx.clock.today())),
    });
    await appendAudit(tx, meta.actor, {
      action: 'share-code.create',
      entityType: 'licence_share_code',
      entityId: row.id,
      details: { licenceId: licence.id, purpose: row.purpose, expiresAt: row.expiresAt.toISOString() },
    });
    return {
      id: row.id,
      code: formatShareCode(code),
      purpose: row.purpose,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    };
  });
}

export async function listMyShareCodes(ctx: AppContext, personId: string | null): Promise<ShareCodeList> {
  const rows = await listShareCodesOf(ctx.db, ownPersonId(personId));
  const now = ctx.clock.now();
  return { items: rows.map((r) => toItem(r, now)) };
}

export async function revokeMyShareCode(
  ctx: AppContext,
  meta: RequestMeta,
  personId: string | null,
  id: string,
) {
  const owner = ownPersonId(personId);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await revokeShareCode(tx, id, owner, now);
    if (!row) {
      const existing = await findShareCodeOf(tx, id, owner);
      if (!existing) throw new AppError('NOT_FOUND');
      throw new AppError('ILLEGAL_TRANSITION', undefined, `share code is ${shareCodeState(existing, now)}`);
    }
    await appendAudit(tx, meta.actor, {
      action: 'share-code.revoke',
      entityType: 'licence_share_code',
      entityId: row.id,
      details: { licenceId: row.licenceId },
    });
    return toItem(row, now);
  });
}

/**
 * 分享码查验: an employer or a car-rental firm types the code and their name. The code is claimed and the
 * licence read in one transaction with its audit record; a code already used, revoked or expired is
 * refused with the reason, and the refusal is audited too.
 */
export async function checkShareCode(
  ctx: AppContext,
  meta: RequestMeta,
  body: { code: string; checker: string },
): Promise<ShareCheckResult> {
  const now = ctx.clock.now();
  const refuse = async (reason: ShareCodeRefusal, row?: ShareCodeRow) => {
    await recordAudit(ctx.db, meta.actor, {
      action: 'share-code.refuse',
      entityType: 'licence_share_code',
      entityId: row?.id,
      outcome: 'failure',
      details: { reason, checker: body.checker, ...(row ? { licenceId: row.licenceId } : {}) },
    });
    const field = { field: 'body.code', message: say(SHARE_CODE_REFUSAL_LABELS[reason], meta.locale) };
    const code =
      reason === 'malformed' ? 'VALIDATION_FAILED' : reason === 'unknown' ? 'NOT_FOUND' : 'CONFLICT';
    return new AppError(code, [field], reason);
  };
  const code = normaliseShareCode(body.code);
  if (!code) throw await refuse('malformed');
  const hash = hashCode(ctx, code);
  const shown = await ctx.db.transaction(async (tx) => {
    const claimed = await claimShareCode(tx, hash, body.checker, now);
    if (!claimed) return null;
    const licence = await findLicenceForCheck(tx, claimed.licenceId);
    if (!licence) throw new AppError('NOT_FOUND');
    const status = liveLicenceStatus(licence, ctx.clock.today());
    await appendAudit(tx, meta.actor, {
      action: 'share-code.use',
      entityType: 'licence_share_code',
      entityId: claimed.id,
      details: { licenceId: licence.id, checker: body.checker, status },
    });
    return {
      holderName: maskName(licence.holderName),
      status,
      classes: licence.classes as LicenceClass[],
      points: licence.points,
      validUntil: licence.validUntil,
      checkedAt: now.toISOString(),
    };
  });
  if (shown) return shown;
  const row = await findShareCodeByHash(ctx.db, hash);
  if (!row) throw await refuse('unknown');
  const state = shareCodeState(row, now);
  throw await refuse(state === 'active' ? 'used' : state, row);
}
