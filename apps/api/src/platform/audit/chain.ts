import crypto from 'node:crypto';

/** The hash chain's pure part: canonical form of a record and its hash. Shared by writer and verifier. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  at: string; // ISO 8601, UTC, milliseconds
  actorId: string | null;
  actorRole: string | null;
  actorKind: string;
  officeId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: string;
  ip: string | null;
  requestId: string | null;
  details: unknown;
}

/** JSON with object keys sorted at every depth, so jsonb's key reordering cannot change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHash(prevHash: string, r: ChainedFields): string {
  const body = canonicalJson([
    r.seq,
    new Date(r.at).toISOString(),
    r.actorId,
    r.actorRole,
    r.actorKind,
    r.officeId,
    r.action,
    r.entityType,
    r.entityId,
    r.outcome,
    r.ip,
    r.requestId,
    r.details,
  ]);
  return crypto.createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
