import {
  addDays,
  addYears,
  compareDates,
  type InsurancePolicyRecord,
  type PartnerIngestResult,
  todayInShanghai,
} from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import type { PartnerClient } from './http.ts';
import { digits, postBatch, readRows, type Tick } from './world.ts';

export const INSURER_NAME = '示范财产保险股份有限公司示范市分公司';

/** A one-year compulsory policy (交强险) from `startDate`, covering through the day before its anniversary. */
export function policyRecord(input: {
  vin: string;
  startDate?: string;
  endDate?: string;
  reference?: string;
}): InsurancePolicyRecord {
  const startDate = input.startDate ?? todayInShanghai();
  return {
    reference: input.reference ?? `PDZA${startDate.slice(0, 4)}${digits(12)}`,
    vin: input.vin,
    insurer: INSURER_NAME,
    startDate,
    endDate: input.endDate ?? addDays(addYears(startDate, 1), -1),
  };
}

/** The insurer issues one policy and reports it. */
export function simulateInsurancePolicy(
  client: PartnerClient,
  input: Parameters<typeof policyRecord>[0],
): Promise<PartnerIngestResult> {
  return client.send('insurer-policy', [policyRecord(input)]);
}

/**
 * Renewals of policies ending within 30 days (the new one starts the day after the old one ends), and
 * first policies for new cars a dealer has sold, which are insured before they are registered.
 */
export const insurerTick: Tick = async (client, world, count) => {
  const today = world.clock.today();
  const renewals = await readRows<{ vin: string; insurance_until: string }>(
    world,
    sql`select v.vin, v.insurance_until::text as insurance_until from vehicles v
        where v.status in ('normal', 'mortgaged')
          and v.insurance_until between ${today}::date and ${addDays(today, 30)}::date
          and not exists (select 1 from partner_records r where r.vin = v.vin
                          and r.source = 'insurer-policy' and r.valid_until > v.insurance_until)
        order by random() limit ${count}`,
  );
  const sold = await readRows<{ vin: string }>(
    world,
    sql`select s.vin from partner_records s
        where s.source = 'dealer-sale'
          and not exists (select 1 from vehicles v where v.vin = s.vin)
          and not exists (select 1 from partner_records r where r.vin = s.vin and r.source = 'insurer-policy')
        order by s.received_at limit ${count}`,
  );
  const records = [
    ...renewals.map((v) => {
      const next = addDays(v.insurance_until, 1);
      return policyRecord({ vin: v.vin, startDate: compareDates(next, today) < 0 ? today : next });
    }),
    ...sold.map((s) => policyRecord({ vin: s.vin, startDate: today })),
  ];
  return postBatch(records, (batch) => client.send('insurer-policy', batch));
};
