import type { CalendarYear } from '@groundbreak/contract';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, projectApprovalItems, projects } from '../../db/schema/index';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { seedOfficialCalendar } from './calendar.service';

describe('working-day calendar', () => {
  let ctx: TestContext;
  let admin: Client;
  let operator: Client;
  beforeAll(async () => {
    ctx = await createTestContext();
    await createTestUsers(ctx.database.db, [
      { username: 'sys', roles: ['system_admin'], orgCode: 'WJ-DRC' },
      { username: 'op', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
    ]);
    admin = await login(ctx.app, 'sys');
    operator = await login(ctx.app, 'op');
  });
  afterAll(() => ctx.close());

  it('is seeded with every published year (2004–2026), which agree with the State Council notices', async () => {
    const { items, warnings } = (await operator.inject({ url: '/api/calendar/years' })).json();
    expect(items.map((y: { year: number }) => y.year)).toEqual(
      Array.from({ length: 23 }, (_, i) => 2026 - i),
    );
    expect(warnings).toEqual([]); // the test clock is in 2025
    const y2025 = (await operator.inject({ url: '/api/calendar/years/2025' })).json() as CalendarYear;
    const kind = (day: string) => y2025.days.find((d) => d.day === day)?.kind;
    expect(['2025-10-01', '2025-10-08', '2025-01-28', '2025-02-04'].map(kind)).toEqual(
      Array(4).fill('holiday'),
    );
    expect(['2025-09-28', '2025-10-11', '2025-01-26', '2025-02-08'].map(kind)).toEqual(
      Array(4).fill('workday'),
    );
    expect(y2025.days.find((d) => d.day === '2025-10-01')?.name).toBe('国庆节');
    // Seeding again adds nothing and leaves an edited year alone.
    expect(await seedOfficialCalendar(ctx.database.db)).toBe(0);
  });

  it('computes a deadline across National Day, and says when a year is not configured', async () => {
    const due = (await operator.inject({ url: '/api/calendar/due?from=2025-09-30&days=5' })).json();
    expect(due).toEqual({
      from: '2025-09-30',
      days: 5,
      due: '2025-10-14',
      verified: true,
      unverifiedYears: [],
    });
    const beyond = (await operator.inject({ url: '/api/calendar/due?from=2026-12-28&days=5' })).json();
    expect(beyond).toMatchObject({ due: '2027-01-04', verified: false, unverifiedYears: [2027] });
    const bad = await operator.inject({ url: '/api/calendar/due?from=2025-02-30&days=5' });
    expect(bad.statusCode).toBe(400);
  });

  it('lets the system administrator enter next year, refusing days that do not fit; audited', async () => {
    ctx.clock.set(new Date('2026-12-05T10:00:00+08:00'));
    // Twenty months on, the sessions have expired: sign in again.
    admin = await login(ctx.app, 'sys');
    operator = await login(ctx.app, 'op');
    expect((await admin.inject({ url: '/api/calendar/years' })).json().warnings).toEqual([
      '2027年节假日安排尚未配置',
    ]);
    const empty = (await admin.inject({ url: '/api/calendar/years/2027' })).json() as CalendarYear;
    expect(empty).toMatchObject({ configured: false, version: 0, days: [] });

    const save = (body: Record<string, unknown>, by = admin) =>
      by.inject({ method: 'PUT', url: '/api/calendar/years/2027', payload: body });
    // Not a weekend (a Monday) cannot be a 调休 working day; a day of 2028 is not in 2027.
    const refused = await save({
      notice: null,
      version: 0,
      days: [
        { day: '2027-01-04', kind: 'workday', name: null },
        { day: '2028-01-01', kind: 'holiday', name: '元旦' },
      ],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.problems).toEqual([
      '2027-01-04 本来就是工作日，不能设为调休上班日',
      '2028-01-01 不在 2027 年',
    ]);
    expect((await save({ notice: null, version: 0, days: [] }, operator)).statusCode).toBe(403);

    // An item accepted on 28 Dec 2026 with 5 working days was dated on the weekend rule: 4 Jan 2027.
    const now = ctx.clock.now();
    const [project] = await ctx.database.db
      .insert(projects)
      .values({
        internalNo: 'CAL-1',
        name: '日历测试项目',
        state: 'APPROVING',
        regionId: await regionIdOf(ctx.database.db, 'WJ-GXQ'),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: projects.id });
    const [item] = await ctx.database.db
      .insert(projectApprovalItems)
      .values({
        projectId: project?.id ?? '',
        regionId: await regionIdOf(ctx.database.db, 'WJ-GXQ'),
        code: 'DESIGN_REVIEW',
        stage: 2,
        name: '设计方案审查',
        deptKind: 'natural_resources',
        promisedDays: 5,
        unit: 'working',
        status: 'accepted',
        acceptedOn: '2026-12-28',
        dueOn: '2027-01-04',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: projectApprovalItems.id });

    const days = [
      { day: '2027-01-01', kind: 'holiday', name: '元旦' },
      { day: '2027-02-05', kind: 'holiday', name: '春节' },
      { day: '2027-02-06', kind: 'workday', name: '春节' },
    ];
    const saved = await save({ notice: '国办发明电〔2026〕X号', version: 0, days });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ configured: true, source: 'admin', version: 1, days });
    // A second save from the same stale version loses.
    expect((await save({ notice: null, version: 0, days: [] })).statusCode).toBe(409);

    const list = (await admin.inject({ url: '/api/calendar/years' })).json();
    expect(list.warnings).toEqual([]);
    expect(list.items[0]).toMatchObject({ year: 2027, holidays: 2, workdays: 1, source: 'admin' });
    // The deadline now follows what was entered: 1 Jan 2027 (Friday) is off.
    const due = (await admin.inject({ url: '/api/calendar/due?from=2026-12-31&days=1' })).json();
    expect(due).toMatchObject({ due: '2027-01-04', verified: true });

    // The saved year moved the item's due date: 元旦 off, so the fifth working day is 5 Jan.
    const [redated] = await ctx.database.db
      .select({ dueOn: projectApprovalItems.dueOn })
      .from(projectApprovalItems)
      .where(eq(projectApprovalItems.id, item?.id ?? ''));
    expect(redated?.dueOn).toBe('2027-01-05');
    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'calendar.year.save'), eq(auditLog.objectId, '2027')));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.summary).toMatchObject({
      dueDatesMoved: 1,
      added: ['2027-01-01:holiday', '2027-02-05:holiday', '2027-02-06:workday'],
      removed: [],
    });
  });
});
