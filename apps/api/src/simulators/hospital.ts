import {
  addDays,
  addYears,
  type MedicalResultRecord,
  type PartnerIngestResult,
  todayInShanghai,
} from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import type { PartnerClient } from './http.ts';
import { chance, compactDate, digits, postBatch, readRows, type Tick } from './world.ts';

export const HOSPITAL_NAME = '示范市第一人民医院体检中心';

/** A driver's medical examination as the hospital's system reports it. */
export function medicalRecord(input: {
  idNumber: string;
  examDate?: string;
  result?: 'pass' | 'fail';
  reference?: string;
}): MedicalResultRecord {
  const examDate = input.examDate ?? todayInShanghai();
  const result = input.result ?? 'pass';
  const acuity = () =>
    Math.round((result === 'pass' ? 4.9 + Math.random() * 0.4 : 4.3 + Math.random() * 0.5) * 10) / 10;
  return {
    reference: input.reference ?? `TJ${compactDate(examDate)}${digits(8)}`,
    idNumber: input.idNumber,
    hospital: HOSPITAL_NAME,
    examDate,
    result,
    vision: { left: acuity(), right: acuity() },
    hearing: 'pass',
    ...(result === 'fail' ? { notes: '视力不符合申请准驾车型要求' } : {}),
  };
}

/** The hospital examines one driver and sends the result (身体条件证明). */
export function simulateMedicalExam(
  client: PartnerClient,
  input: Parameters<typeof medicalRecord>[0],
): Promise<PartnerIngestResult> {
  return client.send('hospital-medical', [medicalRecord(input)]);
}

/**
 * Drivers who come for a medical: licence in (or just past) the renewal window, or aged 70 and over
 * (the yearly certificate), with no valid result on file yet.
 */
export const hospitalTick: Tick = async (client, world, count) => {
  const today = world.clock.today();
  const rows = await readRows<{ id_number_enc: string }>(
    world,
    sql`select p.id_number_enc from driving_licences l join persons p on p.id = l.person_id
        where l.status in ('valid', 'expired')
          and ((l.valid_until between ${addYears(today, -1)}::date and ${addDays(today, 90)}::date)
               or p.birth_date <= ${addYears(today, -70)}::date)
          and not exists (select 1 from partner_records r where r.person_id = p.id
                          and r.source = 'hospital-medical' and r.valid_until >= ${today}::date)
        order by random() limit ${count}`,
  );
  const records = rows.map((r) =>
    medicalRecord({
      idNumber: world.pii.decrypt(r.id_number_enc),
      examDate: today,
      result: chance(0.93) ? 'pass' : 'fail',
    }),
  );
  return postBatch(records, (batch) => client.send('hospital-medical', batch));
};
