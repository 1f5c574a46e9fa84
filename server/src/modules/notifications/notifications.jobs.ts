import { and, inArray, lt } from 'drizzle-orm';
import { startOfShanghaiDay } from '../../clock';
import { notificationDeliveries } from '../../db/schema/index';
import type { JobContext, JobDefinition } from '../../jobs/runner';
import { createDeliveryService } from './delivery';
import { createNotificationsRepository } from './notifications.repository';

/** Read messages and finished deliveries are kept this many days [A: retention, configurable later in system settings]. */
export const READ_NOTIFICATION_RETENTION_DAYS = 180;

export const pruneReadNotificationsJob: JobDefinition = {
  name: 'notifications.prune-read',
  description: `删除已读超过 ${READ_NOTIFICATION_RETENTION_DAYS} 天的站内消息和已结束的推送记录`,
  schedule: '30 2 * * *',
  async run({ database, asOf }) {
    const cutoff = startOfShanghaiDay(asOf);
    cutoff.setUTCDate(cutoff.getUTCDate() - READ_NOTIFICATION_RETENTION_DAYS);
    const rows = await createNotificationsRepository(database.db).pruneReadBefore(cutoff);
    const deliveries = await database.db
      .delete(notificationDeliveries)
      .where(
        and(
          inArray(notificationDeliveries.status, ['sent', 'failed', 'batched']),
          lt(notificationDeliveries.createdAt, cutoff),
        ),
      )
      .returning({ id: notificationDeliveries.id });
    return {
      rows: rows + deliveries.length,
      message: `已删除 ${rows} 条 ${cutoff.toISOString().slice(0, 10)} 前已读的消息、${deliveries.length} 条推送记录`,
    };
  },
};

function deliveryServiceOf({ database, protector, notifications, now }: JobContext) {
  if (!protector || !notifications)
    throw new Error('推送任务需要字段密钥和推送设置（由服务进程或 run-job 提供）');
  // The run's clock starts at its `now` (a run-job --as-of day) and moves on with real time.
  const offset = now.getTime() - Date.now();
  const clock = { now: () => new Date(Date.now() + offset) };
  return createDeliveryService({ db: database.db, protector, clock, settings: notifications });
}

export const deliverNotificationsJob: JobDefinition = {
  name: 'notifications.deliver',
  description: '向企业微信、钉钉、JSON Webhook 和邮件渠道发送待发的消息（失败的按退避时间重试）',
  schedule: '* * * * *',
  quiet: true,
  async run(ctx) {
    const { sent, failed, retrying } = await deliveryServiceOf(ctx).deliverDue();
    return {
      rows: sent + failed + retrying,
      message: `送达 ${sent} 条，待重试 ${retrying} 条，失败 ${failed} 条`,
    };
  },
};

export const digestNotificationsJob: JobDefinition = {
  name: 'notifications.digest',
  description: '每日摘要：把每日摘要渠道汇集的消息合成一条发送',
  schedule: '30 8 * * *',
  async run(ctx) {
    const service = deliveryServiceOf(ctx);
    const digests = await service.gatherDigests(ctx.asOf);
    if (digests > 0) await service.deliverDue();
    return { rows: digests, message: `生成 ${digests} 份摘要` };
  },
};
