import { z } from 'zod';

/** The channels a message goes out on. In-app messages stay in the citizen's inbox either way. */
export const NOTIFICATION_CHANNELS = ['sms', 'in-app'] as const;
export const notificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

/** One message in the citizen's inbox, rendered in the reader's language (Accept-Language). */
export const notificationSchema = z
  .object({
    id: z.uuid(),
    /** Template code, e.g. `case.approved`, `reminder.licence-expiring`. */
    template: z.string(),
    /** `case` (a case moved on), `payment`, or `reminder`. */
    kind: z.enum(['case', 'payment', 'reminder', 'other']),
    title: z.string(),
    body: z.string(),
    /** Where the message points in the citizen's app, e.g. `/citizen/cases/<id>`. */
    link: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
    /** How it went out on each channel the citizen had chosen when it was written. */
    deliveries: z.array(z.object({ channel: notificationChannelSchema, status: deliveryStatusSchema })),
  })
  .meta({ id: 'Notification' });
export type NotificationDto = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const notificationListSchema = z
  .object({
    items: z.array(notificationSchema),
    total: z.number().int(),
    /** Unread messages in the whole inbox (not only this page). */
    unread: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'NotificationList' });
export type NotificationList = z.infer<typeof notificationListSchema>;

export const readAllResultSchema = z.object({ updated: z.number().int() });

/**
 * Where a citizen wants messages: SMS, the app's inbox, and whether reminders (licence expiring,
 * inspection due, fine surcharge soon, correction waiting) are sent at all. At least one channel stays on.
 */
export const notificationPreferencesSchema = z
  .strictObject({
    sms: z.boolean(),
    inApp: z.boolean(),
    reminders: z.boolean(),
  })
  .meta({ id: 'NotificationPreferences' });
export type NotificationPreferencesDto = z.infer<typeof notificationPreferencesSchema>;
