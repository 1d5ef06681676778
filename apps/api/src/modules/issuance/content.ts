import { maskMiddle } from '@opendmv/contracts';

/**
 * What a receipt prints, as the payments module issues it in its settlement transaction (names already
 * masked). Read back from `issued_documents.content`; every field is checked before use, since the row is
 * JSON.
 */
export interface ReceiptContent {
  orderNumber: string;
  orderKind: 'fine' | 'fee';
  subjectLabel: string;
  payerName: string;
  amountFen: number;
  breakdown: { fineFen?: number; surchargeFen?: number; daysLate?: number; feeFen?: number };
  provider: string;
  transactionId: string;
  paidAt: string;
  channel: string;
  caseNumber?: string;
}

/** What a decision document (决定书) prints: a snapshot of the case's decision when it was first asked for. */
export interface DecisionContent {
  caseNumber: string;
  itemCode: string;
  itemVersion: number;
  itemName: { zh: string; en: string };
  applicantName: string;
  applicantIdNumber: string;
  subjectLabel: string;
  channel: string;
  submittedAt: string;
  decision: 'approved' | 'rejected';
  reason: string | null;
  decidedBy: 'rule' | 'officer' | 'supervisor' | 'deemed';
  decidedByName: string | null;
  decidedAt: string;
  ruleSet: string | null;
  office: { zh: string; en: string };
  legalBasis: { title: string; url?: string }[];
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const int = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) ? v : undefined;

export function asReceipt(content: unknown): ReceiptContent {
  const c = (content ?? {}) as Record<string, unknown>;
  const b = (c.breakdown ?? {}) as Record<string, unknown>;
  const breakdown: ReceiptContent['breakdown'] = {};
  for (const k of ['fineFen', 'surchargeFen', 'daysLate', 'feeFen'] as const) {
    const n = int(b[k]);
    if (n !== undefined) breakdown[k] = n;
  }
  return {
    orderNumber: str(c.orderNumber),
    orderKind: c.orderKind === 'fine' ? 'fine' : 'fee',
    subjectLabel: str(c.subjectLabel),
    payerName: str(c.payerName),
    amountFen: int(c.amountFen) ?? 0,
    breakdown,
    provider: str(c.provider),
    transactionId: str(c.transactionId),
    paidAt: str(c.paidAt),
    channel: str(c.channel),
    ...(typeof c.caseNumber === 'string' ? { caseNumber: c.caseNumber } : {}),
  };
}

export function asDecision(content: unknown): DecisionContent {
  const c = (content ?? {}) as Record<string, unknown>;
  const name = (c.itemName ?? {}) as Record<string, unknown>;
  const office = (c.office ?? {}) as Record<string, unknown>;
  const decidedBy = str(c.decidedBy, 'officer');
  return {
    caseNumber: str(c.caseNumber),
    itemCode: str(c.itemCode),
    itemVersion: int(c.itemVersion) ?? 0,
    itemName: { zh: str(name.zh), en: str(name.en) },
    applicantName: str(c.applicantName),
    applicantIdNumber: str(c.applicantIdNumber),
    subjectLabel: str(c.subjectLabel),
    channel: str(c.channel),
    submittedAt: str(c.submittedAt),
    decision: c.decision === 'rejected' ? 'rejected' : 'approved',
    reason: typeof c.reason === 'string' ? c.reason : null,
    decidedBy: (['rule', 'officer', 'supervisor', 'deemed'].includes(decidedBy)
      ? decidedBy
      : 'officer') as DecisionContent['decidedBy'],
    decidedByName: typeof c.decidedByName === 'string' ? c.decidedByName : null,
    decidedAt: str(c.decidedAt),
    ruleSet: typeof c.ruleSet === 'string' ? c.ruleSet : null,
    office: { zh: str(office.zh), en: str(office.en) },
    legalBasis: Array.isArray(c.legalBasis)
      ? (c.legalBasis as Record<string, unknown>[]).map((s) => ({
          title: str(s?.title),
          ...(typeof s?.url === 'string' ? { url: s.url } : {}),
        }))
      : [],
  };
}

export const TITLES = {
  receipt: { zh: '电子缴款凭证', en: 'Electronic payment receipt' },
  decision: { zh: '行政许可决定书', en: 'Decision on the application' },
} as const;

export const FINE_SUBJECT = { zh: '交通违法罚款', en: 'Traffic fine' } as const;
export const FEE_SUBJECT = { zh: '业务工本费', en: 'Service fee' } as const;

/** A case or order number for the public page: its first and last four characters. */
export const maskReference = (ref: string): string => maskMiddle(ref, 4, 4);

/** An ISO instant as Beijing time, 'YYYY-MM-DD HH:mm:ss' (China keeps a fixed +08:00). */
export function beijingTime(iso: string | Date): string {
  const ms = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  if (Number.isNaN(ms)) return typeof iso === 'string' ? iso : '';
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
