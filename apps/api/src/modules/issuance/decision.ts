import { type IssuedDocumentDto, type Locale, maskIdNumber, maskMiddle, maskName } from '@opendmv/contracts';
import { and, eq } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { caseForCaller } from '../cases/access.ts';
import { type CaseRow, listEvents } from '../cases/repository.ts';
import { findVersionById } from '../catalog/index.ts';
import { findOfficeById } from '../offices/index.ts';
import { findPersonById } from '../registry/index.ts';
import type { DecisionContent } from './content.ts';
import { toIssuedDocumentDto } from './documents.ts';
import { issuedDocuments } from './schema.ts';
import { issueDocument } from './service.ts';

/** Statuses a case has once decided: the decision stands whatever happened to the licence after it. */
export const DECIDED_STATES = ['approved', 'rejected', 'produced', 'delivered', 'collected', 'completed'];
const DECISION_ACTIONS = new Set(['instant-approve', 'approve', 'deem-approve', 'reject']);

const NOT_DECIDED = {
  'zh-CN': (status: string) => `该办件尚未作出决定（当前状态：${status}），暂无决定书`,
  en: (status: string) =>
    `The case has no decision yet (status: ${status}), so there is no decision document`,
};

/** A vehicle's plate is printed as is; a licence file number or a person's name only in part. */
function subjectOnDocument(row: CaseRow): string {
  if (row.subjectKind === 'vehicle' || row.subjectKind === 'new-vehicle') return row.subjectLabel;
  if (row.subjectKind === 'person') return maskName(row.subjectLabel);
  return maskMiddle(row.subjectLabel, 4, 4);
}

/** What the decision document prints, read from the case, its decision event and its catalog version. */
async function snapshot(ctx: AppContext, row: CaseRow): Promise<DecisionContent> {
  const [version, person, office, events] = await Promise.all([
    findVersionById(ctx.db, row.itemVersionId),
    findPersonById(ctx.db, row.applicantPersonId, null),
    findOfficeById(ctx.db, row.handlingOfficeId),
    listEvents(ctx.db, row.id),
  ]);
  const decided = events.filter((e) => DECISION_ACTIONS.has(e.action)).at(-1);
  const def = version!.definition;
  const approved = decided ? decided.action !== 'reject' : row.status !== 'rejected';
  const byPerson = row.decidedBy === 'officer' || row.decidedBy === 'supervisor';
  return {
    caseNumber: row.number,
    itemCode: row.itemCode,
    itemVersion: row.itemVersion,
    itemName: { zh: def.name.zh, en: def.name.en },
    applicantName: maskName(person?.name ?? ''),
    applicantIdNumber: person?.idNumberMasked ?? maskIdNumber(''),
    subjectLabel: subjectOnDocument(row),
    channel: row.channel,
    submittedAt: row.submittedAt.toISOString(),
    decision: approved ? 'approved' : 'rejected',
    reason: decided?.note ?? null,
    decidedBy: row.decidedBy ?? 'officer',
    decidedByName: byPerson ? (decided?.actorName ?? null) : null,
    decidedAt: (decided?.at ?? row.stateEnteredAt).toISOString(),
    ruleSet: row.decidedBy === 'rule' ? row.ruleSet : null,
    office: { zh: office?.nameZh ?? '', en: office?.nameEn ?? '' },
    legalBasis: def.legalBasis.map((s) => ({ title: s.title, ...(s.url ? { url: s.url } : {}) })),
  };
}

/**
 * The decision document of a decided case, issued the first time anyone entitled to the case asks for it
 * (the applicant, their agent, staff in scope) and the same one ever after. A case without a decision yet
 * has none: 409 with the reason.
 */
export async function decisionDocument(
  ctx: AppContext,
  p: Principal,
  caseId: string,
  locale: Locale,
): Promise<IssuedDocumentDto> {
  const { row } = await caseForCaller(ctx.db, p, caseId, ctx.clock.today());
  if (!DECIDED_STATES.includes(row.status) || !row.decidedBy)
    throw new AppError(
      'ILLEGAL_TRANSITION',
      [{ field: 'case.status', message: NOT_DECIDED[locale](row.status) }],
      'no decision yet',
    );
  const [existing] = await ctx.db
    .select()
    .from(issuedDocuments)
    .where(
      and(
        eq(issuedDocuments.kind, 'decision'),
        eq(issuedDocuments.sourceKind, 'case'),
        eq(issuedDocuments.sourceId, row.id),
      ),
    );
  if (existing) return toIssuedDocumentDto(existing);
  const content = await snapshot(ctx, row);
  const issued = await ctx.db.transaction((tx) =>
    issueDocument(ctx, tx, {
      kind: 'decision',
      sourceKind: 'case',
      sourceId: row.id,
      personId: row.applicantPersonId,
      content: { ...content },
    }),
  );
  return toIssuedDocumentDto(issued);
}
