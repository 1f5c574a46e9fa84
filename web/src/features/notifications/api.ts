import type { Channel, CreateChannelBody, UpdateChannelBody } from '@groundbreak/contract';
import {
  channelListResponse,
  channelResponse,
  channelSettingsResponse,
  channelTestResponse,
  deliveryListResponse,
  deliveryResponse,
  markReadResponse,
  notificationListResponse,
  okResponse,
  unreadCountResponse,
} from '@groundbreak/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';

export const notificationKeys = {
  all: ['notifications'] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
  inbox: (query: ListQuery) => ['notifications', 'inbox', query] as const,
};

export const channelKeys = {
  all: ['notification-channels'] as const,
  list: (query: ListQuery) => ['notification-channels', 'list', query] as const,
  settings: ['notification-channels', 'settings'] as const,
  deliveries: (query: ListQuery) => ['notification-channels', 'deliveries', query] as const,
  delivery: (id: string) => ['notification-channels', 'delivery', id] as const,
};

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

/** My messages (站内信), newest first. */
export function useInbox(query: ListQuery) {
  return useQuery({
    queryKey: notificationKeys.inbox(query),
    queryFn: ({ signal }) =>
      http.get('/api/notifications', { signal, query, schema: notificationListResponse }),
    placeholderData: keepPreviousData,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) =>
      http.post('/api/notifications/read', { body: { ids }, schema: markReadResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http.post('/api/notifications/read-all', { schema: markReadResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useChannels(query: ListQuery) {
  return useQuery({
    queryKey: channelKeys.list(query),
    queryFn: ({ signal }) =>
      http.get('/api/notification-channels', { signal, query, schema: channelListResponse }),
    placeholderData: keepPreviousData,
  });
}

export function useChannelSettings() {
  return useQuery({
    queryKey: channelKeys.settings,
    queryFn: ({ signal }) =>
      http.get('/api/notification-channels/settings', { signal, schema: channelSettingsResponse }),
    staleTime: 5 * 60_000,
  });
}

export function useCreateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateChannelBody) =>
      http.post('/api/notification-channels', { body, schema: channelResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelKeys.all }),
  });
}

export function useUpdateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateChannelBody & { id: string }) =>
      http.put(`/api/notification-channels/${id}`, { body, schema: channelResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelKeys.all }),
  });
}

export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channel: Pick<Channel, 'id' | 'version'>) =>
      http.post(`/api/notification-channels/${channel.id}/delete`, {
        body: { version: channel.version },
        schema: okResponse,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelKeys.all }),
  });
}

export function useTestChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      http.post(`/api/notification-channels/${id}/test`, { schema: channelTestResponse }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelKeys.all }),
  });
}

export function useDeliveries(query: ListQuery) {
  return useQuery({
    queryKey: channelKeys.deliveries(query),
    queryFn: ({ signal }) =>
      http.get('/api/notification-deliveries', { signal, query, schema: deliveryListResponse }),
    placeholderData: keepPreviousData,
  });
}

export function useDelivery(id: string | undefined) {
  return useQuery({
    queryKey: channelKeys.delivery(id ?? ''),
    queryFn: ({ signal }) =>
      http.get(`/api/notification-deliveries/${id}`, { signal, schema: deliveryResponse }),
    enabled: id !== undefined,
  });
}

export function useRetryDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      http.post(`/api/notification-deliveries/${id}/retry`, { schema: deliveryResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelKeys.all }),
  });
}
