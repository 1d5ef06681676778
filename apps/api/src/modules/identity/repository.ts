import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { offices } from '../offices/schema.ts';
import { apiTokens, sessions, users } from './schema.ts';

export type UserRow = typeof users.$inferSelect;

export const findUserByUsername = async (db: Executor, username: string): Promise<UserRow | undefined> =>
  (await db.select().from(users).where(eq(users.username, username)).limit(1))[0];

export const findUserById = async (db: Executor, id: string): Promise<UserRow | undefined> =>
  (await db.select().from(users).where(eq(users.id, id)).limit(1))[0];

/** A live session with its user, in one query (the hot path of every request). */
export async function findLiveSession(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(sessions.revokedAt)))
    .limit(1);
  return row;
}

export async function findLiveApiToken(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({ token: apiTokens, officePath: offices.path })
    .from(apiTokens)
    .innerJoin(offices, eq(offices.id, apiTokens.officeId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row;
}

export const touchApiToken = (db: Executor, id: string, now: Date) =>
  db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    // Written at most once a minute per token. (Was `${now} - interval '1 minute'` in raw SQL: PostgreSQL typed the
    // untyped parameter as an interval, so every bearer-token request failed with 42883.)
    .where(
      and(
        eq(apiTokens.id, id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000))),
      ),
    );
