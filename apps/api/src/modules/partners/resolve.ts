import {
  addMonths,
  checkVin,
  compareDates,
  type DeliveryEventRecord,
  type ExamResultRecord,
  type InspectionResultRecord,
  type InsurancePolicyRecord,
  type MedicalResultRecord,
  normalizeIdNumber,
  normalizeVin,
  PARTNER_RECORD_KINDS,
  type PartnerRecordBySource,
  type PartnerSource,
  parseIdNumber,
  type VehicleSaleRecord,
  type VehicleTaxRecord,
} from '@opendmv/contracts';
import type { AppContext } from '../../platform/context.ts';
import * as repo from './repository.ts';

export interface FieldError {
  field: string;
  message: string;
}

/** A checked record, ready to insert (without token and source). */
export type ResolvedRow = Omit<repo.PartnerRecordInsert, 'tokenId' | 'source'>;

type AnyRecord = PartnerRecordBySource[PartnerSource];
type Fields = Record<string, unknown>;

/** How each source's records are checked and stored. */
interface SourceRule<R> {
  /** The field holding a person's ID number (stored as person_id, never in the payload). */
  idField?: keyof R & string;
  /** Whether the record names a vehicle by VIN, and how the VIN must relate to the registry. */
  vin?: 'registered-or-sold' | 'new-sale';
  /** Checks of one record on its own; `today` is the civil date in Asia/Shanghai. */
  check(r: R, today: string, now: Date): [keyof R & string, string][];
  validity(r: R): { validFrom: string | null; validUntil: string | null };
}

const notAfterToday = <R>(
  field: keyof R & string,
  value: string,
  today: string,
): [keyof R & string, string][] =>
  compareDates(value, today) > 0 ? [[field, `${field} is in the future`]] : [];

const RULES: { [S in PartnerSource]: SourceRule<PartnerRecordBySource[S]> } = {
  'hospital-medical': {
    idField: 'idNumber',
    check: (r: MedicalResultRecord, today) => notAfterToday('examDate', r.examDate, today),
    validity: (r) => ({ validFrom: r.examDate, validUntil: addMonths(r.examDate, 6) }),
  },
  'insurer-policy': {
    vin: 'registered-or-sold',
    check: (r: InsurancePolicyRecord) => {
      if (compareDates(r.endDate, r.startDate) < 0) return [['endDate', 'endDate before startDate']];
      if (compareDates(r.endDate, addMonths(r.startDate, 12)) >= 0)
        return [['endDate', 'a compulsory policy covers one year at most']];
      return [];
    },
    validity: (r) => ({ validFrom: r.startDate, validUntil: r.endDate }),
  },
  'inspection-result': {
    vin: 'registered-or-sold',
    check: (r: InspectionResultRecord, today) => notAfterToday('inspectedOn', r.inspectedOn, today),
    validity: (r) => ({ validFrom: r.inspectedOn, validUntil: addMonths(r.inspectedOn, 3) }),
  },
  'tax-payment': {
    vin: 'registered-or-sold',
    check: (r: VehicleTaxRecord, today) => {
      const out: ['taxYear' | 'amountFen', string][] = [];
      if (r.taxYear > Number(today.slice(0, 4)) + 1) out.push(['taxYear', 'taxYear is too far ahead']);
      if (r.status === 'exempt' && r.amountFen !== 0)
        out.push(['amountFen', 'an exemption carries amountFen 0']);
      if (r.status === 'paid' && r.amountFen === 0) out.push(['amountFen', 'a payment carries an amount']);
      return out;
    },
    validity: (r) => ({ validFrom: `${r.taxYear}-01-01`, validUntil: `${r.taxYear}-12-31` }),
  },
  'post-delivery': {
    check: (r: DeliveryEventRecord, _today, now) =>
      new Date(r.at).getTime() > now.getTime() + 5 * 60_000 ? [['at', 'at is in the future']] : [],
    validity: () => ({ validFrom: null, validUntil: null }),
  },
  'dealer-sale': {
    idField: 'buyerIdNumber',
    vin: 'new-sale',
    check: (r: VehicleSaleRecord, today) => notAfterToday('saleDate', r.saleDate, today),
    validity: (r) => ({ validFrom: r.saleDate, validUntil: null }),
  },
  'study-exam': {
    idField: 'idNumber',
    check: (r: ExamResultRecord, today) => notAfterToday('examDate', r.examDate, today),
    validity: (r) => ({ validFrom: r.examDate, validUntil: null }),
  },
};

/**
 * Checks every record of a batch and resolves its keys (person by the ID-number blind index, vehicle by
 * VIN, case by number) with one query per key kind. Returns the rows to store, or every bad record's
 * field path (`body.records.3.idNumber`) and reason — the caller stores nothing then.
 */
export async function resolveBatch(
  ctx: AppContext,
  source: PartnerSource,
  tokenId: string,
  records: readonly AnyRecord[],
): Promise<{ rows: ResolvedRow[]; errors: FieldError[] }> {
  const rule = RULES[source] as SourceRule<AnyRecord>;
  const today = ctx.clock.today();
  const now = ctx.clock.now();
  const errors: FieldError[] = [];
  const fail = (i: number, field: string, message: string) =>
    errors.push({ field: `body.records.${i}.${field}`, message });

  // 1. Each record on its own, and repeats inside the batch.
  const firstOfReference = new Map<string, number>();
  const firstOfSaleVin = new Map<string, number>();
  const hashes: (string | null)[] = [];
  const vins: (string | null)[] = [];
  records.forEach((r, i) => {
    const f = r as unknown as Fields;
    const seen = firstOfReference.get(r.reference);
    if (seen !== undefined) fail(i, 'reference', `reference repeated in this batch (record ${seen})`);
    else firstOfReference.set(r.reference, i);
    for (const [field, message] of rule.check(r, today, now)) fail(i, field, message);
    hashes[i] = null;
    if (rule.idField) {
      const idNumber = normalizeIdNumber(String(f[rule.idField]));
      const parsed = parseIdNumber(idNumber, today);
      if (parsed.ok) hashes[i] = ctx.pii.lookupHash(idNumber);
      else fail(i, rule.idField, `ID number check failed (${parsed.reason})`);
    }
    vins[i] = null;
    if (rule.vin) {
      const vin = normalizeVin(String(f.vin));
      vins[i] = vin;
      if (rule.vin === 'new-sale') {
        if (!checkVin(vin).checkDigitOk) fail(i, 'vin', 'VIN check failed');
        const first = firstOfSaleVin.get(vin);
        if (first !== undefined) fail(i, 'vin', `VIN sold twice in this batch (record ${first})`);
        else firstOfSaleVin.set(vin, i);
      }
    }
  });

  // 2. Keys against the registry and the cases, one query each.
  const presentVins = vins.filter((v): v is string => v !== null);
  const [senders, personIds, vehicleIds, sales, caseRows] = await Promise.all([
    repo.sendersByReference(
      ctx.db,
      source,
      records.map((r) => r.reference),
    ),
    repo.personIdsByHash(
      ctx.db,
      hashes.filter((h): h is string => h !== null),
    ),
    repo.vehicleIdsByVin(ctx.db, presentVins),
    repo.salesByVin(ctx.db, presentVins),
    source === 'post-delivery'
      ? repo.casesByNumber(
          ctx.db,
          records.map((r) => (r as DeliveryEventRecord).caseNumber),
        )
      : Promise.resolve(new Map<string, { delivery: string }>()),
  ]);

  const rows: ResolvedRow[] = [];
  records.forEach((r, i) => {
    const f = r as unknown as Fields;
    const sender = senders.get(r.reference);
    if (sender !== undefined && sender !== tokenId)
      fail(i, 'reference', 'reference already used by another sender');
    let personId: string | null = null;
    const hash = hashes[i];
    if (rule.idField && hash) {
      personId = personIds.get(hash) ?? null;
      if (!personId) fail(i, rule.idField, 'no such person');
    }
    const vin = vins[i] ?? null;
    let vehicleId: string | null = null;
    if (vin && rule.vin === 'registered-or-sold') {
      vehicleId = vehicleIds.get(vin) ?? null;
      if (!vehicleId && !sales.has(vin)) fail(i, 'vin', 'no such vehicle (neither registered nor sold new)');
    }
    if (vin && rule.vin === 'new-sale') {
      if (vehicleIds.has(vin)) fail(i, 'vin', 'VIN already registered');
      const sold = sales.get(vin);
      if (sold !== undefined && sold !== r.reference) fail(i, 'vin', 'VIN already sold');
    }
    let caseNumber: string | null = null;
    if (source === 'post-delivery') {
      caseNumber = (r as DeliveryEventRecord).caseNumber;
      const found = caseRows.get(caseNumber);
      if (!found) fail(i, 'caseNumber', 'unknown case number');
      else if (found.delivery !== 'post') fail(i, 'caseNumber', 'the case is not delivered by post');
    }
    // The payload is the record as sent, VIN upper-cased, without the ID number (person_id holds the link).
    const payload: Fields = { ...f };
    if (rule.idField) delete payload[rule.idField];
    if (vin) payload.vin = vin;
    rows.push({
      kind: PARTNER_RECORD_KINDS[source],
      reference: r.reference,
      personId,
      vehicleId,
      vin,
      caseNumber,
      ...rule.validity(r),
      payload,
    });
  });
  errors.sort((a, b) => recordIndex(a.field) - recordIndex(b.field));
  return { rows, errors };
}

const recordIndex = (field: string): number => Number(field.split('.')[2]);
