import type { HallBoardDto, TicketPositionDto } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { enqueueNotification } from '../notifications/index.ts';

/**
 * What the live screens add to the hall's own reads: the office's name for a screen's header, a
 * ticket's office (what its phone listens to), and the "three ahead" text. A ticket's place is its rank
 * among the waiting tickets of its office, day and category: the priority lane first, then by issue
 * time (as the hall's own count of people ahead).
 */

/** The board as the contracts describe it, with the office's name for the screen's header. */
export type BoardSnapshot = HallBoardDto & { officeName: { zh: string; en: string } };
/** A ticket's place as the contracts describe it, with its office for the phone's header. */
export type TicketPosition = TicketPositionDto & { officeId: string; officeName: { zh: string; en: string } };

/** The "three ahead" text goes out at this many people ahead (or fewer, the first time). */
export const NEAR_AHEAD = 3;

/** An office's name, or null when there is no such office. */
export async function officeName(ctx: AppContext, officeId: string) {
  const [o] = await queryRows<{ name_zh: string; name_en: string }>(
    ctx.db,
    sql`SELECT name_zh, name_en FROM offices WHERE id = ${officeId}`,
  );
  return o ? { zh: o.name_zh, en: o.name_en } : null;
}

interface RankedRow {
  id: string;
  person_id: string | null;
  number: string;
  ahead: number | string;
  near_notified_at: Date | string | null;
}

/** Waiting tickets of an office today with how many are ahead of each in its category's queue. */
async function rankedWaiting(ctx: AppContext, officeId: string, day: string): Promise<RankedRow[]> {
  return queryRows<RankedRow>(
    ctx.db,
    sql`SELECT t.id, t.person_id, t.number, t.near_notified_at,
               row_number() OVER (PARTITION BY t.category ORDER BY t.priority DESC, t.issued_at, t.number) - 1 AS ahead
          FROM queue_tickets t
         WHERE t.office_id = ${officeId} AND t.day = ${day} AND t.status = 'waiting'`,
  );
}

/** The office of a ticket, or null when there is no such ticket. */
export async function ticketOffice(ctx: AppContext, ticketId: string): Promise<string | null> {
  const [t] = await queryRows<{ office_id: string }>(
    ctx.db,
    sql`SELECT office_id FROM queue_tickets WHERE id = ${ticketId}`,
  );
  return t?.office_id ?? null;
}

/**
 * After a change in a hall: each waiting ticket of a known person with three or fewer ahead that was not
 * told yet gets its "three ahead" text, once. The conditional update and the outbox's dedupe key make a
 * second run (another node, a repeated change) write nothing. Returns the tickets told.
 */
export async function notifyNearTickets(ctx: AppContext, officeId: string): Promise<string[]> {
  const day = ctx.clock.today();
  const rows = await rankedWaiting(ctx, officeId, day);
  const due = rows.filter((r) => r.person_id && r.near_notified_at === null && Number(r.ahead) <= NEAR_AHEAD);
  if (due.length === 0) return [];
  const name = await officeName(ctx, officeId);
  const told: string[] = [];
  for (const r of due) {
    const done = await ctx.db.transaction(async (tx) => {
      const updated = await queryRows<{ id: string }>(
        tx,
        sql`UPDATE queue_tickets SET near_notified_at = ${ctx.clock.now().toISOString()}
             WHERE id = ${r.id} AND near_notified_at IS NULL AND status = 'waiting' RETURNING id`,
      );
      if (updated.length === 0) return false;
      await enqueueNotification(ctx, tx, {
        personId: r.person_id!,
        template: 'hall.three-ahead',
        params: {
          number: r.number,
          ahead: Number(r.ahead),
          office: name?.zh ?? '',
          officeEn: name?.en ?? '',
        },
        link: `/ticket/${r.id}`,
        dedupeKey: `hall:${r.id}:near`,
      });
      return true;
    });
    if (done) told.push(r.id);
  }
  return told;
}
