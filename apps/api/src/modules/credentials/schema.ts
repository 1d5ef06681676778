import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidPk } from '../../platform/db/columns.ts';
import { drivingLicences, persons } from '../registry/schema.ts';

/**
 * Share codes (分享码) a licence holder gives an employer or a car-rental firm: single use, time limited.
 * Only a hash of the code is kept; `usedAt` is set in the transaction that shows the licence, so a second
 * use is refused however close together the two come.
 */
export const licenceShareCodes = pgTable(
  'licence_share_codes',
  {
    id: uuidPk(),
    codeHash: text('code_hash').notNull().unique(),
    licenceId: uuid('licence_id')
      .notNull()
      .references(() => drivingLicences.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** Who the holder says it is for (shown in their list); free text. */
    purpose: text('purpose'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    /** Who used it, as they named themselves (e.g. the firm's name). */
    usedBy: text('used_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('licence_share_codes_person_idx').on(t.personId, t.createdAt.desc())],
);
