import {
  catalogListSchema,
  catalogVersionListSchema,
  catalogVersionSchema,
  createCatalogItemSchema,
  itemCodeParamsSchema,
  reviseCatalogItemSchema,
  serviceGuideSchema,
} from '@opendmv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../../platform/auth/plugin.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import { createItem, getGuide, listCatalog, listVersions, reviseItem } from './service.ts';

/** The public catalog and service guides (no login), and the administrators' editor. */
export async function catalogRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const meta = (req: { ip: string; id: string }) => ({ ip: req.ip, requestId: req.id });

  r.get(
    '/api/v1/public/catalog',
    {
      config: { isPublic: true },
      schema: {
        operationId: 'listCatalog',
        tags: ['public'],
        summary: 'Business items in force today (事项目录)',
        response: { 200: catalogListSchema, ...errors },
      },
    },
    async () => ({ items: await listCatalog(app.ctx) }),
  );

  r.get(
    '/api/v1/public/catalog/:code',
    {
      config: { isPublic: true },
      schema: {
        operationId: 'getServiceGuide',
        tags: ['public'],
        summary: 'The service guide (办事指南) of one item, generated from the version in force',
        params: itemCodeParamsSchema,
        response: { 200: serviceGuideSchema, ...errors },
      },
    },
    async (req) => getGuide(app.ctx, req.params.code),
  );

  r.get(
    '/api/v1/admin/catalog',
    {
      config: { permission: 'catalog:manage' },
      schema: {
        operationId: 'adminListCatalog',
        tags: ['admin'],
        summary: 'Every item with the version in force',
        response: { 200: catalogListSchema, ...errors },
      },
    },
    async () => ({ items: await listCatalog(app.ctx) }),
  );

  r.get(
    '/api/v1/admin/catalog/:code/versions',
    {
      config: { permission: 'catalog:manage' },
      schema: {
        operationId: 'listCatalogVersions',
        tags: ['admin'],
        summary: 'Every version of an item, newest first, with the open cases still on each',
        params: itemCodeParamsSchema,
        response: { 200: catalogVersionListSchema, ...errors },
      },
    },
    async (req) => ({ items: await listVersions(app.ctx, req.params.code) }),
  );

  r.post(
    '/api/v1/admin/catalog',
    {
      config: { permission: 'catalog:manage' },
      schema: {
        operationId: 'createCatalogItem',
        tags: ['admin'],
        summary: 'Create a business item (version 1)',
        body: createCatalogItemSchema,
        response: { 201: catalogVersionSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createItem(app.ctx, principalOf(req), meta(req), req.body)),
  );

  r.put(
    '/api/v1/admin/catalog/:code',
    {
      config: { permission: 'catalog:manage' },
      schema: {
        operationId: 'reviseCatalogItem',
        tags: ['admin'],
        summary: 'Save a new version of an item; open cases keep the version they started with',
        params: itemCodeParamsSchema,
        body: reviseCatalogItemSchema,
        response: { 200: catalogVersionSchema, ...errors },
      },
    },
    async (req) => reviseItem(app.ctx, principalOf(req), meta(req), req.params.code, req.body),
  );
}
