import { monthCloseOn } from '@groundbreak/domain';
import type { Database } from '../../db/database';
import type { JobDefinition } from '../../jobs/runner';
import { createAuditRepository, SYSTEM_ACTOR } from '../audit/audit.repository';
import { createCalendarService } from '../calendar/calendar.service';
import { createLightsService } from './lights.service';
import { createProblemsService } from './problems.service';

// The tracking module's scheduled work. At 01:00 the 督办 run (overdue problems under 督办, escalation).
// The lights': every night, close a month 区发改 left open past its default close day (its
// official lights frozen as of that day) and recompute every tracked project's live light; every five
// minutes, refresh the lights whose facts changed outside the tracking module (approval items, plans, the
// project's own fields — triggers mark them stale).

function lightsAt(database: Database, now: Date) {
  const clock = { now: () => now };
  const audit = createAuditRepository(database.db);
  return createLightsService({
    database,
    audit,
    clock,
    calendar: createCalendarService({ database, audit, clock }),
  });
}

export const nightlyLightsJob: JobDefinition = {
  name: 'tracking.lights-nightly',
  description:
    '月度关账（到默认关账日仍未关账的月份，冻结当日亮灯为该月正式亮灯）并重算所有在建项目的红黄绿灯',
  schedule: '10 1 * * *',
  async run({ database, asOf, now }) {
    const lights = lightsAt(database, now);
    const closed: string[] = [];
    for (const month of await lights.monthsDueToClose(asOf)) {
      await lights.closeMonth(month, monthCloseOn(month), SYSTEM_ACTOR);
      closed.push(month);
    }
    const rows = await lights.recomputeAll();
    return {
      rows,
      message: `${closed.length > 0 ? `已关账 ${closed.join('、')}；` : ''}重算 ${rows} 个项目的亮灯`,
    };
  },
};

export const superviseProblemsJob: JobDefinition = {
  name: 'tracking.problems-supervise',
  description:
    '问题超期督办：超过办理时限仍在办理的问题列入督办，并按规则逐级升级（L1–L4），通知主办单位和区发改',
  schedule: '0 1 * * *',
  async run({ database, now }) {
    const clock = { now: () => now };
    const audit = createAuditRepository(database.db);
    const calendar = createCalendarService({ database, audit, clock });
    const lights = createLightsService({ database, audit, clock, calendar });
    const problems = createProblemsService({
      database,
      audit,
      clock,
      calendar,
      afterChange: (projectId) => lights.refresh([projectId]),
    });
    const { supervised, escalated } = await problems.supervise();
    return { rows: supervised + escalated, message: `新列入督办 ${supervised} 个问题，升级 ${escalated} 个` };
  },
};

export const refreshLightsJob: JobDefinition = {
  name: 'tracking.lights-refresh',
  description: '刷新因审批事项、倒排计划或项目信息变化而过期的亮灯',
  schedule: '*/5 * * * *',
  async run({ database, now }) {
    const rows = await lightsAt(database, now).refreshStale();
    return { rows, message: `刷新 ${rows} 个项目的亮灯` };
  },
};
