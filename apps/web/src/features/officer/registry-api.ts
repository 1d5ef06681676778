import type {
  PersonDetail,
  PersonDto,
  SearchResult,
  VehicleDetail,
  ViolationDto,
  ViolationList,
} from '@opendmv/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, withQuery } from '../../app/api/client.ts';
import type { LicenceDetail } from '../../app/api/contract-types.ts';

const enc = encodeURIComponent;

export const useRegistrySearch = (q: string) =>
  useQuery({
    queryKey: ['registry', 'search', q],
    queryFn: () => apiGet<SearchResult>(withQuery('/api/v1/registry/search', { q })),
    enabled: q.length >= 2,
  });

export const usePersonDetail = (id: string) =>
  useQuery({
    queryKey: ['registry', 'person', id],
    queryFn: () => apiGet<PersonDetail>(`/api/v1/persons/${enc(id)}`),
  });

export const useVehicleDetail = (id: string) =>
  useQuery({
    queryKey: ['registry', 'vehicle', id],
    queryFn: () => apiGet<VehicleDetail>(`/api/v1/vehicles/${enc(id)}`),
  });

export const useLicenceDetail = (id: string) =>
  useQuery({
    queryKey: ['registry', 'licence', id],
    queryFn: () => apiGet<LicenceDetail>(`/api/v1/licences/${enc(id)}`),
  });

export const useViolationsByPlate = (plate: string) =>
  useQuery({
    queryKey: ['registry', 'violations', plate],
    queryFn: () => apiGet<ViolationList>(withQuery('/api/v1/violations', { plate, limit: 100 })),
    enabled: plate.length >= 7,
    placeholderData: keepPreviousData,
  });

/** Shows a person's full ID number and phone; the server writes the purpose to the audit log. */
export const useRevealPerson = (id: string) =>
  useMutation({
    mutationFn: (purpose: string) => apiPost<PersonDto>(`/api/v1/persons/${enc(id)}/reveal`, { purpose }),
  });

/** Issues the penalty decision on an unhandled violation, then refreshes every registry view. */
export function useDecideViolation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiPost<ViolationDto>(`/api/v1/violations/${enc(id)}/decide`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['registry'] }),
  });
}
