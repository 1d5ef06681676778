import crypto from 'node:crypto';
import { maskName } from '@opendmv/contracts';
import { and, desc, eq, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { persons } from '../registry/schema.ts';
import { bookingFootprints, riskSignals } from './schema.ts';

/**
 * Abuse resistance of booking (黄牛 controls): per-identity, per-IP and per-device rate limits on the
 * booking and allocation routes, and footprints — which identities booked from which device, phone or IP
 * (hashed) — that turn into risk signals for supervisors when one of them serves too many identities.
 *
 * Limits count real requests in one-minute windows that start at a key's first request (wall-clock
 * time, not the business clock),
 * in Redis when REDIS_URL is set (every API node shares one budget), in this process's memory otherwise.
 * A Redis error falls back to the memory counter for that request (the node keeps limiting on its own).
 */

export type LimitScope = 'identity' | 'ip' | 'device';
export type RateLimits = Record<LimitScope, number>;

/** Requests per minute on the guarded routes (product settings; BOOKING_RATE_LIMITS overrides them). */
export const DEFAULT_BOOKING_RATE_LIMITS: RateLimits = { identity: 20, device: 30, ip: 60 };
const WINDOW_MS = 60_000;

/** When one device / phone / IP has served this many identities within the window, supervisors see it. */
export const RISK_RULE = { identities: 3, windowHours: 24, evidenceMax: 50 } as const;

/** The routes guarded: booking (appointments module) and scarce-release requests. */
export const GUARDED_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/v1/me/appointments',
  'POST /api/v1/me/allocation-requests',
  'POST /api/v1/agent/appointments',
  'POST /api/v1/me/appointments/:id/reschedule',
]);

export const DEVICE_HEADER = 'x-device-id';
const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function deviceIdOf(req: FastifyRequest): string | null {
  const v = req.headers[DEVICE_HEADER];
  return typeof v === 'string' && DEVICE_ID.test(v) ? v : null;
}

export interface Counter {
  /** Counts one hit of `key` in its window (which starts at the key's first hit): the count so far and ms left. */
  hit(key: string, windowMs: number): Promise<{ n: number; resetMs: number }>;
}

export function memoryCounter(): Counter {
  const counts = new Map<string, { n: number; resetAt: number }>();
  return {
    async hit(key, windowMs) {
      const now = Date.now();
      let c = counts.get(key);
      if (!c || c.resetAt <= now) {
        if (counts.size > 100_000) for (const [k, v] of counts) if (v.resetAt <= now) counts.delete(k);
        c = { n: 0, resetAt: now + windowMs };
        counts.set(key, c);
      }
      c.n += 1;
      return { n: c.n, resetMs: c.resetAt - now };
    },
  };
}

const INCR_SCRIPT =
  "local c = redis.call('INCR', KEYS[1]) if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return {c, redis.call('PTTL', KEYS[1])}";

export const REDIS_KEY_PREFIX = 'odmv:rl:';

export function redisCounter(redis: Redis, fallback: Counter = memoryCounter()): Counter {
  return {
    async hit(key, windowMs) {
      try {
        const [n, ttl] = (await redis.eval(
          INCR_SCRIPT,
          1,
          `${REDIS_KEY_PREFIX}${key}`,
          String(windowMs),
        )) as [number, number];
        return { n: Number(n), resetMs: Math.max(0, Number(ttl)) };
      } catch {
        return fallback.hit(key, windowMs);
      }
    },
  };
}

export function openRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000, enableAutoPipelining: true });
}

const footprintKey = (ctx: AppContext) => ctx.pii.deriveKey('opendmv/booking-footprint');
const hashKey = (key: Buffer, kind: string, value: string) =>
  crypto.createHmac('sha256', key).update(`${kind}:${value}`).digest('base64url');

export interface EvidenceItem {
  personId: string;
  name: string;
  lastSeenAt: string;
}

/**
 * Records who booked from where (device, IP, and the person's own phone, hashed) and raises or updates a
 * risk signal for every key now shared by ≥ RISK_RULE.identities identities within the window. A signal
 * reviewed earlier is reopened when more identities appear.
 */
export async function recordFootprints(
  ctx: AppContext,
  personId: string,
  seen: { ip: string | null; device: string | null },
): Promise<void> {
  const now = ctx.clock.now();
  const key = footprintKey(ctx);
  const rows: { kind: 'device' | 'phone' | 'ip'; keyHash: string; personId: string; lastSeenAt: Date }[] = [];
  if (seen.device)
    rows.push({ kind: 'device', keyHash: hashKey(key, 'device', seen.device), personId, lastSeenAt: now });
  if (seen.ip) rows.push({ kind: 'ip', keyHash: hashKey(key, 'ip', seen.ip), personId, lastSeenAt: now });
  const [p] = await ctx.db
    .select({ phoneHash: persons.phoneHash })
    .from(persons)
    .where(eq(persons.id, personId));
  if (p?.phoneHash) rows.push({ kind: 'phone', keyHash: p.phoneHash, personId, lastSeenAt: now });
  if (rows.length === 0) return;
  await ctx.db
    .insert(bookingFootprints)
    .values(rows)
    .onConflictDoUpdate({
      target: [bookingFootprints.kind, bookingFootprints.keyHash, bookingFootprints.personId],
      set: { lastSeenAt: now },
    });
  const since = new Date(now.getTime() - RISK_RULE.windowHours * 3_600_000);
  const hashes = rows.map((r) => r.keyHash);
  const counts = await ctx.db
    .select({
      kind: bookingFootprints.kind,
      keyHash: bookingFootprints.keyHash,
      n: sql<number>`count(*)::int`,
    })
    .from(bookingFootprints)
    .where(and(inArray(bookingFootprints.keyHash, hashes), gte(bookingFootprints.lastSeenAt, since)))
    .groupBy(bookingFootprints.kind, bookingFootprints.keyHash);
  for (const c of counts) {
    if (c.n < RISK_RULE.identities || !rows.some((r) => r.kind === c.kind && r.keyHash === c.keyHash))
      continue;
    await raiseSignal(ctx, c.kind, c.keyHash, since, now);
  }
}

async function raiseSignal(
  ctx: AppContext,
  kind: 'device' | 'phone' | 'ip',
  keyHash: string,
  since: Date,
  now: Date,
): Promise<void> {
  const seen = await ctx.db
    .select({
      personId: bookingFootprints.personId,
      lastSeenAt: bookingFootprints.lastSeenAt,
      name: persons.name,
    })
    .from(bookingFootprints)
    .innerJoin(persons, eq(persons.id, bookingFootprints.personId))
    .where(
      and(
        eq(bookingFootprints.kind, kind),
        eq(bookingFootprints.keyHash, keyHash),
        gte(bookingFootprints.lastSeenAt, since),
      ),
    )
    .orderBy(desc(bookingFootprints.lastSeenAt))
    .limit(RISK_RULE.evidenceMax);
  const evidence: { rule: typeof RISK_RULE; identities: EvidenceItem[] } = {
    rule: RISK_RULE,
    identities: seen.map((s) => ({
      personId: s.personId,
      name: maskName(s.name),
      lastSeenAt: s.lastSeenAt.toISOString(),
    })),
  };
  const identities = seen.length;
  let firstSeen = now;
  for (const s of seen) if (s.lastSeenAt.getTime() < firstSeen.getTime()) firstSeen = s.lastSeenAt;
  await ctx.db
    .insert(riskSignals)
    .values({ kind, keyHash, identities, evidence, firstSeenAt: firstSeen, lastSeenAt: now })
    .onConflictDoUpdate({
      target: [riskSignals.kind, riskSignals.keyHash],
      set: {
        identities,
        evidence,
        lastSeenAt: now,
        // More identities since the review: the signal opens again.
        reviewedAt: sql`case when ${identities} > ${riskSignals.identities} then null else ${riskSignals.reviewedAt} end`,
      },
    });
}

export interface RiskSignalDto {
  id: string;
  kind: 'device' | 'phone' | 'ip';
  /** The first characters of the key's keyed hash: tells signals apart, reveals nothing. */
  keyRef: string;
  identities: number;
  evidence: { rule: unknown; identities: EvidenceItem[] };
  firstSeenAt: string;
  lastSeenAt: string;
  reviewedAt: string | null;
}

const signalDto = (r: typeof riskSignals.$inferSelect): RiskSignalDto => ({
  id: r.id,
  kind: r.kind,
  keyRef: r.keyHash.slice(0, 10),
  identities: r.identities,
  evidence: r.evidence as RiskSignalDto['evidence'],
  firstSeenAt: r.firstSeenAt.toISOString(),
  lastSeenAt: r.lastSeenAt.toISOString(),
  reviewedAt: r.reviewedAt?.toISOString() ?? null,
});

export async function listRiskSignals(
  ctx: AppContext,
  status: 'open' | 'reviewed' | 'all',
): Promise<{ items: RiskSignalDto[] }> {
  const rows = await ctx.db
    .select()
    .from(riskSignals)
    .where(
      status === 'open'
        ? isNull(riskSignals.reviewedAt)
        : status === 'reviewed'
          ? isNotNull(riskSignals.reviewedAt)
          : undefined,
    )
    .orderBy(desc(riskSignals.lastSeenAt))
    .limit(200);
  return { items: rows.map(signalDto) };
}

export async function reviewRiskSignal(
  ctx: AppContext,
  actor: AuditActor,
  id: string,
  note: string,
): Promise<RiskSignalDto> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(riskSignals)
      .set({ reviewedAt: ctx.clock.now() })
      .where(eq(riskSignals.id, id))
      .returning();
    if (!row) throw notFound('risk signal');
    await appendAudit(tx, actor, {
      action: 'risk-signal.review',
      entityType: 'risk-signal',
      entityId: id,
      details: { kind: row.kind, identities: row.identities, note },
    });
    return signalDto(row);
  });
}

/**
 * The guard on every route of GUARDED_ROUTES: after authentication and validation, count the request
 * against the caller's identity, IP and device (`x-device-id`, a random id the web app keeps per
 * browser); over any limit → 429 with Retry-After. Then leave the footprint.
 */
export const abuseGuard = fp<{ redis: Redis | null; limits: RateLimits | null }>(
  async (app: FastifyInstance, opts) => {
    const counter = opts.redis ? redisCounter(opts.redis) : memoryCounter();
    if (opts.redis) {
      opts.redis.on('error', (err: Error) => app.log.warn({ err: err.message }, 'redis error (rate limits)'));
      app.addHook('onClose', async () => {
        await opts.redis?.quit().catch(() => undefined);
      });
    }
    app.addHook('preHandler', async (req, reply) => {
      if (!GUARDED_ROUTES.has(`${req.method} ${req.routeOptions.url}`)) return;
      const p = req.principal;
      if (p?.kind !== 'user') return;
      const device = deviceIdOf(req);
      const checks: [LimitScope, string][] = [
        ['identity', p.userId],
        ['ip', req.ip],
      ];
      if (device) checks.push(['device', device]);
      // No limits (RATE_LIMIT_PER_MINUTE=0 without BOOKING_RATE_LIMITS): footprints only.
      const limits = opts.limits;
      const counts = limits
        ? await Promise.all(checks.map(([scope, key]) => counter.hit(`${scope}:${key}`, WINDOW_MS)))
        : [];
      const over = counts.filter((c, i) => c.n > limits![checks[i]![0]]);
      if (over.length > 0) {
        reply.header(
          'retry-after',
          String(Math.max(1, Math.ceil(Math.max(...over.map((c) => c.resetMs)) / 1000))),
        );
        throw new AppError('RATE_LIMITED');
      }
      if (p.personId) await recordFootprints(app.ctx, p.personId, { ip: req.ip, device });
    });
  },
  { name: 'opendmv-booking-abuse' },
);
