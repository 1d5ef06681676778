import { z } from 'zod';
import {
  channelSchema,
  deliveryOptionSchema,
  itemCategorySchema,
  itemDefinitionSchema,
  localizedSchema,
  subjectKindSchema,
} from '../catalog/item.ts';

/** One line of the catalog: what a list of services shows. */
export const catalogItemSummarySchema = z
  .object({
    code: z.string(),
    version: z.number().int(),
    versionId: z.uuid(),
    name: localizedSchema,
    summary: localizedSchema,
    category: itemCategorySchema,
    subject: subjectKindSchema,
    channels: z.array(channelSchema),
    delivery: z.array(deliveryOptionSchema),
    feeFen: z.number().int(),
    promisedDays: z.number().int(),
    statutoryDays: z.number().int(),
    instantApproval: z.boolean(),
    presenceRequired: z.boolean(),
    effectiveFrom: z.iso.date(),
  })
  .meta({ id: 'CatalogItemSummary' });
export type CatalogItemSummary = z.infer<typeof catalogItemSummarySchema>;

export const catalogListSchema = z.object({ items: z.array(catalogItemSummarySchema) });

export const outletSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  nameEn: z.string(),
  kind: z.string(),
  address: z.string().nullable(),
});

/** The public service guide (办事指南) of one item: generated from the version in force. */
export const serviceGuideSchema = z
  .object({
    code: z.string(),
    version: z.number().int(),
    versionId: z.uuid(),
    definition: itemDefinitionSchema,
    outlets: z.array(outletSchema),
    publishedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'ServiceGuide' });
export type ServiceGuide = z.infer<typeof serviceGuideSchema>;

export const catalogVersionSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    version: z.number().int(),
    definition: itemDefinitionSchema,
    createdAt: z.iso.datetime({ offset: true }),
    createdBy: z.string().nullable(),
    createdByName: z
      .string()
      .nullable()
      .meta({ description: 'Who saved it; null for a built-in definition' }),
    changeNote: z.string().nullable(),
    openCases: z.number().int(),
  })
  .meta({ id: 'CatalogVersion' });
export type CatalogVersion = z.infer<typeof catalogVersionSchema>;

export const catalogVersionListSchema = z.object({ items: z.array(catalogVersionSchema) });

export const createCatalogItemSchema = z
  .object({ definition: itemDefinitionSchema, changeNote: z.string().trim().min(1).max(500) })
  .meta({ id: 'CreateCatalogItem' });

/** A new version of an item. `baseVersion` guards against two administrators editing at once. */
export const reviseCatalogItemSchema = z
  .object({
    baseVersion: z.number().int().min(1),
    definition: itemDefinitionSchema,
    changeNote: z.string().trim().min(1).max(500),
  })
  .meta({ id: 'ReviseCatalogItem' });

export const itemCodeParamsSchema = z.object({ code: z.string().regex(/^[A-Z][A-Z0-9-]{2,30}$/) });
