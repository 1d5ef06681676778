import type { NotificationDto, NotificationList, NotificationPreferencesDto } from '@opendmv/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, apiPut, withQuery } from '../../app/api/client.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';

const KEY = ['me', 'notifications'] as const;

/** My inbox; the server renders each message in the language asked for, so the language is in the key. */
export function useMyNotifications(limit: number) {
  const { locale } = useI18n();
  return useQuery({
    queryKey: [...KEY, 'list', locale, limit],
    queryFn: () => apiGet<NotificationList>(withQuery('/api/v1/me/notifications', { limit })),
    placeholderData: keepPreviousData,
  });
}

/** Just the unread count (the first page's answer carries it). */
export function useUnreadCount(): number | undefined {
  return useMyNotifications(20).data?.unread;
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiPost<NotificationDto>(`/api/v1/me/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'list'] }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<{ updated: number }>('/api/v1/me/notifications/read-all'),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'list'] }),
  });
}

export const useMyPreferences = () =>
  useQuery({
    queryKey: [...KEY, 'preferences'],
    queryFn: () => apiGet<NotificationPreferencesDto>('/api/v1/me/notification-preferences'),
  });

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationPreferencesDto) =>
      apiPut<NotificationPreferencesDto>('/api/v1/me/notification-preferences', body),
    onSuccess: (saved) => qc.setQueryData([...KEY, 'preferences'], saved),
  });
}
