import type { OfficeDto, StaffDto } from '@opendmv/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, withQuery } from '../../app/api/client.ts';
import type {
  ApiTokenDto,
  ApiTokenPage,
  CreateApiTokenBody,
  CreatedApiToken,
  CreatedStaff,
  CreateOfficeBody,
  CreateStaffBody,
  RoleInfo,
  StaffPage,
} from '../../app/api/contract-types.ts';

export type {
  ApiTokenDto,
  CreateApiTokenBody,
  CreatedApiToken,
  CreatedStaff,
  CreateOfficeBody,
  CreateStaffBody,
  RoleInfo,
};
export type StaffAction = 'unlock' | 'disable' | 'enable';

const enc = encodeURIComponent;
const page = (p: number, size: number) => ({ limit: size, offset: (p - 1) * size });

export const useOffices = () =>
  useQuery({
    queryKey: ['admin', 'offices'],
    queryFn: () => apiGet<{ items: OfficeDto[] }>('/api/v1/offices'),
  });

export const useRoles = () =>
  useQuery({ queryKey: ['admin', 'roles'], queryFn: () => apiGet<{ items: RoleInfo[] }>('/api/v1/roles') });

export const useTokens = (p: number, size: number) =>
  useQuery({
    queryKey: ['admin', 'tokens', p, size],
    queryFn: () => apiGet<ApiTokenPage>(withQuery('/api/v1/api-tokens', page(p, size))),
    placeholderData: keepPreviousData,
  });

export const useStaff = (p: number, size: number) =>
  useQuery({
    queryKey: ['admin', 'staff', p, size],
    queryFn: () => apiGet<StaffPage>(withQuery('/api/v1/staff', page(p, size))),
    placeholderData: keepPreviousData,
  });

/** A POST that refreshes one admin list afterwards. */
function useAdminPost<TBody, TResult>(
  list: string,
  path: (body: TBody) => string,
  send: (body: TBody) => unknown = (b) => b,
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => apiPost<TResult>(path(body), send(body)),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', list] }),
  });
}

export const useCreateOffice = () =>
  useAdminPost<CreateOfficeBody, OfficeDto>('offices', () => '/api/v1/offices');
export const useCreateStaff = () =>
  useAdminPost<CreateStaffBody, CreatedStaff>('staff', () => '/api/v1/staff');
/** unlock / disable / enable one staff account. */
export const useChangeStaff = () =>
  useAdminPost<{ id: string; action: StaffAction }, StaffDto>(
    'staff',
    ({ id, action }) => `/api/v1/staff/${enc(id)}/${action}`,
    () => ({}),
  );
export const useCreateToken = () =>
  useAdminPost<CreateApiTokenBody, CreatedApiToken>('tokens', () => '/api/v1/api-tokens');
export const useRevokeToken = () =>
  useAdminPost<string, ApiTokenDto>(
    'tokens',
    (id) => `/api/v1/api-tokens/${enc(id)}/revoke`,
    () => ({}),
  );
