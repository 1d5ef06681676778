/** Appointments' public surface: routes, the hold-expiry loop, and what the hall uses (no-shows, transitions). */
export { appointmentRoutes } from './routes.ts';
export {
  activeBan,
  type Booker,
  closeOfficeDay,
  expireHolds,
  holdSlot,
  recordNoShow,
  startAppointmentLoop,
} from './service.ts';
export { ensureSlots } from './slots.ts';
export { type AppointmentActor, type AppointmentRow, transitionAppointment } from './workflow.ts';
