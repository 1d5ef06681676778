import {
  createShareCodeBodySchema,
  eLicenceKeysSchema,
  eLicenceSchema,
  idParamsSchema,
  licenceVerificationSchema,
  shareCheckBodySchema,
  shareCheckResultSchema,
  shareCodeCreatedSchema,
  shareCodeItemSchema,
  shareCodeListSchema,
  verifyLicenceBodySchema,
} from '@opendmv/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../platform/auth/plugin.ts';
import { auditActorOf } from '../../platform/auth/principal.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import {
  checkShareCode,
  createShareCode,
  getMyELicence,
  listMyShareCodes,
  publicKeys,
  type RequestMeta,
  revokeMyShareCode,
  verifyToken,
} from './service.ts';

const meta = (req: FastifyRequest): RequestMeta => ({
  actor: auditActorOf(req.principal, req.ip, req.id),
  locale: localeOf(req.headers['accept-language']),
  origin: `${req.protocol}://${req.host}`,
});

/**
 * The verifiable electronic driving licence (电子驾驶证): the holder's card and QR, share codes for an
 * employer or a car-rental firm, and the two public checks (QR token, share code), both audited.
 */
export async function credentialsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { permission: 'self:read' } as const;
  const write = { permission: 'self:update' } as const;
  const tags = ['e-licence'];

  r.get(
    '/api/v1/me/e-licence',
    {
      config: read,
      schema: {
        operationId: 'getMyELicence',
        tags,
        summary: 'My e-licence: live status and a QR signed for a few minutes (fetch again to refresh)',
        response: { 200: eLicenceSchema, ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return getMyELicence(app.ctx, userOf(req).personId, meta(req).origin);
    },
  );

  r.post(
    '/api/v1/me/e-licence/share-codes',
    {
      config: write,
      schema: {
        operationId: 'createShareCode',
        tags,
        summary: 'A single-use share code for my licence (shown once; valid 21 days)',
        body: createShareCodeBodySchema,
        response: { 201: shareCodeCreatedSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createShareCode(app.ctx, meta(req), userOf(req).personId, req.body)),
  );

  r.get(
    '/api/v1/me/e-licence/share-codes',
    {
      config: read,
      schema: {
        operationId: 'listMyShareCodes',
        tags,
        summary: 'My share codes, newest first: state, who used each (never the code itself)',
        response: { 200: shareCodeListSchema, ...errors },
      },
    },
    async (req) => listMyShareCodes(app.ctx, userOf(req).personId),
  );

  r.post(
    '/api/v1/me/e-licence/share-codes/:id/revoke',
    {
      config: write,
      schema: {
        operationId: 'revokeShareCode',
        tags,
        summary: 'Revoke an unused share code',
        params: idParamsSchema,
        response: { 200: shareCodeItemSchema, ...errors },
      },
    },
    async (req) => revokeMyShareCode(app.ctx, meta(req), userOf(req).personId, req.params.id),
  );

  r.get(
    '/api/v1/public/e-licence/keys',
    {
      config: { isPublic: true },
      schema: {
        operationId: 'getELicenceKeys',
        tags: ['public'],
        summary: 'The Ed25519 public key (JWK set) that signs e-licence QR codes, to verify them offline',
        response: { 200: eLicenceKeysSchema, ...errors },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return publicKeys(app.ctx);
    },
  );

  r.post(
    '/api/v1/public/e-licence/verify',
    {
      config: { isPublic: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        operationId: 'verifyELicence',
        tags: ['public'],
        summary: 'Check a scanned e-licence QR: signature, expiry, and the live status of the licence',
        body: verifyLicenceBodySchema,
        response: { 200: licenceVerificationSchema, ...errors },
      },
    },
    async (req) => verifyToken(app.ctx, meta(req), req.body.token),
  );

  r.post(
    '/api/v1/public/e-licence/check',
    {
      // A code is 8 of 31 symbols (~40 bits); a low per-address limit makes guessing hopeless.
      config: { isPublic: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        operationId: 'checkShareCode',
        tags: ['public'],
        summary: 'Use a share code once: status, classes, points, masked name and validity',
        body: shareCheckBodySchema,
        response: { 200: shareCheckResultSchema, ...errors },
      },
    },
    async (req) => checkShareCode(app.ctx, meta(req), req.body),
  );
}
