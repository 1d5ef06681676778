import type {
  CaseDetail,
  CaseTrackingDto,
  DocumentVerification,
  IssuedDocumentDto,
} from '@opendmv/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../app/api/client.ts';
import type { CaseScope } from '../cases/cases-api.ts';

const enc = encodeURIComponent;
const base = (scope: CaseScope) => (scope === 'me' ? '/api/v1/me/cases' : '/api/v1/cases');

/** Cases that have a decision (approved or refused), so a decision document. */
export const DECIDED_STATES: readonly CaseDetail['status'][] = [
  'approved',
  'rejected',
  'produced',
  'delivered',
  'collected',
  'completed',
];

/** Cases whose licence, plate or label is on its way (or waiting at the outlet). */
export const DELIVERING_STATES: readonly CaseDetail['status'][] = [
  'approved',
  'produced',
  'delivered',
  'collected',
  'completed',
];

/** Where the item is; refetched whenever the case moves on (its status and event count are in the key). */
export const useCaseTracking = (scope: CaseScope, c: CaseDetail, enabled: boolean) =>
  useQuery({
    queryKey: ['cases', scope, 'tracking', c.id, c.status, c.events.length],
    queryFn: () => apiGet<CaseTrackingDto>(`${base(scope)}/${enc(c.id)}/tracking`),
    enabled,
  });

/** The decision document of a decided case (issued on the first request). */
export const useCaseDecision = (scope: CaseScope, c: CaseDetail, enabled: boolean) =>
  useQuery({
    queryKey: ['cases', scope, 'decision', c.id, c.decidedBy],
    queryFn: () => apiGet<IssuedDocumentDto>(`${base(scope)}/${enc(c.id)}/decision`),
    enabled,
    staleTime: 5 * 60_000,
  });

/** The public check of a document by the id in its QR code. */
export const useDocumentVerification = (id: string) =>
  useQuery({
    queryKey: ['documents', 'verify', id],
    queryFn: () => apiGet<DocumentVerification>(`/api/v1/public/documents/${enc(id)}`),
    retry: false,
  });
