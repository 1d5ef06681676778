import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { auditedColumns, uuidPk } from '../../platform/db/columns.ts';
import { offices } from '../offices/schema.ts';

/**
 * Natural persons. The ID number and phone are stored encrypted (AES-256-GCM) with a keyed
 * HMAC for exact lookup and a masked copy for display; the plaintext never sits in a column.
 */
export const persons = pgTable(
  'persons',
  {
    id: uuidPk(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull().unique(),
    idNumberMasked: text('id_number_masked').notNull(),
    name: text('name').notNull(),
    sex: text('sex', { enum: ['M', 'F'] }).notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    regionCode: text('region_code').notNull(),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    phoneMasked: text('phone_masked'),
    address: text('address'),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    ...auditedColumns,
  },
  (t) => [index('persons_phone_hash_idx').on(t.phoneHash), index('persons_office_idx').on(t.officeId)],
);

export const vehicles = pgTable(
  'vehicles',
  {
    id: uuidPk(),
    vin: text('vin').notNull().unique(),
    vinCheckOk: boolean('vin_check_ok').notNull(),
    plate: text('plate').unique(),
    plateKind: text('plate_kind', { enum: ['regular', 'nev-small', 'nev-large'] }),
    vehicleType: text('vehicle_type').notNull(),
    useType: text('use_type').notNull(),
    energyType: text('energy_type').notNull(),
    brand: text('brand').notNull(),
    model: text('model').notNull(),
    colour: text('colour').notNull(),
    seats: smallint('seats').notNull(),
    registrationDate: date('registration_date', { mode: 'string' }).notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => persons.id),
    status: text('status').notNull().default('normal'),
    insuranceUntil: date('insurance_until', { mode: 'string' }),
    inspectionValidUntil: date('inspection_valid_until', { mode: 'string' }),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    ...auditedColumns,
  },
  (t) => [index('vehicles_owner_idx').on(t.ownerId)],
);

export const drivingLicences = pgTable('driving_licences', {
  id: uuidPk(),
  personId: uuid('person_id')
    .notNull()
    .unique()
    .references(() => persons.id),
  fileNumber: text('file_number').notNull().unique(),
  classes: text('classes').array().notNull().default(sql`'{}'::text[]`),
  firstIssueDate: date('first_issue_date', { mode: 'string' }).notNull(),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validUntil: date('valid_until', { mode: 'string' }),
  validityTier: text('validity_tier', { enum: ['6y', '10y', 'long'] }).notNull(),
  status: text('status').notNull().default('valid'),
  points: smallint('points').notNull().default(0),
  officeId: uuid('office_id')
    .notNull()
    .references(() => offices.id),
  ...auditedColumns,
});

export const violations = pgTable(
  'violations',
  {
    id: uuidPk(),
    code: text('code').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string' }).notNull(),
    place: text('place').notNull(),
    plate: text('plate').notNull(),
    vehicleId: uuid('vehicle_id').references(() => vehicles.id),
    driverId: uuid('driver_id').references(() => persons.id),
    /** Fine and points as the law stood when the violation occurred (snapshot of the code table). */
    fineFen: integer('fine_fen').notNull(),
    points: smallint('points').notNull(),
    status: text('status', { enum: ['unhandled', 'decided', 'paid'] })
      .notNull()
      .default('unhandled'),
    decisionDate: date('decision_date', { mode: 'string' }),
    paidAt: timestamp('paid_at', { withTimezone: true, mode: 'string' }),
    source: text('source', { enum: ['camera', 'officer', 'partner'] }).notNull(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    ...auditedColumns,
  },
  (t) => [
    index('violations_plate_time_idx').on(t.plate, t.occurredAt.desc()),
    index('violations_driver_idx').on(t.driverId),
    index('violations_vehicle_idx').on(t.vehicleId),
  ],
);
