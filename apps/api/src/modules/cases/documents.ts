import { createHash } from 'node:crypto';
import {
  type CaseDetail,
  type CaseDocument,
  type CaseState,
  isFinalState,
  MAX_DOCUMENT_BYTES,
} from '@opendmv/contracts';
import { and, asc, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findVersionById } from '../catalog/index.ts';
import { caseForCaller } from './access.ts';
import { caseActorOf, type Meta } from './actors.ts';
import { toCaseDetail } from './queries.ts';
import { lockCase } from './repository.ts';
import { caseDocuments, cases } from './schema.ts';

/** The first bytes each accepted type must start with: a file is what it says, not what it is called. */
const SIGNATURES: Record<CaseDocument['contentType'], readonly number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

const bad = (field: string, message: string) => new AppError('VALIDATION_FAILED', [{ field, message }]);

export async function listDocuments(db: Executor, caseId: string): Promise<CaseDocument[]> {
  const rows = await db
    .select({
      id: caseDocuments.id,
      materialCode: caseDocuments.materialCode,
      fileName: caseDocuments.fileName,
      contentType: caseDocuments.contentType,
      size: caseDocuments.size,
      sha256: caseDocuments.sha256,
      uploadedAt: caseDocuments.uploadedAt,
      uploadedByRole: caseDocuments.uploadedByRole,
    })
    .from(caseDocuments)
    .where(eq(caseDocuments.caseId, caseId))
    .orderBy(asc(caseDocuments.uploadedAt));
  return rows.map((r) => ({
    ...r,
    contentType: r.contentType as CaseDocument['contentType'],
    uploadedAt: r.uploadedAt.toISOString(),
  }));
}

/**
 * A file for one of the applicant's materials, uploaded by the applicant (or their agent) or scanned by an
 * officer, while the case is open. The material then counts as provided in the case's check. Audited
 * with the file's SHA-256; the bytes are never changed afterwards.
 */
export async function uploadDocument(
  ctx: AppContext,
  p: Principal,
  meta: Meta,
  id: string,
  body: {
    materialCode: string;
    fileName: string;
    contentType: CaseDocument['contentType'];
    dataBase64: string;
  },
): Promise<CaseDetail> {
  const { roles } = await caseForCaller(ctx.db, p, id, ctx.clock.today());
  if (!roles.includes('applicant') && !roles.includes('officer')) throw new AppError('FORBIDDEN');
  const bytes = Buffer.from(body.dataBase64, 'base64');
  if (bytes.length === 0) throw bad('body.dataBase64', 'empty file');
  if (bytes.length > MAX_DOCUMENT_BYTES) throw bad('body.dataBase64', 'larger than 2 MiB');
  const signature = SIGNATURES[body.contentType];
  if (!signature.every((b, i) => bytes[i] === b))
    throw bad('body.dataBase64', `the file is not a ${body.contentType.split('/')[1]?.toUpperCase()}`);
  const actor = caseActorOf(p, meta, roles);
  const updated = await ctx.db.transaction(async (tx) => {
    const row = (await lockCase(tx, id))!;
    if (isFinalState(row.status as CaseState))
      throw new AppError('ILLEGAL_TRANSITION', undefined, 'case closed');
    const def = (await findVersionById(tx, row.itemVersionId))!.definition;
    const material = def.materials.find((m) => m.code === body.materialCode);
    if (material?.supplier !== 'applicant')
      throw bad('body.materialCode', 'not a material the applicant provides for this item');
    const digest = createHash('sha256').update(bytes).digest('hex');
    const [doc] = await tx
      .insert(caseDocuments)
      .values({
        caseId: id,
        materialCode: body.materialCode,
        fileName: body.fileName,
        contentType: body.contentType,
        size: bytes.length,
        sha256: digest,
        content: bytes,
        uploadedById: actor.id,
        uploadedByRole: actor.role,
        uploadedAt: ctx.clock.now(),
      })
      .returning({ id: caseDocuments.id });
    const provided = [...new Set([...row.provided, body.materialCode])];
    const check = row.check as CaseDetail['check'];
    const materials = check.materials.map((m) =>
      m.code === body.materialCode && m.state === 'to-provide' ? { ...m, state: 'provided' as const } : m,
    );
    const [next] = await tx
      .update(cases)
      .set({ provided, check: { ...check, materials }, updatedAt: ctx.clock.now() })
      .where(eq(cases.id, id))
      .returning();
    await appendAudit(tx, actor.audit, {
      action: 'case.document-upload',
      entityType: 'case',
      entityId: id,
      details: {
        number: row.number,
        document: doc!.id,
        material: body.materialCode,
        size: bytes.length,
        sha256: digest,
      },
    });
    return next!;
  });
  return toCaseDetail(ctx, updated, roles);
}

export async function downloadDocument(ctx: AppContext, p: Principal, id: string, docId: string) {
  await caseForCaller(ctx.db, p, id, ctx.clock.today());
  const [doc] = await ctx.db
    .select()
    .from(caseDocuments)
    .where(and(eq(caseDocuments.id, docId), eq(caseDocuments.caseId, id)));
  if (!doc) throw new AppError('NOT_FOUND');
  return doc;
}
