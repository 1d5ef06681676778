import type { IssuedDocumentDto, IssuedDocumentList } from '@opendmv/contracts';
import { desc, eq } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { caseForCaller } from '../cases/access.ts';
import { findCaseById } from '../cases/repository.ts';
import { findOfficeById, type OfficeRow } from '../offices/index.ts';
import { officeIdsUnder } from '../offices/scope.ts';
import { paymentOrders } from '../payments/schema.ts';
import { findViolationById } from '../registry/index.ts';
import { asDecision, asReceipt, TITLES } from './content.ts';
import { issuedDocuments } from './schema.ts';
import type { IssuedDocumentRow } from './service.ts';

export const findIssuedDocument = async (db: Executor, id: string): Promise<IssuedDocumentRow | undefined> =>
  (await db.select().from(issuedDocuments).where(eq(issuedDocuments.id, id)).limit(1))[0];

/** The case or order number a document is issued for. */
export const referenceOf = (row: IssuedDocumentRow): string =>
  row.kind === 'receipt' ? asReceipt(row.content).orderNumber : asDecision(row.content).caseNumber;

export function toIssuedDocumentDto(row: IssuedDocumentRow): IssuedDocumentDto {
  const title =
    row.kind === 'decision' && asDecision(row.content).decision === 'rejected'
      ? { zh: '不予行政许可决定书', en: 'Decision refusing the application' }
      : TITLES[row.kind];
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    title: { ...title },
    sourceKind: row.sourceKind,
    sourceId: row.sourceId,
    reference: referenceOf(row),
    issuedAt: row.issuedAt.toISOString(),
    sha256: row.sha256,
    status: row.voidedAt ? 'void' : 'valid',
    voidedAt: row.voidedAt?.toISOString() ?? null,
    voidReason: row.voidReason,
    pdfUrl: `/api/v1/documents/${row.id}/pdf`,
    verifyPath: `/verify/${row.id}`,
  };
}

/** The citizen's own documents, newest first. */
export async function listMyDocuments(ctx: AppContext, p: Principal): Promise<IssuedDocumentList> {
  if (p.kind !== 'user' || !p.personId) return { items: [] };
  const rows = await ctx.db
    .select()
    .from(issuedDocuments)
    .where(eq(issuedDocuments.personId, p.personId))
    .orderBy(desc(issuedDocuments.issuedAt))
    .limit(200);
  return { items: rows.map(toIssuedDocumentDto) };
}

type OrderRow = typeof paymentOrders.$inferSelect;
const findOrder = async (db: Executor, id: string): Promise<OrderRow | undefined> =>
  (await db.select().from(paymentOrders).where(eq(paymentOrders.id, id)).limit(1))[0];

/** The office a receipt's payment belongs to: the case's handling office, the fine's office, or the outlet. */
async function officeOfOrder(db: Executor, order: OrderRow): Promise<string | null> {
  if (order.caseId) return (await findCaseById(db, order.caseId))?.handlingOfficeId ?? null;
  if (order.violationId) return (await findViolationById(db, order.violationId, null))?.officeId ?? null;
  return order.outletId;
}

/**
 * A document the caller may open: the holder's own; for staff, one whose case (or payment) is in their
 * office scope — the same rule as reading the case. Anyone else gets "not found".
 */
export async function documentForCaller(
  ctx: AppContext,
  p: Principal,
  id: string,
): Promise<IssuedDocumentRow> {
  const row = await findIssuedDocument(ctx.db, id);
  if (!row || p.kind !== 'user') throw new AppError('NOT_FOUND');
  if (p.role === 'citizen') {
    if (p.personId !== row.personId) throw new AppError('NOT_FOUND');
    return row;
  }
  if (row.sourceKind === 'case') {
    // Officers and supervisors in scope; an agent while the citizen's authorization stands.
    await caseForCaller(ctx.db, p, row.sourceId, ctx.clock.today());
    return row;
  }
  if (p.role !== 'officer' && p.role !== 'supervisor') throw new AppError('NOT_FOUND');
  const order = await findOrder(ctx.db, row.sourceId);
  if (order?.caseId) {
    await caseForCaller(ctx.db, p, order.caseId, ctx.clock.today());
    return row;
  }
  const officeId = order ? await officeOfOrder(ctx.db, order) : null;
  const scope = p.registryScopePath ? await officeIdsUnder(ctx.db, p.registryScopePath) : [];
  if (!officeId || !scope.includes(officeId)) throw new AppError('NOT_FOUND');
  return row;
}

/** The 车管所 (or the detachment) an office belongs to: the name a document is issued in. */
async function issuingOfficeAbove(db: Executor, officeId: string | null): Promise<OfficeRow | undefined> {
  let office = officeId ? await findOfficeById(db, officeId) : undefined;
  for (let i = 0; office && i < 6; i++) {
    if (office.kind === 'office' || office.kind === 'detachment') return office;
    office = office.parentId ? await findOfficeById(db, office.parentId) : undefined;
  }
  return office;
}

/** Who issued a document, for its header and the verification page. */
export async function issuerOf(db: Executor, row: IssuedDocumentRow): Promise<{ zh: string; en: string }> {
  if (row.kind === 'decision') {
    const office = asDecision(row.content).office;
    if (office.zh) return { zh: office.zh, en: office.en || office.zh };
  }
  const order = row.sourceKind === 'payment-order' ? await findOrder(db, row.sourceId) : undefined;
  const found = await issuingOfficeAbove(db, order ? await officeOfOrder(db, order) : null);
  if (found) return { zh: found.nameZh, en: found.nameEn };
  return { zh: '车辆管理所', en: 'Vehicle Management Office' };
}
