import type { CaseActionRequest, CaseDetail } from '@opendmv/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, withQuery } from '../../app/api/client.ts';
import type {
  CaseList,
  CaseListQuery,
  PrecheckResult,
  SubmitCaseBody,
  UploadDocumentBody,
  WindowSubmitCaseBody,
} from '../../app/api/contract-types.ts';

const enc = encodeURIComponent;

/** Where a caller's cases live: the citizen's own (`/me/cases`) or the office's (`/cases`). */
export type CaseScope = 'me' | 'office';
const base = (scope: CaseScope) => (scope === 'me' ? '/api/v1/me/cases' : '/api/v1/cases');

export type PrecheckBody = Omit<SubmitCaseBody, 'delivery' | 'provided' | 'deliveryAddress'>;
export type WindowPrecheckBody = PrecheckBody & { applicantIdNumber: string };

export const useCaseList = (scope: CaseScope, query: CaseListQuery = {}) =>
  useQuery({
    queryKey: ['cases', scope, 'list', query],
    queryFn: () =>
      apiGet<CaseList>(withQuery(base(scope), query as Record<string, string | number | undefined>)),
    placeholderData: keepPreviousData,
  });

export const useCaseDetail = (scope: CaseScope, id: string) =>
  useQuery({
    queryKey: ['cases', scope, 'detail', id],
    queryFn: () => apiGet<CaseDetail>(`${base(scope)}/${enc(id)}`),
  });

/** The automatic check before anything is submitted (citizen online, or the officer at the window). */
export const usePrecheck = (scope: CaseScope) =>
  useMutation({
    mutationFn: (body: PrecheckBody | WindowPrecheckBody) =>
      apiPost<PrecheckResult>(`${base(scope)}/precheck`, body),
  });

export function useSubmitCase(scope: CaseScope) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmitCaseBody | WindowSubmitCaseBody) => apiPost<CaseDetail>(base(scope), body),
    onSuccess: (c) => {
      qc.setQueryData(['cases', scope, 'detail', c.id], c);
      void qc.invalidateQueries({ queryKey: ['cases', scope, 'list'] });
    },
  });
}

/** One workflow action; the answer is the case as it now stands (with its new available actions). */
export function useCaseAction(scope: CaseScope, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CaseActionRequest) => apiPost<CaseDetail>(`${base(scope)}/${enc(id)}/actions`, body),
    onSuccess: (c) => {
      qc.setQueryData(['cases', scope, 'detail', id], c);
      void qc.invalidateQueries({ queryKey: ['cases', scope, 'list'] });
    },
  });
}

/**
 * A file for one of the applicant's materials (the citizen's own case, or the window scanning it). The
 * answer is the case with the material now provided and the file among its documents.
 */
export function useUploadDocument(scope: CaseScope, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UploadDocumentBody) =>
      apiPost<CaseDetail>(`${base(scope)}/${enc(id)}/documents`, body),
    onSuccess: (c) => {
      qc.setQueryData(['cases', scope, 'detail', id], c);
      void qc.invalidateQueries({ queryKey: ['cases', scope, 'detail', id] });
      void qc.invalidateQueries({ queryKey: ['cases', scope, 'list'] });
    },
  });
}

/** Where a document's bytes are served (`Content-Disposition: attachment`; the session cookie goes along). */
export const documentUrl = (scope: CaseScope, caseId: string, docId: string) =>
  `${base(scope)}/${enc(caseId)}/documents/${enc(docId)}`;
