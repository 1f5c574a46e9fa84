import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../seed/seed';
import { seedDemoProjects } from '../../seed/seed-projects';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';

// The statistics of the demo district for the first quarter of 2025 give the seed's own figures, and every
// number drills down to a project list of the same count.

describe('statistics and the briefing', () => {
  let ctx: TestContext;
  let drc: Client;
  let gxq: Client;
  let qiye: Client;
  let district: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date('2026-11-27T09:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), {
      protector: ctx.protector,
      dataDir: ctx.dataDir,
    });
    await createTestUsers(ctx.database.db, [
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      { username: 'qiye', roles: ['enterprise'], orgCode: 'WJ-DRC', enterpriseUscc: '91320412MAEUHUXQ7A' },
    ]);
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    qiye = await login(ctx.app, 'qiye');
    district = await regionIdOf(ctx.database.db, '320412');
  });
  afterAll(() => ctx.close());

  it('gives the seed\u2019s Q1 2025: 11 省重大 at 16.5亿元 of 62.7亿元 (26.3%), 3 new-build all started, 16 市重大 and 84 of 230 区重点 entered', async () => {
    const res = await drc.inject({ url: '/api/stats/overview?year=2025&month=3' });
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o).toMatchObject({
      year: 2025,
      month: 3,
      schedule: 0.25,
      region: { id: district, name: '武进区' },
    });
    const tier = (level: string) => o.tiers.find((t: { level: string }) => t.level === level);
    expect(tier('province')).toMatchObject({
      projects: 11,
      investment: { value: 1_650_000_000, of: 6_270_000_000 },
      starts: { value: 3, of: 3, rate: 1 },
    });
    expect(tier('province').investment.rate).toBeCloseTo(0.26316, 5);
    expect(tier('province').gapPoints).toBeCloseTo(1.316, 3);
    expect(tier('city').entries.value).toBe(16);
    expect(tier('district').entries).toMatchObject({ value: 84, of: 230 });
    // The district's 年度目标 against what was done: entries as the tiers count them, investment of every
    // project (with or without a plan line), starts and completions of the year's projects.
    const target = (metric: string) => o.targets.find((t: { metric: string }) => t.metric === metric);
    expect(target('library_district')).toMatchObject({ actual: 84, target: 230 });
    expect(target('library_city')).toMatchObject({ actual: 16 });
    expect(target('annual_investment').target).toBeGreaterThan(0);
    expect(target('annual_investment').actual).toBeGreaterThanOrEqual(o.investment.value);
    expect(target('new_starts').actual).toBe(
      o.children.reduce((s: number, c: { starts: { value: number } }) => s + c.starts.value, 0),
    );
    // Every 板块 is there with its ranks (competition ranking over the 板块).
    expect(o.children.length).toBe(10);
    for (const c of o.children) expect(c.ranks.composite).toBeGreaterThanOrEqual(1);
    const scores = o.children
      .map((c: { composite: { score: number } }) => c.composite.score)
      .sort((a: number, b: number) => b - a);
    const top = o.children.find((c: { ranks: { composite: number } }) => c.ranks.composite === 1);
    expect(top.composite.score).toBe(scores[0]);

    // The briefing opens with the seed's sentence, computed, not typed (no rank: no other district is known).
    const briefing = (await drc.inject({ url: '/api/stats/briefing?year=2025&month=3' })).json();
    expect(briefing.title).toBe('武进区重大项目推进情况简报（2025年一季度）');
    expect(briefing.paragraphs[0]).toBe(
      '11个省重大项目一季度完成投资16.5亿元，占年度目标的26.3%；3个新建项目全部开工。一季度16个市重大项目入库；新增区重点项目入库84个，完成年度目标的36.5%。',
    );
    expect(briefing.paragraphs.join('')).toMatch(
      /1-3月份，武进区\d+个列入年度计划的重大项目上报投资[\d.]+亿元，完成年度计划的[\d.]+%，(高于|低于)序时进度[\d.]+个百分点。|与序时进度持平/,
    );
  });

  it('drills down: a tier\u2019s count and a 板块\u2019s count are the project list\u2019s totals for the same filters', async () => {
    const o = (await drc.inject({ url: '/api/stats/overview?year=2025&month=3' })).json();
    const list = (await drc.inject({ url: '/api/projects?level=province&year=2025&pageSize=20' })).json();
    expect(list.total).toBe(11);
    const child = o.children.find((c: { projects: number }) => c.projects > 0);
    const own = (await drc.inject({ url: `/api/projects?regionId=${child.regionId}&pageSize=20` })).json();
    expect(own.total).toBe(child.projects);
    const funnelStarted = o.funnel.find((f: { stage: string }) => f.stage === 'started');
    const started = (
      await drc.inject({ url: `/api/projects?state=${funnelStarted.states.join(',')}&pageSize=20` })
    ).json();
    expect(started.total).toBe(funnelStarted.count);
  });

  it('"位列全市第一" is a query: the district\u2019s place among the city\u2019s districts on new 市重大 entries', async () => {
    // No other district of 常州市 has a project on the platform: nothing to compare, no rank.
    const alone = (await drc.inject({ url: '/api/stats/sibling-rank?year=2025&month=3&level=city' })).json();
    expect(alone).toMatchObject({ value: 16, rank: null, compared: 1, among: '全市', text: null });

    // 新北区 comes with n projects entered into the city library in February 2025.
    const xinbei = await regionIdOf(ctx.database.db, '320411');
    const enterInXinbei = async (n: number, tag: string) => {
      await ctx.database.db.execute(sql`
        WITH src AS (
          SELECT p.id AS old_id, gen_random_uuid() AS new_id, row_number() OVER (ORDER BY p.internal_no) AS i
            FROM projects p WHERE p.deleted_at IS NULL ORDER BY p.internal_no LIMIT ${n}),
        copied AS (
          INSERT INTO projects
          SELECT (jsonb_populate_record(null::projects, to_jsonb(p) || jsonb_build_object(
                   'id', src.new_id, 'region_id', ${xinbei}::text,
                   'internal_no', ${tag} || '-' || src.i, 'project_code', null))).*
            FROM projects p JOIN src ON src.old_id = p.id
          RETURNING id)
        INSERT INTO project_libraries (id, project_id, level, year, category, status, applied_on, entered_on, created_at, updated_at)
        SELECT gen_random_uuid(), id, 'city', 2025, 'implementation', 'entered', '2025-02-01', '2025-02-10', now(), now() FROM copied`);
    };
    await enterInXinbei(5, 'XB1');
    const first = (await drc.inject({ url: '/api/stats/sibling-rank?year=2025&month=3&level=city' })).json();
    expect(first).toEqual({
      region: { id: district, name: '武进区' },
      among: '全市',
      level: 'city',
      value: 16,
      rank: 1,
      tied: false,
      compared: 2,
      text: '列全市第一',
    });
    // The seed's sentence word for word, its rank computed.
    const briefing = (await drc.inject({ url: '/api/stats/briefing?year=2025&month=3' })).json();
    expect(briefing.paragraphs[0]).toBe(
      '11个省重大项目一季度完成投资16.5亿元，占年度目标的26.3%；3个新建项目全部开工。一季度16个市重大项目入库，位列全市第一；新增区重点项目入库84个，完成年度目标的36.5%。',
    );

    // 新北区 draws level (16 each): the rank is shared; past it, 武进区 is second.
    await enterInXinbei(11, 'XB2');
    const tied = (await drc.inject({ url: '/api/stats/sibling-rank?year=2025&month=3&level=city' })).json();
    expect(tied).toMatchObject({ rank: 1, tied: true, text: '并列全市第一' });
    await enterInXinbei(1, 'XB3');
    const second = (await drc.inject({ url: '/api/stats/sibling-rank?year=2025&month=3&level=city' })).json();
    expect(second).toMatchObject({ rank: 2, tied: false, text: '列全市第二' });
    // Only the district's own figures: nothing of 新北区 is in the answer.
    expect(Object.keys(second).sort()).toEqual(
      ['among', 'compared', 'level', 'rank', 'region', 'text', 'tied', 'value'].sort(),
    );
    expect(second.value).toBe(16);
    expect(JSON.stringify(second)).not.toContain(xinbei);
    // A 板块 is placed among the district's 板块; another region's place is not the caller's to ask.
    const gxqRank = (
      await gxq.inject({ url: '/api/stats/sibling-rank?year=2025&month=3&level=city' })
    ).json();
    expect(gxqRank).toMatchObject({ region: { name: '武进国家高新区' }, among: '全区' });
    expect(
      (await gxq.inject({ url: `/api/stats/sibling-rank?regionId=${district}&year=2025&month=3` }))
        .statusCode,
    ).toBe(404);
  });

  it('is scoped: a 板块 sees its own figures and no other region; an enterprise none', async () => {
    const own = await gxq.inject({ url: '/api/stats/overview?year=2025&month=3' });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().region.name).toBe('武进国家高新区');
    expect((await gxq.inject({ url: `/api/stats/overview?regionId=${district}` })).statusCode).toBe(404);
    expect((await qiye.inject({ url: '/api/stats/overview' })).statusCode).toBe(403);
    expect((await drc.inject({ url: '/api/stats/overview?month=13' })).statusCode).toBe(400);
  });
});
