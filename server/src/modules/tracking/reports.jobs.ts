import {
  addDays,
  COUNTED_REPORT_STATUSES,
  monthOf,
  REPORTING_STATES,
  reportDueOn,
} from '@groundbreak/domain';

import { startOfShanghaiDay } from '../../clock';
import type { JobDefinition } from '../../jobs/runner';
import { createNotificationsRepository } from '../notifications/notifications.repository';

/** Days before a month's due date from which those who owe its report are reminded, every morning [A]. */
export const REPORT_REMINDER_DAYS = 3;

/**
 * 月报提醒: from REPORT_REMINDER_DAYS before the month's due date until the due date, each morning, every
 * enterprise account and every 板块 operator with projects that owe the month's report and have not
 * submitted it gets one inbox message naming how many and which. (After the due date the project's 月报报送
 * light takes over.) A user reminded today is not reminded again by a second run the same day.
 */
export const reportRemindersJob: JobDefinition = {
  name: 'tracking.report-reminders',
  description: `月报截止前${REPORT_REMINDER_DAYS}天起每天提醒尚未提交本月月报的企业和板块`,
  schedule: '0 9 * * *',
  async run({ database, asOf, now }) {
    const month = monthOf(asOf);
    const due = reportDueOn(month);
    if (asOf < addDays(due, -REPORT_REMINDER_DAYS) || asOf > due) {
      return { rows: 0, message: `${month} 月报截止日为${due}，今天不提醒` };
    }
    const dayStart = startOfShanghaiDay(asOf);
    // Who owes: projects in a reporting state, filed (or registered) by the due date, with no counted report;
    // whom to tell: the project's enterprise accounts and the operators of a 板块 whose scope holds it.
    const { rows } = await database.pool.query<{ recipient: string; names: string[] }>(
      `WITH owing AS (
         SELECT p.id, p.name, p.region_id, p.enterprise_id FROM projects p
          WHERE p.deleted_at IS NULL AND p.state = ANY($1::text[])
            AND COALESCE(p.filed_on, (p.created_at AT TIME ZONE 'Asia/Shanghai')::date) <= $2::date
            AND NOT EXISTS (SELECT 1 FROM monthly_reports m WHERE m.project_id = p.id AND m.month = $3
                              AND m.deleted_at IS NULL AND m.status = ANY($4::text[])))
       SELECT u.id AS recipient, array_agg(DISTINCT o.name ORDER BY o.name) AS names
         FROM users u
         JOIN owing o ON (('enterprise' = ANY(u.roles) AND u.enterprise_id = o.enterprise_id)
                      OR ('subarea_operator' = ANY(u.roles) AND EXISTS (
                            SELECT 1 FROM regions r, regions s
                             WHERE r.id = o.region_id AND s.id = ANY(u.region_scopes) AND r.path LIKE s.path || '%')))
        WHERE u.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.recipient_id = u.id AND n.module = 'tracking'
                            AND n.title LIKE $5 AND n.created_at >= $6)
        GROUP BY u.id`,
      [[...REPORTING_STATES], due, month, [...COUNTED_REPORT_STATUSES], `${month}月报%`, dayStart],
    );
    const sent = await createNotificationsRepository(database.db).insertMany(
      rows.map((r) => ({
        recipientId: r.recipient,
        module: 'tracking',
        title: `${month}月报尚未提交（${r.names.length}个项目），截止${due}`,
        body: `${r.names.slice(0, 5).join('、')}${r.names.length > 5 ? `等${r.names.length}个项目` : ''}`,
        link: '/scheduling/reports',
      })),
      now,
    );
    return { rows: sent, message: `提醒 ${sent} 位用户提交 ${month} 月报（截止${due}）` };
  },
};
