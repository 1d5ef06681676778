import {
  addYears,
  type PartnerIngestResult,
  todayInShanghai,
  type VehicleSaleRecord,
  type VehicleType,
  vinCheckDigit,
} from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { CAR_MODELS, COLOURS, type ModelSpec } from '../../db/seed/data.ts';
import type { PartnerClient } from './http.ts';
import { compactDate, digits, pick, postBatch, randomInt, readRows, type Tick } from './world.ts';

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
/** ISO 3779 model-year codes from 2010 (A) on: no I, O, Q, U, Z, 0. */
const MODEL_YEARS = 'ABCDEFGHJKLMNPRSTVWXY';
const randomChars = (n: number) => Array.from({ length: n }, () => pick([...VIN_CHARS])).join('');

/** A new VIN for a maker: WMI, vehicle descriptor, the ISO 3779 check digit, model year, plant, serial. */
export function newVin(wmi: string, modelYear: number): string {
  const year = MODEL_YEARS[(modelYear - 2010) % MODEL_YEARS.length]!;
  const draft = `${wmi}${randomChars(5)}0${year}${randomChars(1)}${digits(6)}`;
  return `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}`;
}

const weighted = <T extends { weight: number }>(items: readonly T[]): T => {
  let n = randomInt(
    1,
    items.reduce((s, x) => s + x.weight, 0),
  );
  for (const item of items) {
    n -= item.weight;
    if (n <= 0) return item;
  }
  return items[items.length - 1]!;
};

/** A new car's sale as the dealer's invoicing system reports it. */
export function saleRecord(input: {
  buyerIdNumber: string;
  saleDate?: string;
  vin?: string;
  model?: ModelSpec;
  reference?: string;
}): VehicleSaleRecord {
  const saleDate = input.saleDate ?? todayInShanghai();
  const model = input.model ?? weighted(CAR_MODELS);
  const vehicleType: VehicleType = 'small-passenger';
  return {
    reference: input.reference ?? `FP${compactDate(saleDate)}${digits(8)}`,
    vin: input.vin ?? newVin(model.wmi, Number(saleDate.slice(0, 4))),
    buyerIdNumber: input.buyerIdNumber,
    saleDate,
    brand: model.brand,
    model: model.model,
    vehicleType,
    energyType: model.energy,
    seats: pick(model.seats),
    colour: weighted(COLOURS.map(([colour, weight]) => ({ colour, weight }))).colour,
    priceFen: randomInt(60, 400) * 100_000,
    certificateNumber: `W${randomChars(3)}${digits(11)}`,
  };
}

/** The dealer sells one new car and reports the sale; the answer carries the VIN it was sold under. */
export async function simulateVehicleSale(
  client: PartnerClient,
  input: Parameters<typeof saleRecord>[0],
): Promise<PartnerIngestResult & { vin: string }> {
  const record = saleRecord(input);
  return { ...(await client.send('dealer-sale', [record])), vin: record.vin };
}

/** New cars sold today to adults of the city, each under a fresh VIN with a valid check digit. */
export const dealerTick: Tick = async (client, world, count) => {
  const today = world.clock.today();
  const buyers = await readRows<{ id_number_enc: string }>(
    world,
    sql`select p.id_number_enc from persons p
        where p.birth_date <= ${addYears(today, -18)}::date
        order by random() limit ${count}`,
  );
  const records = buyers.map((b) =>
    saleRecord({ buyerIdNumber: world.pii.decrypt(b.id_number_enc), saleDate: today }),
  );
  return postBatch(records, (batch) => client.send('dealer-sale', batch));
};
