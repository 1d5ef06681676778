import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { issuedDocuments } from './schema.ts';

export type IssuedDocumentRow = typeof issuedDocuments.$inferSelect;

/** JSON with sorted keys: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export interface IssueInput {
  kind: 'receipt' | 'decision';
  sourceKind: 'payment-order' | 'case';
  sourceId: string;
  personId: string;
  content: Record<string, unknown>;
}

/**
 * Issues a document in the caller's transaction, once per (kind, source): a second call returns the one
 * already issued. Numbers: R (receipt) or D (decision) + date + running number.
 */
export async function issueDocument(ctx: AppContext, tx: Tx, input: IssueInput): Promise<IssuedDocumentRow> {
  const [existing] = await tx
    .select()
    .from(issuedDocuments)
    .where(
      and(
        eq(issuedDocuments.kind, input.kind),
        eq(issuedDocuments.sourceKind, input.sourceKind),
        eq(issuedDocuments.sourceId, input.sourceId),
      ),
    );
  if (existing) return existing;
  const res = (await tx.execute(sql`SELECT nextval('issued_document_seq') AS n`)) as unknown as {
    rows: { n: string | number }[];
  };
  const prefix = input.kind === 'receipt' ? 'R' : 'D';
  const number = `${prefix}${ctx.clock.today().replaceAll('-', '')}${String(Number(res.rows[0]!.n) % 1_000_000).padStart(6, '0')}`;
  const [row] = await tx
    .insert(issuedDocuments)
    .values({
      kind: input.kind,
      number,
      sourceKind: input.sourceKind,
      sourceId: input.sourceId,
      personId: input.personId,
      content: input.content,
      sha256: crypto.createHash('sha256').update(canonicalJson(input.content)).digest('hex'),
      issuedAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning();
  if (row) return row;
  // Issued meanwhile by a concurrent transaction.
  const [again] = await tx
    .select()
    .from(issuedDocuments)
    .where(
      and(
        eq(issuedDocuments.kind, input.kind),
        eq(issuedDocuments.sourceKind, input.sourceKind),
        eq(issuedDocuments.sourceId, input.sourceId),
      ),
    );
  return again!;
}

/** Voids a document (a refunded payment's receipt): it stays, marked void with the reason. */
export async function voidDocument(
  ctx: AppContext,
  tx: Tx,
  kind: IssueInput['kind'],
  sourceKind: IssueInput['sourceKind'],
  sourceId: string,
  reason: string,
): Promise<void> {
  await tx
    .update(issuedDocuments)
    .set({ voidedAt: ctx.clock.now(), voidReason: reason })
    .where(
      and(
        eq(issuedDocuments.kind, kind),
        eq(issuedDocuments.sourceKind, sourceKind),
        eq(issuedDocuments.sourceId, sourceId),
      ),
    );
}
