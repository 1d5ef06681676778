import type { Messages } from './messages.ts';

/** English texts of the notifications screens. */
export const notificationsEn: Pick<Messages, 'notifications'> = {
  notifications: {
    entry: 'Messages',
    title: 'My messages',
    unread: (n: number) => `${n} unread`,
    allRead: 'All read',
    readAll: 'Mark all read',
    empty: 'No messages yet. Case progress, payments and reminders will show up here.',
    more: 'Load more',
    unreadMark: 'Unread',
    open: 'Open',
    kinds: { case: 'Case', payment: 'Payment', reminder: 'Reminder', other: 'Notice' },
    sms: {
      sent: 'Sent by SMS',
      pending: 'SMS on its way',
      sending: 'SMS on its way',
      failed: 'SMS not delivered',
    },
    prefsTitle: 'How I get messages',
    prefs: {
      sms: 'SMS',
      smsHint: 'To the mobile number on record',
      inApp: 'In-app messages',
      inAppHint: 'Shown in Messages in this app',
      reminders: 'Reminders',
      remindersHint: 'Licence expiring, inspection due, fine surcharge soon, correction awaited',
    },
    oneChannel: 'Keep at least one channel on (SMS or in-app)',
    saved: 'Preferences saved',
  },
};
