import type { AuditChainReportDto } from '@opendmv/contracts';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { apiGet, withQuery } from '../../app/api/client.ts';
import type { AuditEventPage, AuditEventsQuery } from '../../app/api/contract-types.ts';

export type AuditFilter = Pick<AuditEventsQuery, 'action' | 'entityId'>;

export const useAuditEvents = (page: number, pageSize: number, filter: AuditFilter) =>
  useQuery({
    queryKey: ['audit', 'events', page, pageSize, filter],
    queryFn: () =>
      apiGet<AuditEventPage>(
        withQuery('/api/v1/audit/events', {
          limit: pageSize,
          offset: (page - 1) * pageSize,
          action: filter.action,
          entityId: filter.entityId,
        }),
      ),
    placeholderData: keepPreviousData,
  });

/** Recomputes the hash chain on the server. A GET, but run on demand, so a mutation here. */
export const useAuditVerify = () =>
  useMutation({ mutationFn: () => apiGet<AuditChainReportDto>('/api/v1/audit/verify') });
