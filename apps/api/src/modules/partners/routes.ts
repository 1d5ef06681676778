import {
  PARTNER_ROUTE_SEGMENTS,
  PARTNER_SOURCES,
  type PartnerSource,
  partnerBatchSchemas,
  partnerIngestResultSchema,
  partnerRecordListSchema,
  partnerRecordsQuerySchema,
} from '@opendmv/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../../platform/auth/plugin.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import * as svc from './service.ts';

const tags = ['partner'];

const OPERATIONS: Record<PartnerSource, { operationId: string; summary: string }> = {
  'hospital-medical': {
    operationId: 'submitMedicalResults',
    summary: 'Hospital: drivers’ medical examination results (身体条件证明)',
  },
  'insurer-policy': {
    operationId: 'submitInsurancePolicies',
    summary: 'Insurer: compulsory traffic insurance policies (交强险)',
  },
  'inspection-result': {
    operationId: 'submitInspectionResults',
    summary: 'Inspection station: safety inspection results',
  },
  'tax-payment': { operationId: 'submitTaxPayments', summary: 'Tax bureau: vehicle and vessel tax (车船税)' },
  'post-delivery': {
    operationId: 'submitDeliveryEvents',
    summary: 'Post: delivery events of a case’s documents',
  },
  'dealer-sale': { operationId: 'submitVehicleSales', summary: 'Dealer: sales of new vehicles' },
  'study-exam': {
    operationId: 'submitExamResults',
    summary: 'Education platform: point-reduction study and exam results (学法减分)',
  },
};

const DESCRIPTION =
  'All or nothing: one bad record refuses the whole batch (400 with every bad record’s field path, e.g. ' +
  '`body.records.3.idNumber`, and reason). A record whose reference was already received is counted as a ' +
  'duplicate and left unchanged. Only a token issued for this data source may call it (403 otherwise).';

/** Partner systems deliver records that replace paper materials (数据代替纸质材料). */
export async function partnerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const meta = (req: FastifyRequest) => ({ ip: req.ip, requestId: req.id, log: req.log });

  for (const source of PARTNER_SOURCES) {
    r.post(
      `/api/v1/partner/${PARTNER_ROUTE_SEGMENTS[source]}`,
      {
        config: { permission: 'partner:submit' },
        schema: {
          ...OPERATIONS[source],
          tags,
          description: DESCRIPTION,
          body: partnerBatchSchemas[source],
          response: { 200: partnerIngestResultSchema, ...errors },
        },
      },
      async (req) => svc.ingestRecords(app.ctx, principalOf(req), meta(req), source, req.body.records),
    );
  }

  r.get(
    '/api/v1/partner/records',
    {
      config: { permission: 'partner:submit' },
      schema: {
        operationId: 'listPartnerRecords',
        tags,
        summary: 'The records this partner token has sent, newest first',
        querystring: partnerRecordsQuerySchema,
        response: { 200: partnerRecordListSchema, ...errors },
      },
    },
    async (req) => svc.listOwnRecords(app.ctx, principalOf(req), meta(req), req.query.limit),
  );
}
