import type { Role } from './roles.ts';

/** Every permission the API checks. Routes name one; the UI shows what the role holds. */
export const PERMISSIONS = [
  'self:read', // a citizen's own licence, vehicles, violations
  'self:update',
  'registry:search', // look up persons, vehicles, licences by ID number, plate or VIN
  'person:read',
  'person:read-full', // unmasked ID and phone; needs a stated purpose and is audited
  'person:create',
  'vehicle:read',
  'licence:read',
  'violation:read',
  'violation:record',
  'violation:decide',
  'audit:read',
  'audit:verify',
  'office:read',
  'office:manage',
  'staff:read',
  'staff:manage',
  'token:manage',
  'device:self', // a kiosk or partner system reads its own registration
  'catalog:manage', // edit business items (new versions)
  'case:apply', // apply online and follow one's own cases
  'case:read', // cases handled in one's office scope, deadline lists
  'case:handle', // window acceptance and the officer's workflow actions
  'case:supervise', // decisions reserved to supervisors, escalated cases
  'partner:submit', // a partner system delivers its records
  'case:act-for', // an agency agent files and follows cases under a citizen's authorization
  'payment:collect', // take a fee or fine at the window (cash, POS, card, QR)
  'payment:reconcile', // payment orders, the ledger and the daily reconciliation with each provider
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Roles → permissions. The single table both the API guard and the web app read. */
export const ROLE_PERMISSIONS = {
  citizen: ['self:read', 'self:update', 'case:apply'],
  officer: [
    'registry:search',
    'person:read',
    'person:read-full',
    'person:create',
    'vehicle:read',
    'licence:read',
    'violation:read',
    'violation:record',
    'violation:decide',
    'office:read',
    'case:read',
    'case:handle',
    'payment:collect',
  ],
  supervisor: [
    'registry:search',
    'person:read',
    'vehicle:read',
    'licence:read',
    'violation:read',
    'audit:read',
    'audit:verify',
    'office:read',
    'staff:read',
    'case:read',
    'case:supervise',
    'payment:reconcile',
  ],
  admin: [
    'office:read',
    'office:manage',
    'staff:read',
    'staff:manage',
    'token:manage',
    'audit:verify',
    'catalog:manage',
  ],
  agent: ['case:act-for'], // only under a citizen's authorization (电子委托书), checked per case
  partner: ['device:self', 'violation:record', 'partner:submit'],
  kiosk: ['device:self'],
} as const satisfies Record<Role, readonly Permission[]>;

export const can = (role: Role, permission: Permission): boolean =>
  (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);

export const permissionsOf = (role: Role): readonly Permission[] => ROLE_PERMISSIONS[role];
