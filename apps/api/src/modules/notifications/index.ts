export { enqueueNotification, type NotificationInput } from './outbox.ts';
