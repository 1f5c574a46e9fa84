import { unreadCountResponse } from '@groundbreak/contract';
import { useQuery } from '@tanstack/react-query';
import { http } from '../../lib/http';

export const notificationKeys = { unreadCount: ['notifications', 'unread-count'] as const };

const POLL_INTERVAL_MS = 60_000;

/** Unread messages of the signed-in user, polled every minute; a failed poll stops the polling. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unreadCount,
    queryFn: ({ signal }) =>
      http.get('/api/notifications/unread-count', { signal, schema: unreadCountResponse }),
    refetchInterval: (query) => (query.state.error ? false : POLL_INTERVAL_MS),
    retry: false,
  });
}
