import fs from 'node:fs';
import path from 'node:path';
import {
  checkProjectCode,
  isValidUscc,
  type ProjectState,
  percentText,
  transition,
} from '@groundbreak/domain';
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachments,
  enterprises,
  idleCases,
  landSupplies,
  parcels,
  problems,
  projectLibraries,
  projects,
  projectYearPlans,
  regionalAssessments,
  targets,
} from '../db/schema/index';
import { attachmentKindsOf, collectGateFacts } from '../modules/projects/gate-facts';
import { createProjectsRepository } from '../modules/projects/projects.repository';
import { createTestUsers } from '../testing/accounts';
import { createTestContext, type TestContext } from '../testing/test-app';
import { seedDemoLights } from './demo-tracking';
import { seedDemoData } from './seed';
import { seedDemoProjects } from './seed-projects';

// The demo registry holds the seed article's figures and stays consistent whatever day it is built on.

describe('demo registry', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date('2026-11-27T09:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await createTestUsers(ctx.database.db, [
      { username: 'leader', roles: ['leader'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
    ]);
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), {
      protector: ctx.protector,
      dataDir: ctx.dataDir,
    });
  });
  afterAll(() => ctx.close());
  const db = () => ctx.database.db;

  it('has about 300 projects over the ten 板块, with valid codes and credit codes, marked as demo', async () => {
    const rows = await db().select().from(projects);
    expect(rows.length).toBe(300);
    expect(rows.every((p) => p.isDemo)).toBe(true);
    expect(new Set(rows.map((p) => p.regionId)).size).toBe(10);
    const states = new Set(rows.map((p) => p.state));
    for (const s of [
      'LEAD',
      'NEGOTIATING',
      'SIGNED',
      'FILED',
      'LAND_PREP',
      'APPROVING',
      'STARTED',
      'COMPLETED',
    ]) {
      expect(states).toContain(s);
    }
    expect(rows.filter((p) => p.uscc).every((p) => isValidUscc(p.uscc ?? ''))).toBe(true);
    expect(
      rows.filter((p) => p.projectCode).every((p) => !checkProjectCode(p.projectCode ?? '', '2026-11-27')),
    ).toBe(true);
    // Every project stands where its dated events put it: nothing happens after today.
    expect(rows.every((p) => !p.actualStartOn || p.actualStartOn <= '2026-11-27')).toBe(true);
    expect(
      rows.filter((p) => p.state === 'STARTED').every((p) => p.actualStartOn && p.constructionPermitNo),
    ).toBe(true);
    // Seeding again changes nothing.
    await seedDemoProjects(db(), ctx.clock.now(), { protector: ctx.protector });
    expect((await db().select({ n: sql<number>`count(*)::int` }).from(projects))[0]?.n).toBe(300);
  });

  it('gives each project the documents its gates asked for, so that a suspended one resumes without override', async () => {
    const started = await db().select().from(projects).where(eq(projects.state, 'STARTED'));
    for (const p of started.slice(0, 20)) {
      const kinds = await attachmentKindsOf(db(), p.id);
      expect([...kinds]).toEqual(
        expect.arrayContaining(['investment_agreement', 'construction_permit', 'start_photo']),
      );
    }
    const [file] = await db().select().from(attachments).limit(1);
    expect(fs.existsSync(path.join(ctx.dataDir, 'files', file?.storageKey ?? 'none'))).toBe(true);
    const suspended = await db().select().from(projects).where(eq(projects.state, 'SUSPENDED'));
    expect(suspended.length).toBeGreaterThan(0);
    for (const p of suspended) {
      const facts = await collectGateFacts({
        project: await createProjectsRepository(db(), ctx.protector).reveal(p),
        files: await attachmentKindsOf(db(), p.id),
        db: db(),
        today: '2026-11-27',
      });
      const resumed = transition(
        'SUSPENDED',
        { type: 'resume', savedState: p.suspendedFromState as ProjectState },
        facts,
      );
      expect(resumed).toMatchObject({ ok: true, to: p.suspendedFromState });
    }
  });

  it('keeps a land ledger consistent with the projects: a parcel for every project past 供地准备, drawn apart', async () => {
    const rows = await db().select().from(parcels);
    const supplies = await db().select().from(landSupplies);
    const byStatus = Object.fromEntries(
      [...new Set(rows.map((p) => p.status))].map((s) => [s, rows.filter((p) => p.status === s).length]),
    );
    // Every status of the ledger appears (用而不足 and 疑似闲置 come from the day's watch).
    for (const s of [
      'planned',
      'approved_unsupplied',
      'reserve',
      'supplied',
      'under_construction',
      'suspected_idle',
      'idle',
      'built',
      'recovered',
    ]) {
      expect(byStatus[s], `${s} in ${JSON.stringify(byStatus)}`).toBeGreaterThan(0);
    }
    expect(rows.length).toBeGreaterThan(200);
    const landProjects = await db()
      .select()
      .from(projects)
      .where(
        sql`${projects.landUse} IN ('new_land','stock_land') AND ${projects.state} IN ('LAND_PREP','LAND_SUPPLIED','APPROVING','STARTED','COMPLETED','IN_PRODUCTION','AT_TARGET')`,
      );
    const linked = new Set(rows.map((p) => p.projectId));
    expect(landProjects.filter((p) => !linked.has(p.id)).map((p) => p.name)).toEqual([]);
    const supplied = new Set(supplies.map((s) => s.projectId));
    expect(
      landProjects.filter((p) => p.state !== 'LAND_PREP' && !supplied.has(p.id)).map((p) => p.name),
    ).toEqual([]);
    // Gates read the ledger: a 供地准备 project's parcel is available and drawn.
    for (const p of landProjects.filter((x) => x.state === 'LAND_PREP')) {
      const facts = await collectGateFacts({
        project: await createProjectsRepository(db(), ctx.protector).reveal(p),
        files: await attachmentKindsOf(db(), p.id),
        db: db(),
        today: '2026-11-27',
      });
      expect(facts.parcel).toMatchObject({ available: true, redLineMap: true });
    }
    // No two polygons overlap (their boxes, as drawn).
    const boxes = rows.map((p) => {
      const ring = (p.geometry?.coordinates[0] ?? []) as [number, number][];
      const lons = ring.map((c) => c[0]);
      const lats = ring.map((c) => c[1]);
      return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)] as const;
    });
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]] as const;
        if (!a || !b) continue;
        expect(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]).toBe(false);
      }
    }
    expect((await db().select().from(regionalAssessments)).length).toBe(2);
    const cases = await db().select().from(idleCases);
    expect(cases.map((c) => c.stage).sort()).toEqual(['closed', 'investigation', 'plan']);
  });

  it('carries the three real projects with their public facts; the enterprise account owns 燕龙', async () => {
    const [yanlong] = await db()
      .select()
      .from(projects)
      .where(eq(projects.name, '常州燕龙汽车车身轻量化零部件生产项目'));
    expect(yanlong).toMatchObject({ state: 'STARTED', totalInvestment: 1_500_000_000, landReadyStart: true });
    expect(yanlong?.scaleContent).toContain('进口设备54台套、国产设备479台套');
    expect(yanlong?.designCapacity).toContain('600万件');
    const [company] = await db().select().from(enterprises).where(eq(enterprises.uscc, '91320412MAEUHUXQ7A'));
    expect(yanlong?.enterpriseId).toBe(company?.id);
    const names = (await db().select({ name: projects.name }).from(projects)).map((r) => r.name);
    expect(names).toContain('江苏道金智能制造科技股份有限公司粉体智能产线制造项目');
    expect(names.some((n) => n.startsWith('常诚车业'))).toBe(true);
  });

  it('reproduces Q1 2025: 11 省重大 with 2025 plans of 62.7亿元, 16 市重大 and 84 区重点 entered, target 230', async () => {
    const provincial = await db()
      .select({ id: projectLibraries.projectId })
      .from(projectLibraries)
      .where(
        and(
          eq(projectLibraries.level, 'province'),
          eq(projectLibraries.year, 2025),
          eq(projectLibraries.status, 'entered'),
        ),
      );
    expect(provincial).toHaveLength(11);
    let plan = 0;
    let newStarts = 0;
    for (const { id } of provincial) {
      const [p] = await db()
        .select()
        .from(projectYearPlans)
        .where(and(eq(projectYearPlans.projectId, id), eq(projectYearPlans.year, 2025)));
      plan += p?.plannedInvestment ?? 0;
      const [row] = await db().select().from(projects).where(eq(projects.id, id));
      if (row?.actualStartOn && row.actualStartOn >= '2025-01-01') {
        newStarts++;
        expect(row.actualStartOn <= '2025-03-31').toBe(true);
      }
    }
    expect(plan).toBe(6_270_000_000);
    expect(newStarts).toBe(3);
    const enteredInQ1 = (level: string) =>
      db()
        .select({ n: sql<number>`count(*)::int` })
        .from(projectLibraries)
        .where(
          and(
            eq(projectLibraries.level, level),
            eq(projectLibraries.status, 'entered'),
            gte(projectLibraries.enteredOn, '2025-01-01'),
            lte(projectLibraries.enteredOn, '2025-03-31'),
          ),
        );
    expect((await enteredInQ1('city'))[0]?.n).toBe(16);
    expect((await enteredInQ1('district'))[0]?.n).toBe(84);
    const [target] = await db()
      .select()
      .from(targets)
      .where(and(eq(targets.year, 2025), eq(targets.metric, 'library_district'), eq(targets.value, 230)));
    expect(target).toBeDefined();
    // Every filed project entered a library no later than it was filed (the FILED gate).
    const filed = await db().select().from(projects).where(sql`${projects.filedOn} IS NOT NULL`);
    for (const p of filed) {
      const entries = await db()
        .select()
        .from(projectLibraries)
        .where(and(eq(projectLibraries.projectId, p.id), eq(projectLibraries.status, 'entered')));
      expect(entries.some((e) => (e.enteredOn ?? '9999') <= (p.filedOn ?? ''))).toBe(true);
    }
  });

  it('reports 16.5亿元 for the 11 省重大 by March 2025 (26.3% of 62.7亿元), and problems in every state', async () => {
    const [q1] = (
      await db().execute<{ ytd: string; plan: string; n: number }>(sql`
        SELECT sum(r.ytd_yuan)::text AS ytd, sum(y.planned_investment)::text AS plan, count(*)::int AS n
          FROM project_libraries l
          JOIN monthly_reports r ON r.project_id = l.project_id AND r.month = '2025-03'
          JOIN project_year_plans y ON y.project_id = l.project_id AND y.year = 2025
         WHERE l.level = 'province' AND l.year = 2025 AND l.status = 'entered'`)
    ).rows;
    expect(q1).toEqual({ ytd: '1650000000', plan: '6270000000', n: 11 });
    expect(percentText(Number(q1?.ytd), Number(q1?.plan))).toBe('26.3%');
    // Every report's running total is the sum of its year's months so far.
    const [wrong] = (
      await db().execute<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM monthly_reports r
         WHERE r.ytd_yuan <> (SELECT sum(e.month_yuan) FROM monthly_reports e WHERE e.project_id = r.project_id
                                AND left(e.month, 4) = left(r.month, 4) AND e.month <= r.month)`)
    ).rows;
    expect(wrong?.n).toBe(0);
    const [months] = (
      await db().execute<{ first: string; last: string }>(
        sql`SELECT min(month) AS first, max(month) AS last FROM monthly_reports`,
      )
    ).rows;
    expect(months).toEqual({ first: '2024-01', last: '2026-10' });
    const states = await db()
      .select({ status: problems.status, supervisedOn: problems.supervisedOn })
      .from(problems);
    expect(new Set(states.map((p) => p.status))).toEqual(
      new Set(['collected', 'assigned', 'in_progress', 'extension_requested', 'closed']),
    );
    expect(states.filter((p) => p.supervisedOn !== null).length).toBeGreaterThanOrEqual(2);
    const [tickets] = (
      await db().execute<{ n: number; rated: number; poor: number }>(sql`
        SELECT count(*)::int AS n, count(rating)::int AS rated, count(*) FILTER (WHERE rating <= 2)::int AS poor
          FROM service_tickets`)
    ).rows;
    expect(tickets).toEqual({ n: 8, rated: 4, poor: 1 });

    // Once committed: three months closed with their official lights, and a live light for every tracked project.
    const lit = await seedDemoLights(ctx.database, ctx.clock.now());
    expect(lit.months).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(lit.lights).toBeGreaterThan(100);
    const [mix] = (
      await db().execute<{ red: number; yellow: number; green: number }>(sql`
        SELECT count(*) FILTER (WHERE light = 'red')::int AS red, count(*) FILTER (WHERE light = 'yellow')::int AS yellow,
               count(*) FILTER (WHERE light = 'green')::int AS green FROM project_lights`)
    ).rows;
    expect(mix?.red).toBeGreaterThan(0);
    expect(mix?.yellow).toBeGreaterThan(0);
    expect(mix?.green).toBeGreaterThan(0);
    // And two past weekly dispatch meetings with their decisions, the second following the first.
    const [held] = (
      await db().execute<{ meetings: number; decisions: number }>(sql`
        SELECT count(DISTINCT m.id)::int AS meetings, count(d.id)::int AS decisions
          FROM meetings m LEFT JOIN meeting_decisions d ON d.meeting_id = m.id WHERE m.status = 'held'`)
    ).rows;
    expect(held).toEqual({ meetings: 2, decisions: 4 });
  });
});

describe('demo registry built on 2025-03-31', () => {
  it('holds no event after that day', async () => {
    const ctx = await createTestContext();
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), { protector: ctx.protector });
    const rows = await ctx.database.db.select().from(projects);
    const after = rows.filter(
      (p) =>
        (p.actualStartOn ?? '') > '2025-03-31' ||
        (p.signedOn ?? '') > '2025-03-31' ||
        (p.filedOn ?? '') > '2025-03-31',
    );
    expect(after).toEqual([]);
    const [latest] = (
      await ctx.database.db.execute<{ month: string | null }>(
        sql`SELECT max(month) AS month FROM monthly_reports`,
      )
    ).rows;
    expect(latest?.month).toBe('2025-03');
    const [yanlong] = rows.filter((p) => p.name.startsWith('常州燕龙'));
    expect(yanlong?.state).toBe('LAND_PREP');
    await ctx.close();
  });
});
