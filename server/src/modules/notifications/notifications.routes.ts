import {
  errorBody,
  markReadBody,
  markReadResponse,
  notificationListQuery,
  notificationListResponse,
  unreadCountResponse,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../plugins/principal';
import type { ModuleContext } from '../registry';
import { createNotificationsRepository } from './notifications.repository';

export function notificationRoutes(app: FastifyInstance, { database, clock }: ModuleContext): void {
  const repository = createNotificationsRepository(database.db);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/notifications',
    {
      config: { action: 'self' },
      schema: {
        tags: ['消息'],
        summary: '我的消息（站内信）',
        querystring: notificationListQuery,
        response: { 200: notificationListResponse, 400: errorBody, 401: errorBody },
      },
    },
    async (request) => {
      const { unread, ...page } = request.query;
      return repository.listForRecipient(requirePrincipal(request).userId, {
        ...page,
        unread: unread === undefined ? undefined : unread === 'true',
      });
    },
  );

  r.get(
    '/api/notifications/unread-count',
    {
      config: { action: 'self' },
      schema: {
        tags: ['消息'],
        summary: '未读消息数（顶栏角标）',
        response: { 200: unreadCountResponse, 401: errorBody },
      },
    },
    async (request) => ({ unread: await repository.countUnread(requirePrincipal(request).userId) }),
  );

  r.post(
    '/api/notifications/read',
    {
      config: { action: 'self' },
      schema: {
        tags: ['消息'],
        summary: '标记为已读',
        body: markReadBody,
        response: { 200: markReadResponse, 400: errorBody, 401: errorBody },
      },
    },
    async (request) => ({
      updated: await repository.markRead(requirePrincipal(request).userId, request.body.ids, clock.now()),
    }),
  );
}
