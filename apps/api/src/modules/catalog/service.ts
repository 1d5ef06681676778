import {
  CATALOG_SEED,
  type CatalogItemSummary,
  type CatalogVersion,
  FACTS,
  factsOf,
  type ItemDefinition,
  type ServiceGuide,
} from '@opendmv/contracts';
import { eq, inArray, sql } from 'drizzle-orm';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { canonicalJson } from '../../platform/audit/chain.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { auditActorOf } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto/pii.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { users } from '../identity/schema.ts';
import { offices } from '../offices/schema.ts';
import {
  clearInForceCache,
  findVersionInForce,
  type ItemVersion,
  insertVersion,
  listVersionsInForce,
  listVersionsOf,
  lockItem,
  openCaseCounts,
} from './repository.ts';
import { catalogItems } from './schema.ts';

type Meta = { ip: string; requestId: string };
const KNOWN_FACTS = new Set(FACTS.map((f) => f.name));

export const definitionHash = (d: ItemDefinition): string => sha256(canonicalJson(d));

export function toSummary(v: ItemVersion): CatalogItemSummary {
  const d = v.definition;
  return {
    code: v.code,
    version: v.version,
    versionId: v.id,
    name: d.name,
    summary: d.summary,
    category: d.category,
    subject: d.subject,
    channels: d.channels,
    delivery: d.delivery,
    feeFen: d.feeFen,
    promisedDays: d.promisedDays,
    statutoryDays: d.statutoryDays,
    instantApproval: d.instantApproval,
    presenceRequired: d.presenceRequired,
    effectiveFrom: d.effectiveFrom,
  };
}

/** Rules may only read facts the platform derives: an unknown fact would silently never hold. */
function assertKnownFacts(d: ItemDefinition): void {
  const fields: { field: string; message: string }[] = [];
  // form.<key> names one of the item's own form fields (the VIN of a new vehicle is put there by the server).
  const formKeys = new Set([...d.form.map((f) => `form.${f.key}`), 'form.vin']);
  const known = (f: string) => KNOWN_FACTS.has(f) || formKeys.has(f);
  d.eligibility.forEach((r, i) => {
    for (const f of [...factsOf(r.require), ...(r.when ? factsOf(r.when) : [])])
      if (!known(f)) fields.push({ field: `body.definition.eligibility.${i}`, message: `unknown fact ${f}` });
  });
  d.materials.forEach((m, i) => {
    for (const f of m.when ? factsOf(m.when) : [])
      if (!known(f)) fields.push({ field: `body.definition.materials.${i}`, message: `unknown fact ${f}` });
  });
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', fields);
}

export async function listCatalog(ctx: AppContext): Promise<CatalogItemSummary[]> {
  return (await listVersionsInForce(ctx.db, ctx.clock.today())).map(toSummary);
}

export async function getItemInForce(ctx: AppContext, code: string): Promise<ItemVersion> {
  const v = await findVersionInForce(ctx.db, code, ctx.clock.today());
  if (!v) throw new AppError('NOT_FOUND');
  return v;
}

/** The public service guide (办事指南): the version in force and the outlets whose kind may handle it. */
export async function getGuide(ctx: AppContext, code: string): Promise<ServiceGuide> {
  const v = await getItemInForce(ctx, code);
  const outletRows = await ctx.db
    .select({
      id: offices.id,
      nameZh: offices.nameZh,
      nameEn: offices.nameEn,
      kind: offices.kind,
      address: offices.address,
    })
    .from(offices)
    .where(inArray(offices.kind, v.definition.officeKinds))
    .orderBy(offices.path);
  return {
    code: v.code,
    version: v.version,
    versionId: v.id,
    definition: v.definition,
    outlets: outletRows.map((o) => ({
      id: o.id,
      name: o.nameZh,
      nameEn: o.nameEn,
      kind: o.kind,
      address: o.address,
    })),
    publishedAt: v.createdAt.toISOString(),
  };
}

export async function listVersions(ctx: AppContext, code: string): Promise<CatalogVersion[]> {
  const versions = await listVersionsOf(ctx.db, code);
  if (versions.length === 0) throw new AppError('NOT_FOUND');
  const open = await openCaseCounts(ctx.db, code);
  const authorIds = [...new Set(versions.map((v) => v.createdBy).filter((x): x is string => x !== null))];
  const authors = new Map(
    authorIds.length === 0
      ? []
      : (
          await ctx.db
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(inArray(users.id, authorIds))
        ).map((u) => [u.id, u.name]),
  );
  return versions.map((v) => ({
    id: v.id,
    code: v.code,
    version: v.version,
    definition: v.definition,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdBy,
    createdByName: v.createdBy ? (authors.get(v.createdBy) ?? null) : null,
    changeNote: v.changeNote,
    openCases: open.get(v.id) ?? 0,
  }));
}

async function writeVersion(
  tx: Executor,
  d: ItemDefinition,
  version: number,
  note: string,
  by: string | null,
) {
  return insertVersion(tx, {
    code: d.code,
    version,
    definition: d,
    definitionHash: definitionHash(d),
    effectiveFrom: d.effectiveFrom,
    changeNote: note,
    createdBy: by,
  });
}

export async function createItem(
  ctx: AppContext,
  p: Principal,
  meta: Meta,
  body: { definition: ItemDefinition; changeNote: string },
): Promise<CatalogVersion> {
  assertKnownFacts(body.definition);
  const actor = auditActorOf(p, meta.ip, meta.requestId);
  const v = await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(catalogItems)
      .values({ code: body.definition.code, currentVersion: 1 })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0)
      throw new AppError('CONFLICT', [{ field: 'body.definition.code', message: 'exists' }]);
    const created = await writeVersion(tx, body.definition, 1, body.changeNote, actor.actorId);
    await appendAudit(tx, actor, {
      action: 'catalog.create',
      entityType: 'catalog-item',
      entityId: created.id,
      details: { code: created.code, version: 1, hash: created.definitionHash },
    });
    return created;
  });
  clearInForceCache();
  return (await listVersions(ctx, v.code))[0]!;
}

/** A new version. Open cases keep theirs; `baseVersion` refuses a save over someone else's newer one. */
export async function reviseItem(
  ctx: AppContext,
  p: Principal,
  meta: Meta,
  code: string,
  body: { baseVersion: number; definition: ItemDefinition; changeNote: string },
): Promise<CatalogVersion> {
  if (body.definition.code !== code)
    throw new AppError('VALIDATION_FAILED', [
      { field: 'body.definition.code', message: 'must match the URL' },
    ]);
  assertKnownFacts(body.definition);
  const actor = auditActorOf(p, meta.ip, meta.requestId);
  await ctx.db.transaction(async (tx) => {
    const item = await lockItem(tx, code);
    if (!item) throw new AppError('NOT_FOUND');
    if (item.currentVersion !== body.baseVersion)
      throw new AppError('CONFLICT', [
        { field: 'body.baseVersion', message: `version ${item.currentVersion} was saved in the meantime` },
      ]);
    const next = item.currentVersion + 1;
    const created = await writeVersion(tx, body.definition, next, body.changeNote, actor.actorId);
    await tx
      .update(catalogItems)
      .set({ currentVersion: next, updatedAt: sql`now()` })
      .where(eq(catalogItems.code, code));
    await appendAudit(tx, actor, {
      action: 'catalog.revise',
      entityType: 'catalog-item',
      entityId: created.id,
      details: {
        code,
        from: item.currentVersion,
        to: next,
        hash: created.definitionHash,
        note: body.changeNote,
      },
    });
  });
  clearInForceCache();
  return (await listVersions(ctx, code))[0]!;
}

/**
 * Loads the built-in items that are missing (first start, or an upgrade that adds items). An item the
 * office already has is left alone: its administrators own its versions from then on.
 */
export async function seedCatalog(ctx: AppContext): Promise<number> {
  const existing = new Set(
    (await ctx.db.select({ code: catalogItems.code }).from(catalogItems)).map((r) => r.code),
  );
  const missing = CATALOG_SEED.filter((d) => !existing.has(d.code));
  if (missing.length === 0) return 0;
  await ctx.db.transaction(async (tx) => {
    for (const d of missing) {
      await tx.insert(catalogItems).values({ code: d.code, currentVersion: 1 }).onConflictDoNothing();
      await writeVersion(tx, d, 1, 'built-in definition', null);
    }
    await appendAudit(tx, SYSTEM_ACTOR, {
      action: 'catalog.create',
      entityType: 'catalog',
      details: { codes: missing.map((d) => d.code) },
    });
  });
  return missing.length;
}
