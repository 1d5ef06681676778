import type { DocumentVerification } from '@opendmv/contracts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { auditActorOf } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { asDecision, asReceipt, FEE_SUBJECT, FINE_SUBJECT, maskReference } from './content.ts';
import { findIssuedDocument, issuerOf, referenceOf, toIssuedDocumentDto } from './documents.ts';

/**
 * The public check of a document by the id in its QR code: whether the office issued it, what it says in
 * short (names masked, no ID number), the hash of its full content, and whether it still stands. Each
 * check is audited (`document.verified`), an unknown id too (as a failure), and answered "not found".
 */
export async function verifyDocument(
  ctx: AppContext,
  id: string,
  meta: { ip: string; requestId: string },
): Promise<DocumentVerification> {
  const row = await findIssuedDocument(ctx.db, id);
  if (!row) {
    // A check of a document the office never issued (a forged QR, a mistyped address) is audited too.
    await recordAudit(ctx.db, auditActorOf(null, meta.ip, meta.requestId), {
      action: 'document.verified',
      entityType: 'issued-document',
      entityId: id,
      outcome: 'failure',
      details: { reason: 'unknown document' },
    });
    throw new AppError('NOT_FOUND');
  }
  const dto = toIssuedDocumentDto(row);
  let summary: DocumentVerification['summary'];
  if (row.kind === 'receipt') {
    const c = asReceipt(row.content);
    summary = {
      holder: c.payerName,
      subject: { ...(c.orderKind === 'fine' ? FINE_SUBJECT : FEE_SUBJECT) },
      amountFen: c.amountFen,
      decision: null,
      reference: maskReference(c.orderNumber),
    };
  } else {
    const c = asDecision(row.content);
    summary = {
      holder: c.applicantName,
      subject: c.itemName,
      amountFen: null,
      decision: c.decision,
      reference: maskReference(c.caseNumber),
    };
  }
  await recordAudit(ctx.db, auditActorOf(null, meta.ip, meta.requestId), {
    action: 'document.verified',
    entityType: 'issued-document',
    entityId: row.id,
    details: { kind: row.kind, number: row.number, reference: referenceOf(row), status: dto.status },
  });
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    title: dto.title,
    issuedAt: dto.issuedAt,
    issuer: await issuerOf(ctx.db, row),
    status: dto.status,
    voidedAt: dto.voidedAt,
    voidReason: dto.voidReason,
    sha256: row.sha256,
    summary,
  };
}
