import crypto from 'node:crypto';
import type { DELIVERY_EVENTS, DeliveryEventRecord, PartnerIngestResult } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import type { PartnerClient } from './http.ts';
import { chance, postBatch, readRows, type Tick } from './world.ts';

type DeliveryEvent = (typeof DELIVERY_EVENTS)[number];

/** The normal course of a parcel; 'failed' is the exception. */
const COURSE: readonly DeliveryEvent[] = ['accepted', 'in-transit', 'out-for-delivery', 'delivered'];
const PLACES: Record<DeliveryEvent, string> = {
  accepted: '示范市东湖邮政支局',
  'in-transit': '示范市邮区中心局',
  'out-for-delivery': '示范市投递部',
  delivered: '收件人本人签收',
  failed: '收件人不在，已电话联系',
};

/**
 * The tracking number of a case's parcel: an S10 item id (UPU), EMS series `E?`, 8 digits, the S10 check
 * digit, `CN`. Derived from the case number, so the same case always travels under the same number.
 */
export function trackingNumberOf(caseNumber: string): string {
  const h = crypto.createHash('sha256').update(caseNumber).digest();
  const serial = String(h.readUInt32BE(0) % 100_000_000).padStart(8, '0');
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...serial].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  const c = 11 - (sum % 11);
  const check = c === 10 ? 0 : c === 11 ? 5 : c;
  return `E${'ABCDEFGHJKLMNPQRSTUVWXYZ'[h[4]! % 24]}${serial}${check}CN`;
}

/** One tracking event; its reference is the tracking number and the event, so a resend is a duplicate. */
export function deliveryRecord(input: {
  caseNumber: string;
  event: DeliveryEvent;
  at?: Date;
}): DeliveryEventRecord {
  const trackingNumber = trackingNumberOf(input.caseNumber);
  return {
    reference: `${trackingNumber}-${input.event}`,
    trackingNumber,
    caseNumber: input.caseNumber,
    event: input.event,
    at: (input.at ?? new Date()).toISOString(),
    place: PLACES[input.event],
  };
}

/**
 * The post reports a case's parcel: the given events, or its whole course from acceptance to delivery,
 * an hour apart and ending now.
 */
export function simulateDelivery(
  client: PartnerClient,
  input: { caseNumber: string; events?: readonly DeliveryEvent[]; now?: Date },
): Promise<PartnerIngestResult> {
  const events = input.events ?? COURSE;
  const end = (input.now ?? new Date()).getTime();
  return client.send(
    'post-delivery',
    events.map((event, i) =>
      deliveryRecord({
        caseNumber: input.caseNumber,
        event,
        at: new Date(end - (events.length - 1 - i) * 3_600_000),
      }),
    ),
  );
}

/** Cases sent by post whose documents are produced: each moves one step along its parcel's course. */
export const postTick: Tick = async (client, world, count) => {
  const rows = await readRows<{ number: string; last: DeliveryEvent | null }>(
    world,
    sql`select c.number,
               (select r.payload->>'event' from partner_records r
                where r.source = 'post-delivery' and r.case_number = c.number
                order by (r.payload->>'at')::timestamptz desc limit 1) as last
        from cases c
        where c.delivery = 'post' and c.status in ('produced', 'delivered')
        order by c.updated_at limit ${count * 4}`,
  );
  const now = world.clock.now();
  const records: DeliveryEventRecord[] = [];
  for (const c of rows) {
    if (records.length >= count || c.last === 'delivered') continue;
    const next: DeliveryEvent =
      c.last === null
        ? 'accepted'
        : c.last === 'failed'
          ? 'out-for-delivery'
          : c.last === 'out-for-delivery' && chance(0.1)
            ? 'failed'
            : COURSE[COURSE.indexOf(c.last) + 1]!;
    records.push({
      ...deliveryRecord({ caseNumber: c.number, event: next, at: now }),
      // A second attempt after a failure is a new event.
      ...(c.last === 'failed' ? { reference: `${trackingNumberOf(c.number)}-retry-${now.getTime()}` } : {}),
    });
  }
  return postBatch(records, (batch) => client.send('post-delivery', batch));
};
