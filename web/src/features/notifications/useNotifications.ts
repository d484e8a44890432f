/**
 * The reader's notifications: fetched when the page opens, again every minute and when the window
 * comes back into view; marking one or all read updates the list and the count at once.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationList } from '@shared/api';
import { api } from '../../api/client';
import '../../i18n/notifications';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

export function useNotifications() {
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: api.notifications,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
  const patch = (change: (list: NotificationList) => NotificationList) =>
    qc.setQueryData<NotificationList>(NOTIFICATIONS_KEY, (old) => (old ? change(old) : old));
  const readOne = useMutation({
    mutationFn: api.readNotification,
    onSuccess: ({ unread }, id) =>
      patch((old) => ({
        unread,
        items: old.items.map((n) =>
          n.id === id ? { ...n, readAt: n.readAt ?? new Date().toISOString() } : n,
        ),
      })),
  });
  const readAll = useMutation({
    mutationFn: api.readAllNotifications,
    onSuccess: () =>
      patch((old) => ({
        unread: 0,
        items: old.items.map((n) => ({ ...n, readAt: n.readAt ?? new Date().toISOString() })),
      })),
  });
  return { list, readOne, readAll };
}
