import { type CaseTrackingDto, maskAddress, type TrackingStep } from '@opendmv/contracts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import { caseForCaller } from '../cases/access.ts';
import type { CaseRow } from '../cases/repository.ts';
import { findOfficeById } from '../offices/index.ts';
import { type DeliveryEvent, findDeliveryEvents } from '../partners/index.ts';

const BEFORE_DECISION = new Set([
  'submitted',
  'auto-checked',
  'accepted',
  'correction-requested',
  'reviewed',
]);

/** Where the item stands, from the case's status and (by post) the post's latest event. */
function currentStep(row: CaseRow, events: DeliveryEvent[]): TrackingStep {
  const status = row.status;
  if (status === 'rejected' || status === 'withdrawn') return 'closed';
  if (BEFORE_DECISION.has(status)) return 'not-decided';
  if (row.delivery === 'electronic') return 'electronic';
  if (row.delivery === 'collect') {
    if (status === 'approved') return 'preparing';
    if (status === 'produced') return 'ready-for-collection';
    return 'collected';
  }
  const last = events.at(-1);
  if (last) return last.event;
  if (status === 'approved') return 'preparing';
  if (status === 'produced') return 'awaiting-post';
  // Delivered by hand by an officer (no postal event), or closed after delivery.
  return 'delivered';
}

/**
 * Where the licence, plate or label a case produced is: the parcel's tracking events from the post
 * partner (newest last), or the outlet to collect it at. Same access as the case itself.
 */
export async function caseTracking(ctx: AppContext, p: Principal, caseId: string): Promise<CaseTrackingDto> {
  const { row } = await caseForCaller(ctx.db, p, caseId, ctx.clock.today());
  const events = row.delivery === 'post' ? await findDeliveryEvents(ctx.db, row.number) : [];
  const outlet =
    row.delivery === 'collect'
      ? await findOfficeById(ctx.db, row.outletId ?? row.handlingOfficeId)
      : undefined;
  return {
    caseId: row.id,
    delivery: row.delivery,
    trackingNumber: events.at(-1)?.trackingNumber ?? null,
    address: row.delivery === 'post' && row.deliveryAddress ? maskAddress(row.deliveryAddress) : null,
    events: events.map((e) => ({ event: e.event, at: new Date(e.at).toISOString(), place: e.place })),
    current: currentStep(row, events),
    outlet: outlet
      ? { id: outlet.id, name: outlet.nameZh, nameEn: outlet.nameEn, address: outlet.address }
      : null,
  };
}
