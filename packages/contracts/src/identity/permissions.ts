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
  'appointment:book', // book, confirm, move and cancel appointments (a citizen for self, an agent under authorization)
  'appointment:read', // an office's appointments of a day
  'appointment:manage', // close an office for a day (cancels its appointments)
  'hall:serve', // the service hall: check-in, tickets, call, recall, skip, transfer, serve at a counter
  'hall:manage', // the hall's counters and statistics
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Roles → permissions. The single table both the API guard and the web app read. */
export const ROLE_PERMISSIONS = {
  citizen: ['self:read', 'self:update', 'case:apply', 'appointment:book'],
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
    'appointment:read',
    'hall:serve',
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
    'appointment:read',
    'appointment:manage',
    'hall:manage',
  ],
  admin: [
    'office:read',
    'office:manage',
    'staff:read',
    'staff:manage',
    'token:manage',
    'audit:verify',
    'catalog:manage',
    'hall:manage',
  ],
  agent: ['case:act-for', 'appointment:book'], // only under a citizen's authorization (电子委托书), checked per case
  partner: ['device:self', 'violation:record', 'partner:submit'],
  kiosk: ['device:self'],
} as const satisfies Record<Role, readonly Permission[]>;

export const can = (role: Role, permission: Permission): boolean =>
  (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);

export const permissionsOf = (role: Role): readonly Permission[] => ROLE_PERMISSIONS[role];
