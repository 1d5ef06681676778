import {
  type AppointmentAction,
  type AppointmentStatus,
  nextAppointmentStatus,
  releasesSeat,
} from '@opendmv/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { appointmentEvents, appointmentSlots, appointments } from './schema.ts';

export type AppointmentRow = typeof appointments.$inferSelect;
export interface AppointmentActor {
  audit: AuditActor;
  /** For the appointment's history: 'citizen', 'agent', 'supervisor', 'system'… */
  name: string;
}

/**
 * The only writer of an appointment's status, in the caller's transaction: checks the transition table
 * in contracts, moves the status only if nobody moved it meanwhile (`WHERE status = from`: a concurrent
 * change loses with 409), gives the seat back when the action frees it, appends the appointment's event
 * and writes the audit record.
 */
export async function transitionAppointment(
  ctx: AppContext,
  tx: Tx,
  appt: AppointmentRow,
  action: AppointmentAction,
  actor: AppointmentActor,
  opts: { details?: Record<string, unknown>; patch?: Partial<typeof appointments.$inferInsert> } = {},
): Promise<AppointmentRow> {
  const from = appt.status as AppointmentStatus;
  const to = nextAppointmentStatus(from, action);
  if (!to) throw new AppError('ILLEGAL_TRANSITION', undefined, `${action} from ${from}`);
  const now = ctx.clock.now();
  const [updated] = await tx
    .update(appointments)
    .set({ status: to, updatedAt: now, ...opts.patch })
    .where(and(eq(appointments.id, appt.id), eq(appointments.status, from)))
    .returning();
  if (!updated)
    throw new AppError('CONFLICT', [
      { field: 'id', message: 'the appointment changed meanwhile, reload it' },
    ]);
  if (releasesSeat(action))
    await tx
      .update(appointmentSlots)
      .set({ booked: sql`${appointmentSlots.booked} - 1` })
      .where(eq(appointmentSlots.id, appt.slotId));
  await recordAppointmentEvent(tx, appt.id, action, from, to, actor.name, opts.details ?? {}, now);
  await appendAudit(tx, actor.audit, {
    action: `appointment.${action}`,
    entityType: 'appointment',
    entityId: appt.id,
    details: { code: appt.code, category: appt.category, from, to, ...opts.details },
  });
  return updated;
}

export async function recordAppointmentEvent(
  tx: Tx,
  appointmentId: string,
  action: string,
  from: string | null,
  to: string,
  actor: string,
  details: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await tx
    .insert(appointmentEvents)
    .values({ appointmentId, action, fromStatus: from, toStatus: to, actor, details, at });
}
