import type { Messages } from './messages.ts';

/** English texts of the payments screens. */
export const paymentsEn: Pick<Messages, 'payments'> = {
  payments: {
    entry: 'Payments',
  },
};
