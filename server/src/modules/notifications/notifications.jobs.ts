import { startOfShanghaiDay } from '../../clock';
import type { JobDefinition } from '../../jobs/runner';
import { createNotificationsRepository } from './notifications.repository';

/** Read messages are kept this many days [A: retention, configurable later in system settings]. */
export const READ_NOTIFICATION_RETENTION_DAYS = 180;

export const pruneReadNotificationsJob: JobDefinition = {
  name: 'notifications.prune-read',
  description: `删除已读超过 ${READ_NOTIFICATION_RETENTION_DAYS} 天的站内消息`,
  schedule: '30 2 * * *',
  async run({ database, asOf }) {
    const cutoff = startOfShanghaiDay(asOf);
    cutoff.setUTCDate(cutoff.getUTCDate() - READ_NOTIFICATION_RETENTION_DAYS);
    const rows = await createNotificationsRepository(database.db).pruneReadBefore(cutoff);
    return { rows, message: `已删除 ${rows} 条 ${cutoff.toISOString().slice(0, 10)} 前已读的消息` };
  },
};
