import { desc, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { chainHash, GENESIS_HASH } from './chain.ts';
import { auditLog } from './schema.ts';

export interface AuditActor {
  actorId: string | null;
  actorRole: string | null;
  actorKind: 'user' | 'token' | 'system' | 'anonymous';
  officeId: string | null;
  ip: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string;
  outcome?: 'success' | 'failure' | 'denied';
  details?: Record<string, unknown>;
}

export const SYSTEM_ACTOR: AuditActor = {
  actorId: null,
  actorRole: 'system',
  actorKind: 'system',
  officeId: null,
  ip: null,
  requestId: null,
};

/** Arbitrary constant naming the advisory lock that serializes appends to the chain. */
const AUDIT_CHAIN_LOCK = 727275;

/**
 * Append one record to the chain inside the caller's transaction, so the change and its audit
 * record commit or roll back together. The advisory lock (held to commit) keeps the chain linear
 * across concurrent transactions and API nodes.
 */
export async function appendAudit(tx: Executor, actor: AuditActor, entry: AuditEntry): Promise<number> {
  return appendAuditBatch(tx, [{ actor, entry }]);
}

/**
 * Several records at once, in order, at the end of the caller's transaction: one lock, one read of the
 * head, one INSERT. A use case that writes many records (a case opened, checked and approved by rule)
 * holds the chain's lock only from here to its commit, instead of from its first record.
 */
export async function appendAuditBatch(
  tx: Executor,
  items: readonly { actor: AuditActor; entry: AuditEntry }[],
): Promise<number> {
  if (items.length === 0) return 0;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date().toISOString();
  const rows = items.map(({ actor, entry }) => {
    seq += 1;
    const record = {
      seq,
      at,
      ...actor,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      outcome: entry.outcome ?? 'success',
      details: entry.details ?? {},
    };
    const hash = chainHash(prevHash, record);
    const row = { ...record, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await tx.insert(auditLog).values(rows);
  return seq;
}

/** An audit record that stands alone (a failed login, a read of personal data): its own transaction. */
export async function recordAudit(db: Db, actor: AuditActor, entry: AuditEntry): Promise<number> {
  return db.transaction((tx) => appendAudit(tx, actor, entry));
}
