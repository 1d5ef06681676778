import type {
  ELicenceDto,
  LicenceVerification,
  ShareCheckResult,
  ShareCodeCreated,
  ShareCodeItem,
  ShareCodeList,
} from '@opendmv/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../app/api/client.ts';

const E_LICENCE_KEY = ['me', 'e-licence'] as const;
const SHARE_CODES_KEY = ['me', 'e-licence', 'share-codes'] as const;

/** The holder's e-licence; fetched again shortly before its QR expires (like 12123's refreshing code). */
export const useMyELicence = () =>
  useQuery({
    queryKey: E_LICENCE_KEY,
    queryFn: () => apiGet<ELicenceDto>('/api/v1/me/e-licence'),
    refetchInterval: (q) => Math.max(5, q.state.data?.refreshInSeconds ?? 150) * 1000,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: 'always',
    staleTime: 0,
  });

export const useMyShareCodes = () =>
  useQuery({
    queryKey: SHARE_CODES_KEY,
    queryFn: () => apiGet<ShareCodeList>('/api/v1/me/e-licence/share-codes'),
  });

export function useCreateShareCode() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { purpose?: string }) =>
      apiPost<ShareCodeCreated>('/api/v1/me/e-licence/share-codes', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: SHARE_CODES_KEY }),
  });
}

export function useRevokeShareCode() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiPost<ShareCodeItem>(`/api/v1/me/e-licence/share-codes/${id}/revoke`),
    onSuccess: () => qc.invalidateQueries({ queryKey: SHARE_CODES_KEY }),
  });
}

/** One verification per page view: a POST that is audited, so never refetched on focus or retried. */
export const useVerifyLicence = (token: string | null) =>
  useQuery({
    queryKey: ['public', 'verify-licence', token],
    queryFn: () => apiPost<LicenceVerification>('/api/v1/public/e-licence/verify', { token }),
    enabled: !!token,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

/** Using a share code spends it: a mutation, never retried. */
export const useShareCheck = () =>
  useMutation({
    mutationFn: (body: { code: string; checker: string }) =>
      apiPost<ShareCheckResult>('/api/v1/public/e-licence/check', body),
    retry: false,
  });
