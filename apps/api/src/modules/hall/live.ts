import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { notifyNearTickets } from './live-board.ts';

/** What changed in a hall: boards and phones connected to any node re-read what concerns them. */
export interface HallChange {
  officeId: string;
  action: string;
  ticketId?: string;
  counterId?: string;
}

/** A change as delivered to a node: `origin` is the node that published it (it runs the after-commit work). */
export interface DeliveredHallChange extends HallChange {
  origin?: string;
}

type Callback = (change: DeliveredHallChange) => void;

/** One per API node (per app instance): delivers every hall change, committed on any node, to its subscribers. */
export interface HallListener {
  /** This node's id, carried in the changes it publishes. */
  readonly nodeId: string;
  /** Calls `cb` for each change in that office (and with action `resync` after a lost connection). Returns unsubscribe. */
  onHallChange(officeId: string, cb: Callback): () => void;
  /** Every change in every office (and `resync` with officeId `*`). Returns unsubscribe. */
  onAnyHallChange(cb: Callback): () => void;
  stop(): Promise<void>;
}

export const HALL_CHANNEL = 'hall_changes';

/** The listener of each app context: publishHallChange tags its changes with that node's id. */
const listenerOf = new WeakMap<AppContext, HallListener>();

/**
 * Tells every API node that a hall changed: a NOTIFY in the caller's transaction, delivered by the
 * database at commit (never when it rolls back), to the listener of every node on PostgreSQL, and on
 * PGlite to each listener of the shared instance.
 */
export async function publishHallChange(ctx: AppContext, tx: Tx, change: HallChange): Promise<void> {
  const payload: DeliveredHallChange = {
    officeId: change.officeId,
    action: change.action,
    ...(change.ticketId ? { ticketId: change.ticketId } : {}),
    ...(change.counterId ? { counterId: change.counterId } : {}),
  };
  const origin = listenerOf.get(ctx)?.nodeId;
  if (origin) payload.origin = origin;
  await tx.execute(sql`SELECT pg_notify(${HALL_CHANNEL}, ${JSON.stringify(payload)})`);
}

function parseChange(payload: string | undefined): DeliveredHallChange | null {
  if (!payload) return null;
  try {
    const v = JSON.parse(payload) as Partial<DeliveredHallChange>;
    if (typeof v.officeId !== 'string' || typeof v.action !== 'string') return null;
    return v as DeliveredHallChange;
  } catch {
    return null;
  }
}

/**
 * Starts this node's listener: a dedicated PostgreSQL connection (not from the pool) that LISTENs and
 * reconnects when dropped (subscribers then get a `resync`), or PGlite's own listen on the embedded
 * instance.
 */
export async function startHallListener(ctx: AppContext, log: FastifyBaseLogger): Promise<HallListener> {
  const nodeId = crypto.randomUUID();
  const byOffice = new Map<string, Set<Callback>>();
  const any = new Set<Callback>();
  let stopped = false;

  const call = (cb: Callback, change: DeliveredHallChange) => {
    try {
      cb(change);
    } catch (err) {
      log.error({ err }, 'hall change subscriber failed');
    }
  };
  const deliver = (change: DeliveredHallChange) => {
    for (const cb of [...any]) call(cb, change);
    if (change.officeId === '*') {
      for (const set of byOffice.values()) for (const cb of [...set]) call(cb, change);
      return;
    }
    for (const cb of [...(byOffice.get(change.officeId) ?? [])]) call(cb, change);
  };
  // The node that made a change (or every node, for a change of unknown origin) sends the "three ahead"
  // texts right after its commit; bursts in one office make one run, never two at once.
  const inflight = new Set<Promise<unknown>>();
  const nearRuns = new Map<string, { running: boolean; again: boolean }>();
  const runNear = (officeId: string) => {
    const state = nearRuns.get(officeId) ?? { running: false, again: false };
    nearRuns.set(officeId, state);
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = true;
    state.again = false;
    const run = notifyNearTickets(ctx, officeId)
      .catch((err: unknown) => log.error({ err, officeId }, 'hall three-ahead notification failed'))
      .finally(() => {
        state.running = false;
        if (state.again && !stopped) runNear(officeId);
        else nearRuns.delete(officeId);
        inflight.delete(run);
      });
    inflight.add(run);
  };
  const onPayload = (payload: string | undefined) => {
    if (stopped) return;
    const change = parseChange(payload);
    if (!change) return;
    deliver(change);
    if (change.origin === nodeId || change.origin === undefined) runNear(change.officeId);
  };

  let stopSource: () => Promise<void>;
  const { database } = ctx;
  if (database.kind === 'pglite') {
    if (!database.lite) throw new Error('PGlite database without its instance');
    const unlisten = await database.lite.listen(HALL_CHANNEL, onPayload);
    stopSource = async () => {
      await unlisten().catch(() => {});
    };
  } else {
    const connectionString = database.pool?.options.connectionString ?? ctx.config.databaseUrl;
    if (!connectionString) throw new Error('PostgreSQL database without a connection string');
    let client: pg.Client | null = null;
    let timer: NodeJS.Timeout | null = null;
    let delay = 500;
    const connect = async (isReconnect: boolean): Promise<void> => {
      const c = new pg.Client({ connectionString });
      let dropped = false;
      const onDrop = (err?: Error) => {
        if (dropped) return;
        dropped = true;
        if (client === c) client = null;
        c.end().catch(() => {});
        if (stopped) return;
        log.warn({ err }, 'hall listener connection lost; reconnecting');
        schedule();
      };
      c.on('error', onDrop);
      c.on('end', () => onDrop());
      c.on('notification', (msg) => {
        if (msg.channel === HALL_CHANNEL) onPayload(msg.payload);
      });
      await c.connect();
      await c.query(`LISTEN ${HALL_CHANNEL}`);
      if (stopped) {
        await c.end().catch(() => {});
        return;
      }
      client = c;
      delay = 500;
      // Changes made while disconnected were not heard: every screen re-reads.
      if (isReconnect) deliver({ officeId: '*', action: 'resync' });
    };
    const schedule = () => {
      if (stopped || timer) return;
      timer = setTimeout(() => {
        timer = null;
        connect(true).catch((err: unknown) => {
          log.warn({ err }, 'hall listener reconnect failed');
          delay = Math.min(delay * 2, 10_000);
          schedule();
        });
      }, delay);
      timer.unref();
    };
    await connect(false);
    stopSource = async () => {
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    };
  }

  const listener: HallListener = {
    nodeId,
    onHallChange(officeId, cb) {
      let set = byOffice.get(officeId);
      if (!set) {
        set = new Set();
        byOffice.set(officeId, set);
      }
      set.add(cb);
      return () => {
        const s = byOffice.get(officeId);
        s?.delete(cb);
        if (s?.size === 0) byOffice.delete(officeId);
      };
    },
    onAnyHallChange(cb) {
      any.add(cb);
      return () => any.delete(cb);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      listenerOf.delete(ctx);
      byOffice.clear();
      any.clear();
      await stopSource();
      await Promise.allSettled([...inflight]);
    },
  };
  listenerOf.set(ctx, listener);
  return listener;
}
