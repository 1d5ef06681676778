import {
  addMonths,
  addYears,
  type InspectionResultRecord,
  inspectionDue,
  inspectionStatus,
  type PartnerIngestResult,
  startOfMonth,
  todayInShanghai,
  type UseType,
  type VehicleType,
} from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import type { PartnerClient } from './http.ts';
import { chance, compactDate, digits, postBatch, readRows, type Tick } from './world.ts';

export const STATION_NAME = '示范市安驰机动车检测站';

export function inspectionRecord(input: {
  vin: string;
  inspectedOn?: string;
  result?: 'pass' | 'fail';
  reference?: string;
}): InspectionResultRecord {
  const inspectedOn = input.inspectedOn ?? todayInShanghai();
  return {
    reference: input.reference ?? `JY${compactDate(inspectedOn)}${digits(8)}`,
    vin: input.vin,
    station: STATION_NAME,
    inspectedOn,
    result: input.result ?? 'pass',
  };
}

/** The station inspects one vehicle and reports the result. */
export function simulateInspection(
  client: PartnerClient,
  input: Parameters<typeof inspectionRecord>[0],
): Promise<PartnerIngestResult> {
  return client.send('inspection-result', [inspectionRecord(input)]);
}

interface Candidate {
  vin: string;
  inspection_valid_until: string;
  registration_date: string;
  use_type: UseType;
  vehicle_type: VehicleType;
  seats: number;
}

/**
 * Vehicles due at the station: inspection window open (or overdue less than a year), due for an on-site
 * inspection rather than the online exemption label, and not inspected in the last three months.
 */
export const inspectionTick: Tick = async (client, world, count) => {
  const today = world.clock.today();
  const rows = await readRows<Candidate>(
    world,
    sql`select v.vin, v.inspection_valid_until::text as inspection_valid_until,
               v.registration_date::text as registration_date, v.use_type, v.vehicle_type, v.seats
        from vehicles v
        where v.status in ('normal', 'mortgaged')
          and v.inspection_valid_until between ${addYears(today, -1)}::date
                                           and ${startOfMonth(addMonths(today, 3))}::date
          and not exists (select 1 from partner_records r where r.vin = v.vin
                          and r.source = 'inspection-result' and r.valid_until >= ${today}::date)
        order by random() limit ${count * 10}`,
  );
  const due = rows.filter((v) => {
    if (inspectionStatus(v.inspection_valid_until, today) === 'valid') return false;
    const vehicle = {
      registrationDate: v.registration_date,
      useType: v.use_type,
      vehicleType: v.vehicle_type,
      seats: Number(v.seats),
    };
    try {
      return !inspectionDue(vehicle, v.inspection_valid_until).exempt;
    } catch {
      return false; // beyond the schedule's horizon
    }
  });
  const records = due
    .slice(0, count)
    .map((v) => inspectionRecord({ vin: v.vin, inspectedOn: today, result: chance(0.9) ? 'pass' : 'fail' }));
  return postBatch(records, (batch) => client.send('inspection-result', batch));
};
