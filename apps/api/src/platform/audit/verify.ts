import { asc, gt } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { chainHash, GENESIS_HASH } from './chain.ts';
import { auditLog } from './schema.ts';

export type BrokenReason = 'hash-mismatch' | 'prev-hash-mismatch' | 'sequence-gap';
export interface ChainReport {
  ok: boolean;
  checked: number;
  headSeq: number;
  firstBroken: { seq: number; reason: BrokenReason } | null;
}

/**
 * Recompute the whole chain in seq order and name the first broken link: a changed record
 * (its hash no longer matches), a deleted one (a gap in seq) or a reordered one (prev-hash).
 */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<ChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, after))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) return broken(checked, row.seq, 'sequence-gap');
      if (row.prevHash !== prevHash) return broken(checked, row.seq, 'prev-hash-mismatch');
      if (chainHash(row.prevHash, row) !== row.hash) return broken(checked, row.seq, 'hash-mismatch');
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    after = rows[rows.length - 1]!.seq;
  }
  return { ok: true, checked, headSeq: expectedSeq - 1, firstBroken: null };
}

function broken(checked: number, seq: number, reason: BrokenReason): ChainReport {
  return { ok: false, checked, headSeq: seq, firstBroken: { seq, reason } };
}
