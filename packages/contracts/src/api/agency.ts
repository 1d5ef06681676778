import { z } from 'zod';
import { submitCaseSchema } from './cases.ts';

const itemCode = z.string().regex(/^[A-Z][A-Z0-9-]{2,30}$/);

/** 电子委托书: the citizen names a registered agent, the items, and how long it lasts. */
export const grantAuthorizationSchema = z
  .object({
    agentUsername: z.string().trim().min(3).max(64),
    itemCodes: z.array(itemCode).min(1).max(5),
    validDays: z.number().int().min(1).max(30),
  })
  .meta({ id: 'GrantAuthorization' });

export const authorizationSchema = z
  .object({
    id: z.uuid(),
    agentName: z.string(),
    principalName: z.string().meta({ description: 'The citizen who granted it (masked for the agent)' }),
    itemCodes: z.array(z.string()),
    validUntil: z.iso.date(),
    createdAt: z.iso.datetime({ offset: true }),
    revokedAt: z.iso.datetime({ offset: true }).nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Authorization' });
export type AuthorizationDto = z.infer<typeof authorizationSchema>;
export const authorizationListSchema = z.object({ items: z.array(authorizationSchema) });

/** An agent files a case under an authorization (agency channel). */
export const agentSubmitCaseSchema = submitCaseSchema
  .extend({ authorizationId: z.uuid() })
  .meta({ id: 'AgentSubmitCase' });
