import { z } from 'zod';
import { PERMISSIONS } from '../identity/permissions.ts';
import { officeKindSchema, roleSchema } from '../identity/roles.ts';
import { partnerSourceSchema } from './partner.ts';

export const officeSchema = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    kind: officeKindSchema,
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    address: z.string().nullable(),
    path: z.string(),
  })
  .meta({ id: 'Office' });
export type OfficeDto = z.infer<typeof officeSchema>;

export const createOfficeBodySchema = z
  .object({
    parentId: z.uuid(),
    kind: officeKindSchema,
    code: z.string().regex(/^[A-Z0-9-]{2,32}$/),
    nameZh: z.string().trim().min(2).max(80),
    nameEn: z.string().trim().min(2).max(120),
    address: z.string().trim().max(200).optional(),
  })
  .meta({
    id: 'CreateOfficeBody',
    example: {
      parentId: '00000000-0000-4000-8000-000000000001',
      kind: 'branch',
      code: 'BR-09',
      nameZh: '东城分所',
      nameEn: 'Dongcheng Branch',
    },
  });

export const staffSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    role: roleSchema,
    officeId: z.uuid().nullable(),
    officeName: z.string().nullable().meta({
      description: "The office's name in the caller's language (Accept-Language: English or Chinese)",
    }),
    status: z.enum(['active', 'disabled']),
    isLocked: z.boolean(),
    hasTotp: z.boolean(),
    lastLoginAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'Staff' });
export type StaffDto = z.infer<typeof staffSchema>;

export const createStaffBodySchema = z
  .object({
    username: z.string().regex(/^[a-z][a-z0-9_.-]{2,31}$/),
    displayName: z.string().trim().min(2).max(40),
    role: z.enum(['officer', 'supervisor', 'admin']),
    officeId: z.uuid(),
    password: z.string().min(10).max(128),
  })
  .meta({
    id: 'CreateStaffBody',
    example: {
      username: 'officer9',
      displayName: '李警官',
      role: 'officer',
      officeId: '00000000-0000-4000-8000-000000000001',
      password: 'Change-me-2026',
    },
  });

export const createdStaffSchema = z
  .object({ staff: staffSchema, totpSecret: z.string().nullable(), totpUri: z.string().nullable() })
  .meta({ id: 'CreatedStaff' });

export const roleInfoSchema = z.object({
  role: roleSchema,
  zh: z.string(),
  en: z.string(),
  permissions: z.array(z.enum(PERMISSIONS)),
  requiresTotp: z.boolean(),
});

export const apiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(['kiosk', 'partner']),
    /** The data source a partner token speaks for; null for a kiosk. */
    partnerSource: partnerSourceSchema.nullable(),
    officeId: z.uuid(),
    prefix: z.string(),
    createdAt: z.iso.datetime({ offset: true }),
    revokedAt: z.iso.datetime({ offset: true }).nullable(),
    lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'ApiToken' });
export const createApiTokenBodySchema = z
  .object({
    name: z.string().trim().min(2).max(80),
    kind: z.enum(['kiosk', 'partner']),
    officeId: z.uuid(),
    /** Required for a partner token: which data source it may post (hospital, insurer, post…). */
    partnerSource: partnerSourceSchema.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.kind === 'partner' && !b.partnerSource)
      ctx.addIssue({ code: 'custom', path: ['partnerSource'], message: 'required for a partner token' });
    if (b.kind === 'kiosk' && b.partnerSource)
      ctx.addIssue({ code: 'custom', path: ['partnerSource'], message: 'only for a partner token' });
  })
  .meta({ id: 'CreateApiTokenBody' });
export const createdApiTokenSchema = z
  .object({
    token: apiTokenSchema,
    secret: z.string().meta({ description: 'Shown once; send as Authorization: Bearer <secret>' }),
  })
  .meta({ id: 'CreatedApiToken' });
