import type {
  PartnerIngestResult,
  PartnerRecordBySource,
  PartnerRecordDto,
  PartnerSource,
} from '@opendmv/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { appendAudit, recordAudit } from '../../platform/audit/audit.ts';
import { auditActorOf, type Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { notifyPartnerData, type PartnerDataTouched } from '../cases/partner-hook.ts';
import * as repo from './repository.ts';
import { resolveBatch } from './resolve.ts';

export type Meta = { ip: string; requestId: string; log?: FastifyBaseLogger };
type Token = Extract<Principal, { kind: 'token' }>;

/** At most this many refusal reasons are copied into the audit record (the response carries them all). */
const AUDITED_REASONS = 20;

/** The calling partner system, which must speak for `source` (api_tokens.partner_source). */
async function senderFor(
  ctx: AppContext,
  p: Principal,
  meta: Meta,
  source: PartnerSource | null,
): Promise<Token> {
  if (p.kind !== 'token' || p.role !== 'partner') throw new AppError('FORBIDDEN');
  if (source === null) return p;
  const own = await repo.findTokenPartnerSource(ctx.db, p.tokenId);
  if (own !== source) {
    await recordAudit(ctx.db, auditActorOf(p, meta.ip, meta.requestId), {
      action: 'access.denied',
      outcome: 'denied',
      details: { permission: 'partner:submit', source, tokenSource: own },
    });
    throw new AppError('FORBIDDEN');
  }
  return p;
}

/**
 * One batch from one partner, all or nothing: every record is checked and its keys resolved first; one
 * bad record refuses the batch (400 with each bad record's field path and reason, one `partner.refuse`
 * audit record). Otherwise every record is stored in one transaction with the `partner.ingest` audit
 * record; a (source, reference) already stored is counted as a duplicate and left unchanged. After the
 * commit, the case engine is told which persons, vehicles and cases have new data.
 */
export async function ingestRecords<S extends PartnerSource>(
  ctx: AppContext,
  principal: Principal,
  meta: Meta,
  source: S,
  records: readonly PartnerRecordBySource[S][],
): Promise<PartnerIngestResult> {
  const token = await senderFor(ctx, principal, meta, source);
  const actor = auditActorOf(token, meta.ip, meta.requestId);
  const { rows, errors } = await resolveBatch(ctx, source, token.tokenId, records);
  if (errors.length > 0) {
    await recordAudit(ctx.db, actor, {
      action: 'partner.refuse',
      outcome: 'failure',
      details: {
        source,
        count: records.length,
        refused: new Set(errors.map((e) => e.field.split('.')[2])).size,
        // Paths and reasons only: the values (ID numbers, VINs) stay out of the log.
        reasons: errors.slice(0, AUDITED_REASONS),
      },
    });
    throw new AppError('VALIDATION_FAILED', errors);
  }

  const { inserted, ids } = await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertRecords(
      tx,
      rows.map((r) => ({ ...r, source, tokenId: token.tokenId })),
    );
    const newIds = new Map(inserted.map((r) => [r.reference, r.id]));
    const earlier = await repo.idsByReference(
      tx,
      source,
      rows.filter((r) => !newIds.has(r.reference)).map((r) => r.reference),
    );
    await appendAudit(tx, actor, {
      action: 'partner.ingest',
      entityType: 'partner-batch',
      details: {
        source,
        count: records.length,
        accepted: inserted.length,
        duplicates: rows.length - inserted.length,
      },
    });
    return { inserted: newIds, ids: rows.map((r) => newIds.get(r.reference) ?? earlier.get(r.reference)!) };
  });

  const fresh = rows.filter((r) => inserted.has(r.reference));
  if (fresh.length > 0) {
    const touched: PartnerDataTouched = {
      source,
      personIds: unique(fresh.map((r) => r.personId)),
      vehicleIds: unique(fresh.map((r) => r.vehicleId)),
      vins: unique(fresh.map((r) => r.vin)),
      caseNumbers: unique(fresh.map((r) => r.caseNumber)),
    };
    try {
      await notifyPartnerData(ctx, touched);
    } catch (err) {
      // The records are stored; the cases catch up on their next check. The partner must not resend.
      meta.log?.error({ err, source }, 'partner data stored, but notifying the case engine failed');
    }
  }
  return { accepted: inserted.size, duplicates: rows.length - inserted.size, ids };
}

/** What this partner system has sent, newest first. */
export async function listOwnRecords(
  ctx: AppContext,
  principal: Principal,
  meta: Meta,
  limit: number,
): Promise<{ items: PartnerRecordDto[] }> {
  const token = await senderFor(ctx, principal, meta, null);
  const rows = await repo.listRecordsOfToken(ctx.db, token.tokenId, limit);
  return {
    items: rows.map((r) => ({
      id: r.id,
      source: r.source as PartnerSource,
      kind: r.kind,
      reference: r.reference,
      vin: r.vin,
      caseNumber: r.caseNumber,
      validFrom: r.validFrom,
      validUntil: r.validUntil,
      payload: r.payload as Record<string, unknown>,
      receivedAt: r.receivedAt.toISOString(),
    })),
  };
}

const unique = (values: (string | null | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => typeof v === 'string')),
];
