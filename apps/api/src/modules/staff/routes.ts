import {
  createdStaffSchema,
  createStaffBodySchema,
  idParamsSchema,
  pageOf,
  pageQuerySchema,
  roleInfoSchema,
  staffSchema,
} from '@opendmv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/plugin.ts';
import { auditActorOf } from '../../platform/auth/principal.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import { changeStaff, createStaff, listRoles, listStaff, type StaffAction } from './service.ts';

const staffQuerySchema = pageQuerySchema.extend({ officeId: z.uuid().optional() });
const staffPageSchema = pageOf(staffSchema).meta({ id: 'StaffPage' });

const ACTION_DOCS: Record<StaffAction, { operationId: string; summary: string }> = {
  unlock: { operationId: 'unlockStaff', summary: 'Clear the failed-login lock of a staff account' },
  disable: {
    operationId: 'disableStaff',
    summary: 'Disable a staff account and end its sessions (not your own)',
  },
  enable: { operationId: 'enableStaff', summary: 'Re-enable a disabled staff account' },
};

export async function staffRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/staff',
    {
      config: { permission: 'staff:read' },
      schema: {
        operationId: 'listStaff',
        tags: ['admin'],
        summary: "Staff accounts at offices in the caller's scope",
        querystring: staffQuerySchema,
        response: { 200: staffPageSchema, ...errors },
      },
    },
    async (req) => {
      const p = principalOf(req);
      return listStaff(
        app.ctx,
        p,
        req.query,
        auditActorOf(p, req.ip, req.id),
        localeOf(req.headers['accept-language']),
      );
    },
  );

  r.post(
    '/api/v1/staff',
    {
      config: { permission: 'staff:manage' },
      schema: {
        operationId: 'createStaff',
        tags: ['admin'],
        summary: 'Open a staff account; its TOTP secret is returned once',
        body: createStaffBodySchema,
        response: { 201: createdStaffSchema, ...errors },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const created = await createStaff(
        app.ctx,
        p,
        req.body,
        auditActorOf(p, req.ip, req.id),
        localeOf(req.headers['accept-language']),
      );
      return reply.code(201).send(created);
    },
  );

  for (const action of ['unlock', 'disable', 'enable'] as const) {
    r.post(
      `/api/v1/staff/:id/${action}`,
      {
        config: { permission: 'staff:manage' },
        schema: {
          ...ACTION_DOCS[action],
          tags: ['admin'],
          params: idParamsSchema,
          response: { 200: staffSchema, ...errors },
        },
      },
      async (req) => {
        const p = principalOf(req);
        return changeStaff(
          app.ctx,
          p,
          req.params.id,
          action,
          auditActorOf(p, req.ip, req.id),
          localeOf(req.headers['accept-language']),
        );
      },
    );
  }

  r.get(
    '/api/v1/roles',
    {
      config: { permission: 'office:read' },
      schema: {
        operationId: 'listRoles',
        tags: ['admin'],
        summary: 'Every role with its labels, permissions and second-factor rule',
        response: { 200: z.object({ items: z.array(roleInfoSchema) }), ...errors },
      },
    },
    async () => ({ items: listRoles() }),
  );
}
