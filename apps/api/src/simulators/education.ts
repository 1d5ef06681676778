import { type ExamResultRecord, type PartnerIngestResult, todayInShanghai } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import type { PartnerClient } from './http.ts';
import { chance, compactDate, digits, postBatch, randomInt, readRows, type Tick } from './world.ts';

/**
 * A point-reduction study and exam (学法减分): online study is worth 1 point, on-site study 2 (公安部令第163号);
 * the points count only when the exam is passed.
 */
export function examRecord(input: {
  idNumber: string;
  examDate?: string;
  passed?: boolean;
  pointsEarned?: 1 | 2;
  reference?: string;
}): ExamResultRecord {
  const examDate = input.examDate ?? todayInShanghai();
  const pointsEarned = input.pointsEarned ?? 1;
  return {
    reference: input.reference ?? `XF${compactDate(examDate)}${digits(8)}`,
    idNumber: input.idNumber,
    examDate,
    passed: input.passed ?? true,
    pointsEarned,
    studyMinutes: pointsEarned === 1 ? randomInt(30, 60) : randomInt(180, 240),
  };
}

/** The education platform reports one driver's study and exam. */
export function simulateExamResult(
  client: PartnerClient,
  input: Parameters<typeof examRecord>[0],
): Promise<PartnerIngestResult> {
  return client.send('study-exam', [examRecord(input)]);
}

/** Drivers with points on a valid licence (below the full score) who studied and sat the exam today. */
export const educationTick: Tick = async (client, world, count) => {
  const today = world.clock.today();
  const rows = await readRows<{ id_number_enc: string }>(
    world,
    sql`select p.id_number_enc from driving_licences l join persons p on p.id = l.person_id
        where l.status = 'valid' and l.points between 1 and 11
          and not exists (select 1 from partner_records r where r.person_id = p.id
                          and r.source = 'study-exam' and r.valid_from = ${today}::date)
        order by random() limit ${count}`,
  );
  const records = rows.map((r) =>
    examRecord({
      idNumber: world.pii.decrypt(r.id_number_enc),
      examDate: today,
      passed: chance(0.85),
      pointsEarned: chance(0.75) ? 1 : 2,
    }),
  );
  return postBatch(records, (batch) => client.send('study-exam', batch));
};
