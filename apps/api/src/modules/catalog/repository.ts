import { type ItemDefinition, itemDefinitionSchema } from '@opendmv/contracts';
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { catalogItems, catalogVersions } from './schema.ts';

export type CatalogVersionRow = typeof catalogVersions.$inferSelect;

export interface ItemVersion {
  id: string;
  code: string;
  version: number;
  definition: ItemDefinition;
  definitionHash: string;
  effectiveFrom: string;
  changeNote: string | null;
  createdAt: Date;
  createdBy: string | null;
}

// Versions never change once written (a trigger refuses it), so a parsed version can be kept for ever.
const byId = new Map<string, ItemVersion>();

export function toItemVersion(row: CatalogVersionRow): ItemVersion {
  const known = byId.get(row.id);
  if (known) return known;
  const v: ItemVersion = {
    id: row.id,
    code: row.code,
    version: row.version,
    definition: itemDefinitionSchema.parse(row.definition),
    definitionHash: row.definitionHash,
    effectiveFrom: row.effectiveFrom,
    changeNote: row.changeNote,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
  byId.set(row.id, v);
  return v;
}

export async function findVersionById(db: Executor, id: string): Promise<ItemVersion | undefined> {
  const known = byId.get(id);
  if (known) return known;
  const [row] = await db.select().from(catalogVersions).where(eq(catalogVersions.id, id));
  return row ? toItemVersion(row) : undefined;
}

/** The newest version of each active item in force on `onDate` (effectiveFrom ≤ onDate). */
export async function listVersionsInForce(db: Executor, onDate: string): Promise<ItemVersion[]> {
  const rows = await db
    .selectDistinctOn([catalogVersions.code])
    .from(catalogVersions)
    .innerJoin(catalogItems, eq(catalogItems.code, catalogVersions.code))
    .where(and(eq(catalogItems.status, 'active'), lte(catalogVersions.effectiveFrom, onDate)))
    .orderBy(asc(catalogVersions.code), desc(catalogVersions.version));
  return rows.map((r) => toItemVersion(r.catalog_versions));
}

const IN_FORCE_TTL_MS = 5_000;
// Per database handle (a process normally has one; tests run several side by side).
let inForce = new WeakMap<Executor, Map<string, { at: number; version: ItemVersion | undefined }>>();
/** Forget the versions in force (this node saved a new one; other nodes see it within 5 s). */
export const clearInForceCache = (): void => {
  inForce = new WeakMap();
};

/** The version in force for new cases, cached 5 s per node: every application reads it. */
export async function findVersionInForce(db: Executor, code: string, onDate: string) {
  const key = `${code}@${onDate}`;
  const cache = inForce.get(db) ?? new Map();
  inForce.set(db, cache);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < IN_FORCE_TTL_MS) return hit.version;
  const version = await loadVersionInForce(db, code, onDate);
  cache.set(key, { at: Date.now(), version });
  return version;
}

async function loadVersionInForce(db: Executor, code: string, onDate: string) {
  const [row] = await db
    .select()
    .from(catalogVersions)
    .innerJoin(catalogItems, eq(catalogItems.code, catalogVersions.code))
    .where(
      and(
        eq(catalogVersions.code, code),
        eq(catalogItems.status, 'active'),
        lte(catalogVersions.effectiveFrom, onDate),
      ),
    )
    .orderBy(desc(catalogVersions.version))
    .limit(1);
  return row ? toItemVersion(row.catalog_versions) : undefined;
}

export async function listVersionsOf(db: Executor, code: string): Promise<ItemVersion[]> {
  const rows = await db
    .select()
    .from(catalogVersions)
    .where(eq(catalogVersions.code, code))
    .orderBy(desc(catalogVersions.version));
  return rows.map(toItemVersion);
}

export async function lockItem(db: Executor, code: string) {
  const [row] = await db.select().from(catalogItems).where(eq(catalogItems.code, code)).for('update');
  return row;
}

export async function insertVersion(
  db: Executor,
  values: Omit<typeof catalogVersions.$inferInsert, 'id'>,
): Promise<ItemVersion> {
  const [row] = await db.insert(catalogVersions).values(values).returning();
  return toItemVersion(row!);
}

export async function openCaseCounts(db: Executor, code: string): Promise<Map<string, number>> {
  const rows = (await db.execute(
    sql`SELECT item_version_id AS id, count(*)::int AS n FROM cases
        WHERE item_code = ${code} AND status NOT IN ('completed','rejected','withdrawn') GROUP BY item_version_id`,
  )) as unknown as { rows: { id: string; n: number }[] };
  return new Map(rows.rows.map((r) => [r.id, r.n]));
}
