import type { CaseAction, CaseState } from '@opendmv/contracts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { enqueueNotification } from './outbox.ts';

/** The case states a citizen is told about when their case enters them, and the message for each. */
const ENTERING: Partial<Record<CaseState, string>> = {
  'correction-requested': 'case.correction-requested',
  approved: 'case.approved',
  rejected: 'case.rejected',
  produced: 'case.produced',
  delivered: 'case.delivered',
  completed: 'case.completed',
};

/** Which message a transition sends to the applicant, if any. */
export function caseTemplateFor(action: CaseAction, from: CaseState, to: CaseState): string | null {
  if (to === from) return null;
  // An item that produces nothing is completed in the approval's own transaction: one message is enough.
  if (action === 'complete' && from === 'approved') return null;
  return ENTERING[to] ?? null;
}

export interface CaseChange {
  caseId: string;
  number: string;
  applicantPersonId: string;
  itemName: { zh: string; en: string };
  /** The event's sequence number: one message per event, however often the caller retries. */
  seq: number;
  action: CaseAction;
  from: CaseState;
  to: CaseState;
  note?: string | null;
}

/** Writes the applicant's message about a case change, in the transaction that makes the change. */
export async function notifyCaseChange(ctx: AppContext, tx: Tx, c: CaseChange): Promise<void> {
  const template = caseTemplateFor(c.action, c.from, c.to);
  if (!template) return;
  await enqueueNotification(ctx, tx, {
    personId: c.applicantPersonId,
    template,
    params: {
      number: c.number,
      item: c.itemName.zh,
      itemEn: c.itemName.en,
      note: c.note || '详见申请详情',
      ...(c.note ? {} : { noteEn: 'see the application' }),
    },
    link: `/citizen/cases/${c.caseId}`,
    dedupeKey: `case:${c.caseId}:${c.seq}`,
  });
}
