import { z } from 'zod';
import { PERMISSIONS } from '../identity/permissions.ts';
import { officeKindSchema, realNameLevelSchema, roleSchema } from '../identity/roles.ts';

export const loginBodySchema = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
    totp: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .meta({ id: 'LoginBody', example: { username: 'officer1', password: 'Officer#2026', totp: '123456' } });
export type LoginBody = z.infer<typeof loginBodySchema>;

export const meSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    role: roleSchema,
    permissions: z.array(z.enum(PERMISSIONS)),
    office: z
      .object({
        id: z.uuid(),
        name: z.string().meta({
          description: "The office's name in the caller's language (Accept-Language: English or Chinese)",
        }),
        kind: officeKindSchema,
      })
      .nullable(),
    realNameLevel: realNameLevelSchema.nullable(),
    personId: z.uuid().nullable(),
    csrfToken: z
      .string()
      .meta({ description: 'Send back in the x-csrf-token header on every state-changing request' }),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'odmv_session';
