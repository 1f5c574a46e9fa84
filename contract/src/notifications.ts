import { z } from 'zod';
import { listQuery, listResponse, rowVersion } from './list';

export const notification = z.object({
  id: z.string().uuid(),
  module: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notification>;

export const notificationListQuery = listQuery(['createdAt']).extend({
  unread: z.enum(['true', 'false']).optional(),
});
export const notificationListResponse = listResponse(notification);
export const unreadCountResponse = z.object({ unread: z.number().int().min(0) });
export const markReadBody = z.strictObject({ ids: z.array(z.string().uuid()).min(1).max(100) });
export const markReadResponse = z.object({ updated: z.number().int() });

// Outside channels of an organisation (系统管理 › 消息推送): the robot or webhook each inbox message of the
// organisation's people also goes to, and the log of every delivery and attempt.

export const NOTIFICATION_MODULE_LABELS: Record<string, string> = {
  tracking: '项目跟踪与督办',
  projects: '项目库',
  land: '土地资源',
  audit: '安全审计',
  campaigns: '城中村专项行动',
};
export const NOTIFICATION_MODULES = ['tracking', 'projects', 'land', 'audit', 'campaigns'] as const;

export const CHANNEL_KINDS = ['wecom', 'dingtalk', 'json', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const CHANNEL_KIND_LABELS: Record<ChannelKind, string> = {
  wecom: '企业微信群机器人',
  dingtalk: '钉钉群机器人',
  json: 'JSON Webhook',
  email: '电子邮件',
};
export const CHANNEL_MODES = ['instant', 'digest'] as const;
export const CHANNEL_MODE_LABELS: Record<(typeof CHANNEL_MODES)[number], string> = {
  instant: '逐条即时推送',
  digest: '每日摘要（08:30）',
};
export const DELIVERY_STATUSES = ['pending', 'held', 'batched', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: '待发送',
  held: '待汇总',
  batched: '已汇入摘要',
  sent: '已送达',
  failed: '发送失败',
};
export const DELIVERY_KIND_LABELS: Record<'message' | 'digest' | 'test', string> = {
  message: '消息',
  digest: '每日摘要',
  test: '测试消息',
};

const uuid = z.string().uuid();

export const channel = z.object({
  id: uuid,
  orgId: uuid,
  orgName: z.string(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  /** The target with its key masked (the full URL or addresses never leave the server). */
  targetHint: z.string(),
  hasSecret: z.boolean(),
  mode: z.enum(CHANNEL_MODES),
  modules: z.array(z.string()),
  enabled: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  /** The last delivery's outcome and how many have failed for good in the last 7 days. */
  lastDelivery: z
    .object({ status: z.enum(DELIVERY_STATUSES), at: z.string(), error: z.string().nullable() })
    .nullable(),
  failedLast7Days: z.number().int(),
});
export type Channel = z.infer<typeof channel>;

const channelFields = {
  name: z.string().trim().min(2, { message: '名称至少2个字' }).max(50),
  mode: z.enum(CHANNEL_MODES).default('instant'),
  modules: z.array(z.enum(NOTIFICATION_MODULES)).max(NOTIFICATION_MODULES.length).default([]),
  enabled: z.boolean().default(true),
};

export const createChannelBody = z.strictObject({
  orgId: uuid,
  kind: z.enum(CHANNEL_KINDS),
  /** The robot's or webhook's URL; for e-mail the addresses (separated by commas, semicolons or lines). */
  target: z.string().trim().min(3).max(2000),
  /** 钉钉 加签 secret (SEC…) or the key of the JSON webhook's HMAC-SHA256 signature. */
  secret: z.string().trim().max(200).optional(),
  ...channelFields,
});
export type CreateChannelBody = z.input<typeof createChannelBody>;

export const updateChannelBody = z.strictObject({
  version: rowVersion,
  name: channelFields.name.optional(),
  mode: z.enum(CHANNEL_MODES).optional(),
  modules: channelFields.modules.optional(),
  enabled: z.boolean().optional(),
  /** A new target or secret replaces the stored one; absent keeps it; secret null removes it. */
  target: z.string().trim().min(3).max(2000).optional(),
  secret: z.string().trim().max(200).nullable().optional(),
});
export type UpdateChannelBody = z.input<typeof updateChannelBody>;

export const channelIdParams = z.object({ id: uuid });
export const channelListQuery = listQuery(['name']).extend({ orgId: uuid.optional() });
export const channelListResponse = listResponse(channel);
export const channelResponse = z.object({ channel });

export const deliveryAttempt = z.object({
  attempt: z.number().int(),
  at: z.string(),
  ok: z.boolean(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

export const delivery = z.object({
  id: uuid,
  channelId: uuid,
  channelName: z.string(),
  orgName: z.string(),
  kind: z.enum(['message', 'digest', 'test']),
  status: z.enum(DELIVERY_STATUSES),
  module: z.string(),
  title: z.string(),
  createdAt: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof delivery>;

export const deliveryListQuery = listQuery(['createdAt']).extend({
  channelId: uuid.optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
});
export const deliveryListResponse = listResponse(delivery);
export const deliveryIdParams = z.object({ id: uuid });
export const deliveryResponse = z.object({
  delivery: delivery.extend({
    body: z.string(),
    link: z.string().nullable(),
    attemptLog: z.array(deliveryAttempt),
  }),
});
export type DeliveryDetail = z.infer<typeof deliveryResponse>['delivery'];

export const channelSettingsResponse = z.object({
  /** Whether a mail server is configured (SMTP_URL): without it there are no e-mail channels. */
  emailAvailable: z.boolean(),
  publicUrl: z.string(),
  maxAttempts: z.number().int(),
  retryBaseSeconds: z.number().int(),
});
export const channelTestResponse = z.object({
  ok: z.boolean(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  deliveryId: z.string().uuid(),
});
export const deleteChannelBody = z.strictObject({ version: rowVersion });
