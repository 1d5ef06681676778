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
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const record = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    ...actor,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    outcome: entry.outcome ?? 'success',
    details: entry.details ?? {},
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditLog).values({ ...record, prevHash, hash: chainHash(prevHash, record) });
  return record.seq;
}

/** An audit record that stands alone (a failed login, a read of personal data): its own transaction. */
export async function recordAudit(db: Db, actor: AuditActor, entry: AuditEntry): Promise<number> {
  return db.transaction((tx) => appendAudit(tx, actor, entry));
}
