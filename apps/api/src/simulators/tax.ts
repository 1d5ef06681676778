import {
  type EnergyType,
  type PartnerIngestResult,
  todayInShanghai,
  type VehicleTaxRecord,
  type VehicleType,
} from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import type { PartnerClient } from './http.ts';
import { digits, pick, postBatch, readRows, type Tick } from './world.ts';

/** New-energy vehicles (battery, plug-in, fuel cell) are exempt from vehicle and vessel tax. */
const EXEMPT_ENERGY: readonly EnergyType[] = ['bev', 'phev', 'fcev'];

/** Yearly tax in fen, roughly as a prefecture's 车船税 table has it (passenger cars by displacement). */
function yearlyTaxFen(vehicleType: VehicleType): number {
  switch (vehicleType) {
    case 'motorcycle':
      return 6_000;
    case 'truck':
      return pick([48_000, 96_000, 144_000]);
    case 'medium-passenger':
    case 'large-passenger':
      return pick([96_000, 120_000]);
    default:
      return pick([30_000, 36_000, 42_000, 48_000, 48_000, 66_000, 120_000]);
  }
}

export function taxRecord(input: {
  vin: string;
  taxYear?: number;
  status?: 'paid' | 'exempt';
  amountFen?: number;
  vehicleType?: VehicleType;
  reference?: string;
}): VehicleTaxRecord {
  const taxYear = input.taxYear ?? Number(todayInShanghai().slice(0, 4));
  const status = input.status ?? 'paid';
  return {
    reference: input.reference ?? `CCS${taxYear}${digits(12)}`,
    vin: input.vin,
    taxYear,
    status,
    amountFen:
      status === 'exempt' ? 0 : (input.amountFen ?? yearlyTaxFen(input.vehicleType ?? 'small-passenger')),
  };
}

/** The tax bureau reports one vehicle's tax for a year. */
export function simulateTaxPayment(
  client: PartnerClient,
  input: Parameters<typeof taxRecord>[0],
): Promise<PartnerIngestResult> {
  return client.send('tax-payment', [taxRecord(input)]);
}

/** This year's tax (paid, or exempt for a new-energy vehicle) of registered vehicles and of new cars sold. */
export const taxTick: Tick = async (client, world, count) => {
  const year = Number(world.clock.today().slice(0, 4));
  const rows = await readRows<{ vin: string; vehicle_type: VehicleType; energy_type: EnergyType }>(
    world,
    sql`(select v.vin, v.vehicle_type, v.energy_type from vehicles v
         where v.status in ('normal', 'mortgaged')
           and not exists (select 1 from partner_records r where r.vin = v.vin
                           and r.source = 'tax-payment' and (r.payload->>'taxYear')::int = ${year})
         order by random() limit ${count})
        union all
        (select s.vin, s.payload->>'vehicleType', s.payload->>'energyType' from partner_records s
         where s.source = 'dealer-sale'
           and not exists (select 1 from vehicles v where v.vin = s.vin)
           and not exists (select 1 from partner_records r where r.vin = s.vin
                           and r.source = 'tax-payment' and (r.payload->>'taxYear')::int = ${year})
         order by s.received_at limit ${count})`,
  );
  const records = rows.map((v) =>
    taxRecord({
      vin: v.vin,
      taxYear: year,
      status: EXEMPT_ENERGY.includes(v.energy_type) ? 'exempt' : 'paid',
      vehicleType: v.vehicle_type,
    }),
  );
  return postBatch(records, (batch) => client.send('tax-payment', batch));
};
