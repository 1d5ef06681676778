import type { HallBoardDto, HallCounterDto, QueueTicketDto } from '@opendmv/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, withQuery } from '../../app/api/client.ts';

const enc = encodeURIComponent;
/** The console re-reads the hall this often (the live boards push; the console polls). */
const POLL_MS = 5_000;

export const useMyCounters = () =>
  useQuery({
    queryKey: ['hall', 'counters'],
    queryFn: () => apiGet<{ items: HallCounterDto[] }>('/api/v1/hall/counters'),
    refetchInterval: POLL_MS,
  });

export const useHallBoard = (officeId: string | undefined) =>
  useQuery({
    queryKey: ['hall', 'board', officeId],
    queryFn: () => apiGet<HallBoardDto>(withQuery('/api/v1/hall/board', { officeId })),
    enabled: !!officeId,
    refetchInterval: POLL_MS,
  });

export const useHallTicket = (id: string | null) =>
  useQuery({
    queryKey: ['hall', 'ticket', id],
    queryFn: () => apiGet<QueueTicketDto>(`/api/v1/hall/tickets/${enc(id!)}`),
    enabled: !!id,
  });

/** Any hall action: refreshes the counters, the board and the ticket. */
function useHallMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['hall'] }) });
}

export const useCounterOpen = () =>
  useHallMutation((v: { id: string; open: boolean }) =>
    apiPost<HallCounterDto>(`/api/v1/hall/counters/${enc(v.id)}/${v.open ? 'open' : 'close'}`),
  );

export const useCallNext = () =>
  useHallMutation((counterId: string) =>
    apiPost<{ ticket: QueueTicketDto | null }>(`/api/v1/hall/counters/${enc(counterId)}/call-next`),
  );

export type TicketAction = 'recall' | 'skip' | 'serve' | 'transfer' | 'finish';
export const useTicketAction = () =>
  useHallMutation((v: { id: string; action: TicketAction; body?: Record<string, string> }) =>
    apiPost<QueueTicketDto>(`/api/v1/hall/tickets/${enc(v.id)}/${v.action}`, v.body ?? {}),
  );

export const useIssueTicket = () =>
  useHallMutation((body: { category: string; priorityReason?: string; idNumber?: string }) =>
    apiPost<QueueTicketDto>('/api/v1/hall/tickets', body),
  );

export const useCheckIn = () =>
  useHallMutation((body: { appointmentCode: string }) =>
    apiPost<QueueTicketDto>('/api/v1/hall/check-in', body),
  );
