import {
  idParamsSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationPreferencesSchema,
  notificationSchema,
  readAllResultSchema,
} from '@opendmv/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../platform/auth/plugin.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import { getMyPreferences, listMyNotifications, markAllRead, markRead, setMyPreferences } from './service.ts';

const tags = ['notifications'];
const locale = (req: FastifyRequest) => localeOf(req.headers['accept-language']);

/** A citizen's inbox and the channels they want messages on. Citizens only. */
export async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const citizen = { permission: 'self:read', roles: ['citizen'] } as const;

  r.get(
    '/api/v1/me/notifications',
    {
      config: citizen,
      schema: {
        operationId: 'listMyNotifications',
        tags,
        summary: 'My messages, newest first, in my language, with the unread count',
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema, ...errors },
      },
    },
    async (req) => listMyNotifications(app.ctx, userOf(req), req.query, locale(req)),
  );

  r.post(
    '/api/v1/me/notifications/:id/read',
    {
      config: citizen,
      schema: {
        operationId: 'readMyNotification',
        tags,
        summary: 'Mark one of my messages read',
        params: idParamsSchema,
        response: { 200: notificationSchema, ...errors },
      },
    },
    async (req) => markRead(app.ctx, userOf(req), req.params.id, locale(req)),
  );

  r.post(
    '/api/v1/me/notifications/read-all',
    {
      config: citizen,
      schema: {
        operationId: 'readAllMyNotifications',
        tags,
        summary: 'Mark every message of mine read',
        response: { 200: readAllResultSchema, ...errors },
      },
    },
    async (req) => markAllRead(app.ctx, userOf(req)),
  );

  r.get(
    '/api/v1/me/notification-preferences',
    {
      config: citizen,
      schema: {
        operationId: 'getMyNotificationPreferences',
        tags,
        summary: 'Where I want messages: SMS, in-app, and reminders on or off',
        response: { 200: notificationPreferencesSchema, ...errors },
      },
    },
    async (req) => getMyPreferences(app.ctx, userOf(req)),
  );

  r.put(
    '/api/v1/me/notification-preferences',
    {
      config: citizen,
      schema: {
        operationId: 'setMyNotificationPreferences',
        tags,
        summary: 'Choose my channels (at least one stays on) and whether I get reminders',
        body: notificationPreferencesSchema,
        response: { 200: notificationPreferencesSchema, ...errors },
      },
    },
    async (req) =>
      setMyPreferences(app.ctx, userOf(req), { ip: req.ip, requestId: req.id }, req.body, locale(req)),
  );
}
