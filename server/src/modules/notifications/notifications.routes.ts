import {
  channelIdParams,
  channelListQuery,
  channelListResponse,
  channelResponse,
  channelSettingsResponse,
  channelTestResponse,
  createChannelBody,
  deleteChannelBody,
  deliveryIdParams,
  deliveryListQuery,
  deliveryListResponse,
  deliveryResponse,
  errorBody,
  markReadBody,
  markReadResponse,
  notificationListQuery,
  notificationListResponse,
  okResponse,
  unreadCountResponse,
  updateChannelBody,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import { createAuditRepository } from '../audit/audit.repository';
import type { ModuleContext } from '../registry';
import { createChannelsService } from './channels.service';
import { createDeliveryService } from './delivery';
import { createNotificationsRepository } from './notifications.repository';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function notificationRoutes(
  app: FastifyInstance,
  { database, clock, protector, config }: ModuleContext,
): void {
  const repository = createNotificationsRepository(database.db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const settings = config.notifications;
  const delivery = createDeliveryService({ db: database.db, protector, clock, settings });
  const channels = createChannelsService({
    db: database.db,
    protector,
    clock,
    audit: createAuditRepository(database.db),
    delivery,
    settings,
  });
  const tags = ['消息推送'];

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

  r.post(
    '/api/notifications/read-all',
    {
      config: { action: 'self' },
      schema: {
        tags: ['消息'],
        summary: '全部标记为已读',
        response: { 200: markReadResponse, 401: errorBody },
      },
    },
    async (request) => ({
      updated: await repository.markAllRead(requirePrincipal(request).userId, clock.now()),
    }),
  );

  r.get(
    '/api/notification-channels',
    {
      config: { action: 'reference.admin' },
      schema: {
        tags,
        summary: '消息推送渠道（数据范围内各机构的群机器人、Webhook、邮件）',
        querystring: channelListQuery,
        response: { 200: channelListResponse, ...errors },
      },
    },
    async (request) => channels.list(requirePrincipal(request), request.query),
  );

  r.get(
    '/api/notification-channels/settings',
    {
      config: { action: 'reference.admin' },
      schema: {
        tags,
        summary: '推送设置：是否配置了邮件服务器，重试次数与间隔',
        response: { 200: channelSettingsResponse, ...errors },
      },
    },
    async () => ({
      emailAvailable: settings.smtpUrl !== undefined,
      publicUrl: settings.publicUrl,
      maxAttempts: settings.maxAttempts,
      retryBaseSeconds: settings.retryBaseSeconds,
    }),
  );

  r.post(
    '/api/notification-channels',
    {
      config: { action: 'reference.admin' },
      schema: {
        tags,
        summary: '新增推送渠道',
        body: createChannelBody,
        response: { 200: channelResponse, ...errors },
      },
    },
    async (request) => ({
      channel: await channels.create(requirePrincipal(request), actorOf(request), request.body),
    }),
  );

  r.get(
    '/api/notification-channels/:id',
    {
      config: { action: 'reference.admin' },
      schema: {
        tags,
        summary: '推送渠道',
        params: channelIdParams,
        response: { 200: channelResponse, ...errors },
      },
    },
    async (request) => ({ channel: await channels.get(requirePrincipal(request), request.params.id) }),
  );

  r.put(
    '/api/notification-channels/:id',
    {
      config: { action: 'reference.admin' },
      schema: {
        tags,
        summary: '修改推送渠道（停用、启用、换地址或密钥）',
        params: channelIdParams,
        body: updateChannelBody,
        response: { 200: channelResponse, ...errors },
      },
    },
    async (request) => ({
      channel: await channels.update(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
    }),
  );

  r.post(
    '/api/notification-channels/:id/delete',
    {
      config: { action: 'reference.admin' },
      schema: {
        tags,
        summary: '删除推送渠道（未发出的消息记为未发送）',
        params: channelIdParams,
        body: deleteChannelBody,
        response: { 200: okResponse, ...errors },
      },
    },
    async (request) => {
      await channels.remove(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.body.version,
      );
      return { ok: true as const };
    },
  );

  r.post(
    '/api/notification-channels/:id/test',
    {
      config: { action: 'reference.admin' },
      schema: {
        tags,
        summary: '立即发送一条测试消息（结果记入推送记录）',
        params: channelIdParams,
        response: { 200: channelTestResponse, ...errors },
      },
    },
    async (request) => channels.test(requirePrincipal(request), actorOf(request), request.params.id),
  );

  r.get(
    '/api/notification-deliveries',
    {
      config: { action: 'reference.admin' },
      schema: {
        tags,
        summary: '推送记录（每条消息的状态、尝试次数和最近的错误）',
        querystring: deliveryListQuery,
        response: { 200: deliveryListResponse, ...errors },
      },
    },
    async (request) => channels.deliveries(requirePrincipal(request), request.query),
  );

  r.get(
    '/api/notification-deliveries/:id',
    {
      config: { action: 'reference.admin' },
      schema: {
        tags,
        summary: '一条推送记录及其每次尝试',
        params: deliveryIdParams,
        response: { 200: deliveryResponse, ...errors },
      },
    },
    async (request) => ({ delivery: await channels.delivery(requirePrincipal(request), request.params.id) }),
  );

  r.post(
    '/api/notification-deliveries/:id/retry',
    {
      config: { action: 'reference.admin' },
      schema: {
        tags,
        summary: '重新发送一条发送失败的消息',
        params: deliveryIdParams,
        response: { 200: deliveryResponse, ...errors },
      },
    },
    async (request) => ({
      delivery: await channels.retry(requirePrincipal(request), actorOf(request), request.params.id),
    }),
  );
}
