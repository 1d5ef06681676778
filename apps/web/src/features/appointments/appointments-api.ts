import type {
  AppointmentDto,
  AvailabilityDto,
  BookableOfficeListDto,
  HallCategory,
} from '@opendmv/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, isApiError, withQuery } from '../../app/api/client.ts';

const enc = encodeURIComponent;
type List = { items: AppointmentDto[] };

export const useBookableOffices = () =>
  useQuery({
    queryKey: ['appointments', 'offices'],
    queryFn: () => apiGet<BookableOfficeListDto>('/api/v1/appointments/offices'),
    staleTime: 5 * 60_000,
  });

export const useAvailability = (
  officeId: string | undefined,
  category: HallCategory,
  from: string,
  to: string,
) =>
  useQuery({
    enabled: !!officeId,
    queryKey: ['appointments', 'availability', officeId, category, from, to],
    queryFn: () =>
      apiGet<AvailabilityDto>(
        withQuery('/api/v1/appointments/availability', { officeId, category, from, to }),
      ),
  });

export const useMyAppointments = () =>
  useQuery({
    queryKey: ['appointments', 'me'],
    queryFn: () => apiGet<List>('/api/v1/me/appointments'),
  });

export const useAppointmentQr = (id: string | null) =>
  useQuery({
    enabled: !!id,
    queryKey: ['appointments', 'me', 'qr', id],
    queryFn: () => apiGet<{ code: string; qrSvg: string }>(`/api/v1/me/appointments/${enc(id!)}/qr`),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Hold, confirm and cancel: each refreshes my list and the seats shown. */
export function useAppointmentActions() {
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: ['appointments'] });
  return {
    hold: useMutation({
      mutationFn: (slotId: string) => apiPost<AppointmentDto>('/api/v1/me/appointments', { slotId }),
      onSettled: refresh,
    }),
    confirm: useMutation({
      mutationFn: (id: string) => apiPost<AppointmentDto>(`/api/v1/me/appointments/${enc(id)}/confirm`),
      onSettled: refresh,
    }),
    cancel: useMutation({
      mutationFn: (id: string) => apiPost<AppointmentDto>(`/api/v1/me/appointments/${enc(id)}/cancel`),
      onSettled: refresh,
    }),
  };
}

/** The server's field message (English), translated when it is a known one. */
export function errorText(err: unknown, known: Record<string, string>): string {
  if (!isApiError(err)) return String((err as Error)?.message ?? err);
  const m = err.fields[0]?.message;
  return (m && known[m]) ?? m ?? err.message;
}
