import { z } from 'zod';
import { pageOf, pageQuerySchema } from '../common/pagination.ts';
import { auditEventSchema } from './registry.ts';

/** Why the verifier stopped: a changed record, a record whose predecessor changed or moved, a missing seq. */
export const AUDIT_BROKEN_REASONS = ['hash-mismatch', 'prev-hash-mismatch', 'sequence-gap'] as const;
export const auditBrokenReasonSchema = z.enum(AUDIT_BROKEN_REASONS);

/** What the hash-chain verifier reports (GET /audit/verify and `npm run audit:verify`). */
export const auditChainReportSchema = z
  .object({
    ok: z.boolean(),
    checked: z
      .number()
      .int()
      .meta({ description: 'Records verified before the first broken link (all of them when ok)' }),
    headSeq: z
      .number()
      .int()
      .meta({ description: 'Last seq checked; when broken, the seq named in firstBroken' }),
    firstBroken: z
      .object({
        seq: z.number().int().meta({
          description:
            'The first record that does not verify. For a sequence-gap it is the first record after the missing ones',
        }),
        reason: auditBrokenReasonSchema,
      })
      .nullable(),
  })
  .meta({
    id: 'AuditChainReport',
    example: { ok: false, checked: 41, headSeq: 42, firstBroken: { seq: 42, reason: 'hash-mismatch' } },
  });
export type AuditChainReportDto = z.infer<typeof auditChainReportSchema>;

const filterText = z.string().trim().min(1).max(80);
export const auditEventsQuerySchema = pageQuerySchema.extend({
  action: filterText
    .optional()
    .meta({ description: 'Exact action, e.g. staff.create', example: 'staff.create' }),
  entityType: filterText.optional().meta({ example: 'user' }),
  entityId: filterText.optional(),
  actorId: filterText.optional().meta({ description: 'A user id or an API token id' }),
});
export type AuditEventsQuery = z.infer<typeof auditEventsQuerySchema>;

export const auditEventPageSchema = pageOf(auditEventSchema).meta({ id: 'AuditEventPage' });
