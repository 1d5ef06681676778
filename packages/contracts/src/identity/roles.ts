import { z } from 'zod';

/** Every kind of principal that can call the API. Staff roles belong to an office. */
export const ROLES = ['citizen', 'officer', 'supervisor', 'admin', 'agent', 'partner', 'kiosk'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Roles that log in with a password and belong to an office. */
export const STAFF_ROLES = ['officer', 'supervisor', 'admin'] as const satisfies readonly Role[];
/** Roles that authenticate with a hashed API token rather than a browser session. */
export const DEVICE_ROLES = ['partner', 'kiosk'] as const satisfies readonly Role[];
/** 等保 level 3 (GB/T 22239-2019 身份鉴别 d): two factors for privileged accounts. */
export const TOTP_REQUIRED_ROLES = ['supervisor', 'admin'] as const satisfies readonly Role[];

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  citizen: { zh: '群众', en: 'Citizen' },
  officer: { zh: '窗口民警', en: 'Window officer' },
  supervisor: { zh: '督察', en: 'Supervisor' },
  admin: { zh: '系统管理员', en: 'Administrator' },
  agent: { zh: '代办人', en: 'Agency agent' },
  partner: { zh: '合作系统', en: 'Partner system' },
  kiosk: { zh: '自助终端', en: 'Kiosk device' },
};

export const isStaffRole = (r: Role): r is (typeof STAFF_ROLES)[number] =>
  (STAFF_ROLES as readonly Role[]).includes(r);
export const requiresTotp = (r: Role): boolean => (TOTP_REQUIRED_ROLES as readonly Role[]).includes(r);

/** Real-name levels of a citizen account, weakest first (实名等级). */
export const REAL_NAME_LEVELS = ['phone', 'id', 'face'] as const;
export const realNameLevelSchema = z.enum(REAL_NAME_LEVELS);
export type RealNameLevel = z.infer<typeof realNameLevelSchema>;
export const realNameAtLeast = (have: RealNameLevel, need: RealNameLevel): boolean =>
  REAL_NAME_LEVELS.indexOf(have) >= REAL_NAME_LEVELS.indexOf(need);

/** Office hierarchy: detachment → office → branch → outlet / kiosk (交警支队 → 车管所 → 分所 → 网点 / 岗亭). */
export const OFFICE_KINDS = ['detachment', 'office', 'branch', 'outlet', 'kiosk'] as const;
export const officeKindSchema = z.enum(OFFICE_KINDS);
export type OfficeKind = z.infer<typeof officeKindSchema>;
/** Which kinds may sit directly under which: the hierarchy as data. */
export const OFFICE_CHILD_KINDS = {
  detachment: ['office'],
  office: ['branch', 'outlet', 'kiosk'],
  branch: ['outlet', 'kiosk'],
  outlet: [],
  kiosk: [],
} as const satisfies Record<OfficeKind, readonly OfficeKind[]>;
export const canContain = (parent: OfficeKind, child: OfficeKind): boolean =>
  (OFFICE_CHILD_KINDS[parent] as readonly OfficeKind[]).includes(child);
