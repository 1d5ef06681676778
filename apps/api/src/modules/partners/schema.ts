import { date, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { uuidPk } from '../../platform/db/columns.ts';
import { apiTokens } from '../identity/schema.ts';
import { persons, vehicles } from '../registry/schema.ts';

/**
 * Data partners hold (数据代替纸质材料): medical results, compulsory insurance policies, inspection results,
 * vehicle tax, postal delivery events, new-vehicle sales. `(source, reference)` is unique, so a partner
 * re-sending a record changes nothing.
 */
export const partnerRecords = pgTable(
  'partner_records',
  {
    id: uuidPk(),
    source: text('source').notNull(),
    kind: text('kind').notNull(),
    reference: text('reference').notNull(),
    tokenId: uuid('token_id').references(() => apiTokens.id),
    personId: uuid('person_id').references(() => persons.id),
    vehicleId: uuid('vehicle_id').references(() => vehicles.id),
    vin: text('vin'),
    caseNumber: text('case_number'),
    validFrom: date('valid_from', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    unique('partner_records_source_ref').on(t.source, t.reference),
    index('partner_records_person_idx').on(t.personId, t.source),
    index('partner_records_vehicle_idx').on(t.vehicleId, t.source),
    index('partner_records_vin_idx').on(t.vin, t.source),
    index('partner_records_case_idx').on(t.caseNumber),
  ],
);
