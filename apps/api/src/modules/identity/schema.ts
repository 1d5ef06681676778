import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { auditedColumns, uuidPk } from '../../platform/db/columns.ts';
import { offices } from '../offices/schema.ts';

/** Every account that logs in with a password: citizens, staff, agency agents. */
export const users = pgTable(
  'users',
  {
    id: uuidPk(),
    username: text('username').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['citizen', 'officer', 'supervisor', 'admin', 'agent'] }).notNull(),
    displayName: text('display_name').notNull(),
    officeId: uuid('office_id').references(() => offices.id),
    /** The registry person a citizen account is bound to (real-name). */
    personId: uuid('person_id'),
    realNameLevel: text('real_name_level', { enum: ['phone', 'id', 'face'] }),
    /** TOTP secret, encrypted with the data key. */
    totpSecretEnc: text('totp_secret_enc'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    ...auditedColumns,
  },
  (t) => [index('users_office_idx').on(t.officeId), index('users_person_idx').on(t.personId)],
);

/** Browser sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Hashed API tokens for kiosks and partner systems. The secret is shown once. */
export const apiTokens = pgTable('api_tokens', {
  id: uuidPk(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['kiosk', 'partner'] }).notNull(),
  /** For a partner token: which data source it speaks for (hospital, insurer, inspection, tax, post, dealer). */
  partnerSource: text('partner_source'),
  officeId: uuid('office_id')
    .notNull()
    .references(() => offices.id),
  prefix: text('prefix').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  ...auditedColumns,
});
