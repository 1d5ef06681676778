import type { Messages } from './messages.ts';

/** English texts of the notifications screens. */
export const notificationsEn: Pick<Messages, 'notifications'> = {
  notifications: {
    entry: 'Messages',
  },
};
