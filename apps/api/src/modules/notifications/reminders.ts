import { addDays, addMonths, daysBetween, inspectionStatus, paymentDeadline } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { enqueueNotification, type NotificationInput } from './outbox.ts';

/** Reminders go out this many days before a licence expires. */
export const LICENCE_REMINDER_DAYS = 90;
/** A fine's reminder goes out when its surcharge starts in at most this many days. */
export const SURCHARGE_REMINDER_DAYS = 3;
/** A correction request unanswered for this many days is recalled to the applicant. */
export const CORRECTION_REMINDER_DAYS = 3;

/** Only people who have not turned reminders off, and only a reminder not written before. */
const wanted = (person: ReturnType<typeof sql>, key: ReturnType<typeof sql>) => sql`
  NOT EXISTS (SELECT 1 FROM notification_preferences np WHERE np.person_id = ${person} AND np.reminders = false)
  AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = ${key})`;

const yuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

/**
 * Finds what a citizen should be reminded of today and writes one message for each: a licence expiring
 * within 90 days, a vehicle whose inspection window is open, a decided fine whose surcharge starts within
 * 3 days, a correction request waiting on the applicant for 3 days or more. Each reminder has a dedupe
 * key naming what it is about (the licence and its expiry date, the vehicle and its validity, the fine,
 * the case and its correction request), so scanning again — on this node or another — writes nothing new.
 * People who turned reminders off are skipped. Returns how many messages were written.
 */
export async function scanReminders(ctx: AppContext): Promise<number> {
  const today = ctx.clock.today();
  const due: NotificationInput[] = [];

  const licences = await queryRows<{ id: string; person_id: string; valid_until: string }>(
    ctx.db,
    sql`SELECT dl.id, dl.person_id, dl.valid_until::text AS valid_until FROM driving_licences dl
        WHERE dl.valid_until BETWEEN ${today}::date AND ${addDays(today, LICENCE_REMINDER_DAYS)}::date
          AND dl.status NOT IN ('revoked', 'cancelled')
          AND ${wanted(sql`dl.person_id`, sql`'reminder:licence:' || dl.id || ':' || dl.valid_until::text`)}`,
  );
  for (const l of licences)
    due.push({
      personId: l.person_id,
      template: 'reminder.licence-expiring',
      params: { validUntil: l.valid_until, days: daysBetween(today, l.valid_until) },
      link: '/citizen/services/DL-RENEW',
      dedupeKey: `reminder:licence:${l.id}:${l.valid_until}`,
    });

  // The window opens in the month two months before the validity's month (检验有效期满前三个月内).
  const vehicles = await queryRows<{
    id: string;
    owner_id: string;
    plate: string | null;
    valid_until: string;
  }>(
    ctx.db,
    sql`SELECT v.id, v.owner_id, v.plate, v.inspection_valid_until::text AS valid_until FROM vehicles v
        WHERE v.inspection_valid_until BETWEEN ${today}::date AND ${addMonths(today, 3)}::date
          AND v.status NOT IN ('scrapped', 'deregistered', 'stolen')
          AND ${wanted(sql`v.owner_id`, sql`'reminder:inspection:' || v.id || ':' || v.inspection_valid_until::text`)}`,
  );
  for (const v of vehicles) {
    if (inspectionStatus(v.valid_until, today) !== 'window-open') continue;
    due.push({
      personId: v.owner_id,
      template: 'reminder.inspection-due',
      params: { plate: v.plate ?? '', validUntil: v.valid_until },
      link: '/citizen/services',
      dedupeKey: `reminder:inspection:${v.id}:${v.valid_until}`,
    });
  }

  // Decided, unpaid fines: the grace period is at most a few weeks, so recent decisions are enough to read.
  const fines = await queryRows<{
    id: string;
    person_id: string;
    plate: string;
    fine_fen: number;
    decision_date: string;
  }>(
    ctx.db,
    sql`SELECT x.id, COALESCE(x.driver_id, veh.owner_id) AS person_id, x.plate, x.fine_fen,
               x.decision_date::text AS decision_date
        FROM violations x LEFT JOIN vehicles veh ON veh.id = x.vehicle_id
        WHERE x.status = 'decided' AND x.decision_date >= ${addDays(today, -90)}::date
          AND COALESCE(x.driver_id, veh.owner_id) IS NOT NULL
          AND ${wanted(sql`COALESCE(x.driver_id, veh.owner_id)`, sql`'reminder:fine:' || x.id`)}`,
  );
  for (const f of fines) {
    const deadline = paymentDeadline(f.decision_date);
    // The surcharge starts the day after the deadline.
    const startsIn = daysBetween(today, deadline) + 1;
    if (startsIn < 1 || startsIn > SURCHARGE_REMINDER_DAYS) continue;
    due.push({
      personId: f.person_id,
      template: 'reminder.fine-surcharge',
      params: { plate: f.plate, fineYuan: yuan(Number(f.fine_fen)), deadline },
      link: '/citizen',
      dedupeKey: `reminder:fine:${f.id}`,
    });
  }

  // One reminder per correction request: the request's event number names it.
  const cutoff = new Date(ctx.clock.now().getTime() - CORRECTION_REMINDER_DAYS * 86_400_000);
  const waiting = await queryRows<{
    id: string;
    number: string;
    applicant_person_id: string;
    last_seq: number;
    correction: string | null;
    name: { zh: string; en: string } | null;
  }>(
    ctx.db,
    sql`SELECT c.id, c.number, c.applicant_person_id, c.last_seq, c.correction,
               cv.definition->'name' AS name
        FROM cases c JOIN catalog_versions cv ON cv.id = c.item_version_id
        WHERE c.status = 'correction-requested' AND c.state_entered_at <= ${cutoff.toISOString()}::timestamptz
          AND ${wanted(sql`c.applicant_person_id`, sql`'reminder:correction:' || c.id || ':' || c.last_seq`)}`,
  );
  for (const c of waiting)
    due.push({
      personId: c.applicant_person_id,
      template: 'reminder.correction-waiting',
      params: {
        number: c.number,
        item: c.name?.zh ?? '',
        itemEn: c.name?.en ?? '',
        note: c.correction || '详见申请详情',
        ...(c.correction ? {} : { noteEn: 'see the application' }),
      },
      link: `/citizen/cases/${c.id}`,
      dedupeKey: `reminder:correction:${c.id}:${c.last_seq}`,
    });

  let written = 0;
  for (const input of due) {
    if (await ctx.db.transaction((tx) => enqueueNotification(ctx, tx, input))) written += 1;
  }
  return written;
}
