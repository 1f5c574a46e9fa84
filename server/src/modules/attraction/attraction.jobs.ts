import type { TodoItem } from '@groundbreak/contract';
import { addDays, reminderDue } from '@groundbreak/domain';
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { shanghaiDate } from '../../clock';
import { leadActivities, leadProfiles, projects } from '../../db/schema/index';
import type { JobDefinition } from '../../jobs/runner';
import { createNotificationsRepository } from '../notifications/notifications.repository';
import type { TodoProvider } from '../registry';
import { dueNextSteps } from './activities.service';
import { LEAD_STATES, leadInScope } from './leads.repository';

/** Days ahead a next step shows on the 工作台 [A]. */
export const NEXT_STEP_TODO_DAYS = 3;

/**
 * 招商下一步提醒: each morning, every open next step of a live lead that falls due today (or fell due while
 * no run happened) sends one inbox message to the lead's 招商负责人 (or, without one, to whoever recorded
 * the activity); the activity remembers it was reminded, so a second run does not repeat it.
 */
export const nextStepRemindersJob: JobDefinition = {
  name: 'attraction.next-step-reminders',
  description: '招商线索下一步工作到期当天提醒招商负责人',
  schedule: '30 8 * * *',
  async run({ database, asOf, now }) {
    const db = database.db;
    const due = (await dueNextSteps(db, asOf)).filter((s) =>
      reminderDue({ nextStepOn: s.nextStepOn, nextStepDone: false, reminded: false }, asOf),
    );
    const rows = due.flatMap((s) => {
      // The 负责人, else whoever recorded the step — only while they still reach the lead.
      const recipientId = s.ownerUserId
        ? s.ownerReaches
          ? s.ownerUserId
          : null
        : s.creatorReaches
          ? s.createdBy
          : null;
      return recipientId
        ? [
            {
              recipientId,
              module: 'attraction',
              title: `招商线索下一步工作到期：${s.name}`,
              body: `${s.nextStep ?? '下一步工作'}（计划${s.nextStepOn}）`,
              link: `/attraction/leads/${s.projectId}`,
            },
          ]
        : [];
    });
    await db.transaction(async (tx) => {
      await createNotificationsRepository(db).insertMany(rows, now, tx);
      if (due.length > 0) {
        await tx
          .update(leadActivities)
          .set({ remindedAt: now })
          .where(
            inArray(
              leadActivities.id,
              due.map((s) => s.id),
            ),
          );
      }
    });
    return { rows: rows.length, message: `提醒 ${rows.length} 项到期的招商下一步工作` };
  },
};

/** The 工作台: open next steps of the caller's leads (theirs, or unowned ones in scope) due within days. */
export const attractionTodos: TodoProvider = async ({ principal, now, db }) => {
  if (!principal.actions.has('attraction.write')) return [];
  const today = shanghaiDate(now);
  const rows = await db
    .select({
      id: leadActivities.id,
      projectId: leadActivities.projectId,
      nextStep: leadActivities.nextStep,
      nextStepOn: leadActivities.nextStepOn,
      name: projects.name,
    })
    .from(leadActivities)
    .innerJoin(projects, eq(projects.id, leadActivities.projectId))
    .leftJoin(leadProfiles, eq(leadProfiles.projectId, projects.id))
    .where(
      and(
        isNull(leadActivities.deletedAt),
        isNull(leadActivities.nextStepDoneAt),
        sql`${leadActivities.nextStepOn} <= ${addDays(today, NEXT_STEP_TODO_DAYS)}`,
        isNull(projects.deletedAt),
        inArray(projects.state, [...LEAD_STATES]),
        leadInScope(principal),
        or(
          eq(leadProfiles.ownerUserId, principal.userId),
          and(isNull(leadProfiles.ownerUserId), eq(leadActivities.createdBy, principal.userId)),
        ),
      ),
    )
    .orderBy(asc(leadActivities.nextStepOn))
    .limit(20);
  return rows.map(
    (r): TodoItem => ({
      key: `lead-next-step:${r.id}`,
      module: 'attraction',
      title: `招商下一步：${r.name}——${r.nextStep ?? ''}`,
      dueOn: r.nextStepOn,
      overdue: (r.nextStepOn ?? today) < today,
      link: `/attraction/leads/${r.projectId}`,
    }),
  );
};
