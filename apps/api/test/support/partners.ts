import { idCheckChar, type PartnerSource } from '@opendmv/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/client.ts';
import type { TestApp } from './harness.ts';

/** A valid ID number of Beijing (the demo city's persons all have province code 19): never registered. */
export const unregisteredId = (): string => {
  const first17 = `11010119900307${String(100 + Math.floor(Math.random() * 800))}`;
  return first17 + idCheckChar(first17);
};

/** Reads of the test database that partner tests need: subjects a partner would know, and what was stored. */
export function partnerFixtures(app: () => TestApp) {
  const rows = <T>(q: SQL) => queryRows<T>(app().app.ctx.db, q);
  const count = async (source?: PartnerSource) =>
    (
      await rows<{ n: number }>(
        source
          ? sql`select count(*)::int as n from partner_records where source = ${source}`
          : sql`select count(*)::int as n from partner_records`,
      )
    )[0]!.n;

  /** Registered persons with their ID numbers in clear (as a hospital would hold them). */
  const people = async (n: number, offset = 0) => {
    const found = await rows<{ id: string; id_number_enc: string }>(
      sql`select id, id_number_enc from persons order by id limit ${n} offset ${offset}`,
    );
    return found.map((p) => ({ id: p.id, idNumber: app().app.ctx.pii.decrypt(p.id_number_enc) }));
  };
  const registeredVehicles = (n: number, offset = 0) =>
    rows<{ id: string; vin: string }>(
      sql`select id, vin from vehicles where vin_check_ok order by id limit ${n} offset ${offset}`,
    );
  const storedRow = async (reference: string) =>
    (
      await rows<Record<string, unknown>>(sql`select * from partner_records where reference = ${reference}`)
    )[0]!;

  /** A case sent by post, inserted as the case engine would have stored it (the post needs a real number). */
  const postCase = async (number: string, delivery: 'post' | 'collect' = 'post') => {
    const db = app().app.ctx.db;
    const existing = await rows<{ code: string }>(
      sql`select code from catalog_versions order by code limit 1`,
    );
    if (existing.length === 0) {
      await db.execute(sql`insert into catalog_items (code, current_version) values ('TEST-PARTNER', 1)`);
      await db.execute(sql`insert into catalog_versions (code, version, definition, definition_hash, effective_from)
        values ('TEST-PARTNER', 1, '{}'::jsonb, 'test', '2026-01-01')`);
    }
    const [p] = await people(1);
    await db.execute(sql`insert into cases (number, item_code, item_version_id, item_version, channel, status,
        applicant_person_id, subject_kind, subject_label, handling_office_id, fee_fen, delivery, "check",
        submitted_at, state_entered_at)
      select ${number}, v.code, v.id, v.version, 'online', 'produced', ${p!.id}, 'person', 'test', o.id, 0,
        ${delivery}, '{}'::jsonb, now(), now()
      from catalog_versions v, offices o where o.code = 'CGS' order by v.code limit 1`);
  };

  return { rows, count, people, registeredVehicles, storedRow, postCase };
}
