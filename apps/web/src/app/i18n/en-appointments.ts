import type { appointmentsZhCN } from './zh-CN-appointments.ts';

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { [K in keyof T]: Widen<T[K]> };

/** English texts of the appointment screens. */
export const appointmentsEn: Widen<typeof appointmentsZhCN> = {
  appointments: {
    entry: 'Appointments',
    title: 'Book an appointment',
    category: 'Business',
    office: 'Office',
    day: 'Day',
    slot: 'Time',
    remaining: (n: number) => `${n} left`,
    full: 'Full',
    noSlots: 'No bookable time on this day',
    hold: 'Hold this time',
    holdHint: (time: string) => `This time is held for you: confirm it before ${time} or it is released.`,
    confirm: 'Confirm',
    cancel: 'Cancel',
    cancelConfirm: 'Cancel this appointment?',
    mine: 'My appointments',
    none: 'No appointments yet',
    code: 'Code',
    showQr: 'Check-in QR code',
    deadline: (time: string) => `Cancel or move it before ${time}`,
    rules:
      'Booking needs an ID-verified account; one active appointment per business at a time; 3 no-shows suspend online booking for 30 days; more than 15 minutes late and you join the walk-in queue.',
    statuses: {
      held: 'To confirm',
      confirmed: 'Booked',
      expired: 'Expired',
      cancelled: 'Cancelled',
      'checked-in': 'Checked in',
      'no-show': 'No-show',
      late: 'Late (walk-in queue)',
    },
    errors: {
      'slot full': 'This time is full: choose another',
      'you already hold an appointment for this category':
        'You already hold an appointment for this business',
      'real-name verification against an ID card is needed to book':
        'Verify your identity with your ID card to book',
    },
  },
};
