import type { CatalogItemSummary, CatalogVersion, ServiceGuide } from '@opendmv/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, apiPut, withQuery } from '../../app/api/client.ts';
import type {
  CreateCatalogItemBody,
  PublicProgress,
  ReviseCatalogItemBody,
} from '../../app/api/contract-types.ts';

const enc = encodeURIComponent;

/** The catalog in force (public, no login): every item's summary. */
export const usePublicCatalog = () =>
  useQuery({
    queryKey: ['catalog', 'public'],
    queryFn: () => apiGet<{ items: CatalogItemSummary[] }>('/api/v1/public/catalog'),
    staleTime: 5 * 60_000,
  });

/** The service guide (办事指南) of one item: its definition in force and the outlets that take it. */
export const useServiceGuide = (code: string | undefined) =>
  useQuery({
    queryKey: ['catalog', 'public', code],
    queryFn: () => apiGet<ServiceGuide>(`/api/v1/public/catalog/${enc(code ?? '')}`),
    enabled: !!code,
    staleTime: 5 * 60_000,
  });

/** Public progress look-up by case number and the last four characters of the ID number. */
export const usePublicProgress = (number: string, idLast4: string) =>
  useQuery({
    queryKey: ['progress', number, idLast4],
    queryFn: () => apiGet<PublicProgress>(withQuery('/api/v1/public/progress', { number, idLast4 })),
    enabled: number.length > 0 && idLast4.length === 4,
  });

export const useAdminCatalog = () =>
  useQuery({
    queryKey: ['catalog', 'admin'],
    queryFn: () => apiGet<{ items: CatalogItemSummary[] }>('/api/v1/admin/catalog'),
  });

export const useCatalogVersions = (code: string | undefined) =>
  useQuery({
    queryKey: ['catalog', 'admin', code, 'versions'],
    queryFn: () => apiGet<{ items: CatalogVersion[] }>(`/api/v1/admin/catalog/${enc(code ?? '')}/versions`),
    enabled: !!code,
  });

/** A new item (its version 1). */
export function useCreateCatalogItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCatalogItemBody) => apiPost<CatalogVersion>('/api/v1/admin/catalog', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['catalog'] }),
  });
}

/** A new version of an item; 409 when someone saved a newer version since `baseVersion`. */
export function useReviseCatalogItem(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviseCatalogItemBody) =>
      apiPut<CatalogVersion>(`/api/v1/admin/catalog/${enc(code)}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['catalog'] }),
  });
}
