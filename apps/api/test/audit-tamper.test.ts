/**
 * The requirement: "A test changes, deletes or reorders a single audit record and the
 * verifier names it." Tampering goes straight to the database with the append-only triggers
 * switched off (as an attacker with the table owner's rights would), inside one transaction that
 * switches them back on; each test then restores the record and the chain verifies again.
 */
import { asc, eq, gte, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/platform/audit/schema.ts';
import type { Tx } from '../src/platform/db/client.ts';
import { fromFreshIp, headSeq, loginCache } from './admin-support.ts';
import { type Agent, startTestApp, type TestApp } from './support/harness.ts';

type AuditRow = typeof auditLog.$inferSelect;

let t: TestApp;
let login: (username: string) => Promise<Agent>;
let admin: Agent;
let victim: number;

beforeAll(async () => {
  t = await startTestApp();
  login = loginCache(t);
  admin = await login('admin1');
  // A few fresh records so the chain has a middle to tamper with, whatever the demo data holds.
  for (let i = 0; i < 4; i++)
    await t
      .anonymous()
      .post('/api/v1/auth/login', { username: `ghost${i}`, password: 'not-the-password' }, fromFreshIp());
  victim = (await headSeq(t)) - 2; // two records after it, and the verify calls append more
});
afterAll(() => t?.close());

const verify = async () => {
  const res = await admin.get('/api/v1/audit/verify');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    ok: boolean;
    checked: number;
    headSeq: number;
    firstBroken: { seq: number; reason: string } | null;
  };
};

/** Runs `change` with the audit_log triggers disabled, re-enabling them in the same transaction. */
const tamper = (change: (tx: Tx) => Promise<unknown>) =>
  t.app.ctx.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    await change(tx);
    await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
  });

const rowAt = async (seq: number): Promise<AuditRow> =>
  (await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.seq, seq)))[0]!;

const contentOf = ({ seq: _seq, ...rest }: AuditRow) => rest;

describe('the append-only triggers', () => {
  it('refuse UPDATE, DELETE and TRUNCATE of audit_log', async () => {
    const db = t.app.ctx.db;
    const attempts = [
      () =>
        db
          .update(auditLog)
          .set({ details: { forged: true } })
          .where(eq(auditLog.seq, victim)),
      () => db.delete(auditLog).where(eq(auditLog.seq, victim)),
      () => db.execute(sql`TRUNCATE audit_log`),
    ];
    for (const attempt of attempts) {
      const err = await attempt().then(
        () => null,
        (e: unknown) => e as { message: string; cause?: { message?: string; code?: string } },
      );
      expect(err).not.toBeNull();
      expect(`${err!.message} ${err!.cause?.message ?? ''}`).toContain('append-only');
    }
    expect(await verify()).toMatchObject({ ok: true, firstBroken: null });
  });
});

describe('the verifier names the tampered record', () => {
  it('a changed record: hash-mismatch at its seq', async () => {
    const original = await rowAt(victim);
    await tamper((tx) =>
      tx
        .update(auditLog)
        .set({ details: { ...original.details, forged: true } })
        .where(eq(auditLog.seq, victim)),
    );
    const report = await verify();
    expect(report).toEqual({
      ok: false,
      checked: victim - 1,
      headSeq: victim,
      firstBroken: { seq: victim, reason: 'hash-mismatch' },
    });

    // Changing a field the hash covers other than details is caught the same way.
    await tamper((tx) =>
      tx
        .update(auditLog)
        .set({ details: original.details, outcome: 'success', actorRole: 'admin' })
        .where(eq(auditLog.seq, victim)),
    );
    if (original.actorRole !== 'admin' || original.outcome !== 'success') {
      expect((await verify()).firstBroken).toEqual({ seq: victim, reason: 'hash-mismatch' });
    }

    await tamper((tx) => tx.update(auditLog).set(contentOf(original)).where(eq(auditLog.seq, victim)));
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('a deleted record: sequence-gap at the first record after it', async () => {
    const original = await rowAt(victim);
    await tamper((tx) => tx.delete(auditLog).where(eq(auditLog.seq, victim)));
    const report = await verify();
    expect(report).toEqual({
      ok: false,
      checked: victim - 1,
      headSeq: victim + 1,
      firstBroken: { seq: victim + 1, reason: 'sequence-gap' },
    });

    await tamper((tx) => tx.insert(auditLog).values(original));
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('deleting the newest records is a truncation the chain alone cannot see (documented limit)', async () => {
    // Not a test of a guarantee but of a known limit: cutting the tail leaves a valid, shorter chain.
    // Anchoring the head hash outside the database (checkpoints) is what detects it.
    const head = await headSeq(t);
    const tail = await t.app.ctx.db
      .select()
      .from(auditLog)
      .where(gte(auditLog.seq, head))
      .orderBy(asc(auditLog.seq));
    await tamper((tx) => tx.delete(auditLog).where(gte(auditLog.seq, head)));
    expect(await verify()).toMatchObject({ ok: true, headSeq: head - 1 });
    // The verify call above appended a record at `head` again; put the original back in its place.
    await tamper(async (tx) => {
      await tx.delete(auditLog).where(gte(auditLog.seq, head));
      await tx.insert(auditLog).values(tail);
    });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('two records swapped: the first of them is named (prev-hash-mismatch)', async () => {
    const a = await rowAt(victim);
    const b = await rowAt(victim + 1);
    await tamper(async (tx) => {
      await tx.update(auditLog).set(contentOf(b)).where(eq(auditLog.seq, victim));
      await tx
        .update(auditLog)
        .set(contentOf(a))
        .where(eq(auditLog.seq, victim + 1));
    });
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ seq: victim, reason: 'prev-hash-mismatch' });

    await tamper(async (tx) => {
      await tx.update(auditLog).set(contentOf(a)).where(eq(auditLog.seq, victim));
      await tx
        .update(auditLog)
        .set(contentOf(b))
        .where(eq(auditLog.seq, victim + 1));
    });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('records each failed check in the log itself', async () => {
    const failed = await t.app.ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'audit.verify'))
      .orderBy(asc(auditLog.seq));
    expect(failed.filter((r) => r.outcome === 'failure').length).toBeGreaterThanOrEqual(3);
    expect(failed.find((r) => r.outcome === 'failure')!.details).toMatchObject({
      firstBroken: { seq: victim },
    });
  });
});
