import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/client.ts';
import { apiTokens } from '../../identity/schema.ts';
import { offices, pathUnder } from '../../offices/index.ts';

/** API tokens are rows of identity's `api_tokens` table (identity resolves them); this is the administrators' side. */
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export interface ApiTokenWithOffice {
  token: ApiTokenRow;
  officeName: string;
  officePath: string;
}

const selection = { token: apiTokens, officeName: offices.nameZh, officePath: offices.path };

export async function listTokensInScope(
  db: Executor,
  scopePath: string,
  page: { limit: number; offset: number },
) {
  const where = pathUnder(scopePath);
  const rows = await db
    .select(selection)
    .from(apiTokens)
    .innerJoin(offices, eq(offices.id, apiTokens.officeId))
    .where(where)
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(page.limit)
    .offset(page.offset);
  const [totals] = await db
    .select({ total: count() })
    .from(apiTokens)
    .innerJoin(offices, eq(offices.id, apiTokens.officeId))
    .where(where);
  return { rows, total: totals?.total ?? 0 };
}

export async function findTokenById(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ApiTokenWithOffice | undefined> {
  const q = db
    .select(selection)
    .from(apiTokens)
    .innerJoin(offices, eq(offices.id, apiTokens.officeId))
    .where(eq(apiTokens.id, id))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for('update', { of: apiTokens }) : await q;
  return row;
}

export async function insertToken(db: Executor, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

/** Revokes a live token; undefined when it was already revoked. */
export async function revokeToken(
  db: Executor,
  id: string,
  now: Date,
  by: string | null,
): Promise<ApiTokenRow | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now, updatedAt: now, updatedBy: by })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}
