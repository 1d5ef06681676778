import type { LicenceDto, PersonDto, VehicleDto, ViolationList } from '@opendmv/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../app/api/client.ts';

/** The citizen's own records: /api/v1/me/*. */
export const useMyPerson = () =>
  useQuery({ queryKey: ['me', 'person'], queryFn: () => apiGet<PersonDto>('/api/v1/me/person') });

export const useMyLicence = () =>
  useQuery({
    queryKey: ['me', 'licence'],
    queryFn: () => apiGet<{ licence: LicenceDto | null }>('/api/v1/me/licence'),
  });

export const useMyVehicles = () =>
  useQuery({
    queryKey: ['me', 'vehicles'],
    queryFn: () => apiGet<{ items: VehicleDto[] }>('/api/v1/me/vehicles'),
  });

export const useMyViolations = () =>
  useQuery({ queryKey: ['me', 'violations'], queryFn: () => apiGet<ViolationList>('/api/v1/me/violations') });
