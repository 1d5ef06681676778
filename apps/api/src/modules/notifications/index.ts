/** Notifications: the outbox, the SMS and in-app channels, reminders, and the citizen's inbox. */
export { type CaseChange, caseTemplateFor, notifyCaseChange } from './case-notices.ts';
export { type DispatchResult, dispatchDueNotifications } from './dispatcher.ts';
export { startNotificationLoop } from './loop.ts';
export { enqueueNotification, type NotificationInput } from './outbox.ts';
export { scanReminders } from './reminders.ts';
export { notificationRoutes } from './routes.ts';
export { renderMessage, SMS_SIGNATURE, smsText, TEMPLATES } from './templates.ts';
