import type { Executor } from '../../platform/db/client.ts';
import { findAncestorsOrSelf, findOfficeById, listOfficesUnder } from './repository.ts';

export interface OfficeScope {
  officeId: string;
  officePath: string;
  /** The 车管所 (or detachment) the office belongs to: registry data is shared across its branches. */
  registryScopePath: string;
}

const cache = new Map<string, { at: number; scope: OfficeScope }>();
const TTL_MS = 30_000;

/** Scope of a staff member's or device's office, cached briefly (offices change rarely). */
export async function officeScopeOf(db: Executor, officeId: string): Promise<OfficeScope | null> {
  const hit = cache.get(officeId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.scope;
  const office = await findOfficeById(db, officeId);
  if (!office) return null;
  const chain = await findAncestorsOrSelf(db, office.path);
  const root = chain.find((o) => o.kind === 'office' || o.kind === 'detachment') ?? office;
  const scope = { officeId, officePath: office.path, registryScopePath: root.path };
  cache.set(officeId, { at: Date.now(), scope });
  return scope;
}

export const clearOfficeScopeCache = (): void => {
  cache.clear();
  idsCache.clear();
};

const idsCache = new Map<string, { at: number; ids: string[] }>();

/**
 * Ids of every office under a path, cached briefly: registry queries filter `office_id = ANY($ids)`,
 * which plans in microseconds, instead of re-deriving the subtree from paths on every request.
 */
export async function officeIdsUnder(db: Executor, path: string): Promise<string[]> {
  const hit = idsCache.get(path);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.ids;
  const ids = (await listOfficesUnder(db, path)).map((o) => o.id);
  idsCache.set(path, { at: Date.now(), ids });
  return ids;
}
