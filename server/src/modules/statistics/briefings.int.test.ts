import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../seed/seed';
import { seedDemoProjects } from '../../seed/seed-projects';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';

// Briefings kept: generated from the Q1 2025 demo data as a draft with the figures it quotes, edited,
// issued as 第N期 (then frozen), downloaded as .docx; scoped like the statistics. And the overview served
// from its snapshot for STATS_CACHE_SECONDS: the same figures as computing them, until the limit passes.

async function seeded(options: { statsCacheSeconds?: number } = {}) {
  const ctx = await createTestContext(options);
  ctx.clock.set(new Date('2026-11-27T09:00:00+08:00'));
  await seedDemoData(ctx.database.db, ctx.clock.now());
  await seedDemoProjects(ctx.database.db, ctx.clock.now(), {
    protector: ctx.protector,
    dataDir: ctx.dataDir,
  });
  await createTestUsers(ctx.database.db, [
    { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
    { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
    { username: 'lead', roles: ['leader'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
  ]);
  return ctx;
}

const SEED_SENTENCE =
  '11个省重大项目一季度完成投资16.5亿元，占年度目标的26.3%；3个新建项目全部开工。一季度16个市重大项目入库；新增区重点项目入库84个，完成年度目标的36.5%。';

describe('briefings', () => {
  let ctx: TestContext;
  let drc: Client;
  let gxq: Client;
  let lead: Client;

  beforeAll(async () => {
    ctx = await seeded();
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    lead = await login(ctx.app, 'lead');
  });
  afterAll(() => ctx.close());

  it('generates the Q1 briefing as a draft with its snapshot, edits it, issues it as 第1期 and keeps it unchanged', async () => {
    const created = await drc.inject({
      method: 'POST',
      url: '/api/briefings',
      payload: { year: 2025, month: 3 },
    });
    expect(created.statusCode, created.body).toBe(200);
    const b = created.json();
    expect(b).toMatchObject({
      status: 'draft',
      issueYear: null,
      issueNo: null,
      redTotal: expect.any(Number),
      regionName: '武进区',
      title: '武进区重大项目推进情况简报（2025年一季度）',
      canEdit: true,
      version: 1,
    });
    expect(b.paragraphs[0]).toBe(SEED_SENTENCE);
    const province = b.snapshot.tiers.find((t: { level: string }) => t.level === 'province');
    expect(province).toMatchObject({ projects: 11, investment: { value: 1_650_000_000, of: 6_270_000_000 } });

    // Edited before it is issued; a save based on an old version is refused with who saved first.
    const text = [...b.paragraphs, '下一步，区发改将会同各板块加快推进红灯项目。'];
    const edited = await drc.inject({
      method: 'PUT',
      url: `/api/briefings/${b.id}`,
      payload: { version: 1, title: `${b.title}（修改）`, paragraphs: text },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, title: `${b.title}（修改）` });
    expect(edited.json().paragraphs.at(-1)).toBe('下一步，区发改将会同各板块加快推进红灯项目。');
    const stale = await drc.inject({
      method: 'PUT',
      url: `/api/briefings/${b.id}`,
      payload: { version: 1, title: 'x', paragraphs: ['x'] },
    });
    expect(stale.statusCode).toBe(409);
    const empty = await drc.inject({
      method: 'PUT',
      url: `/api/briefings/${b.id}`,
      payload: { version: 2, title: ' ', paragraphs: [] },
    });
    expect(empty.statusCode).toBe(400);

    // The approved plan corrected after the draft: today's figures change, the briefing keeps its own.
    await ctx.database.db.execute(
      sql`UPDATE annual_plan_items SET planned_investment = planned_investment + 1000000000
           WHERE (plan_id, project_id) = (
             SELECT i.plan_id, i.project_id FROM annual_plan_items i JOIN annual_plans p ON p.id = i.plan_id
              WHERE p.year = 2025 AND p.status = 'approved' ORDER BY p.version DESC, i.project_id LIMIT 1)`,
    );
    const today = (await drc.inject({ url: '/api/stats/overview?year=2025&month=3' })).json();
    expect(today.investment.of - b.snapshot.investment.of).toBe(1_000_000_000);
    const issued = await drc.inject({
      method: 'POST',
      url: `/api/briefings/${b.id}/issue`,
      payload: { version: 2 },
    });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({
      status: 'issued',
      issueNo: 1,
      canEdit: false,
      issuedByName: expect.any(String),
    });
    expect(issued.json().snapshot.tiers).toEqual(b.snapshot.tiers);
    expect(issued.json().snapshot.computedAt).toBe(b.snapshot.computedAt);

    // Issued: final. Neither edited, issued again nor deleted.
    for (const [method, url, payload] of [
      ['PUT', `/api/briefings/${b.id}`, { version: 3, title: 'x', paragraphs: ['x'] }],
      ['POST', `/api/briefings/${b.id}/issue`, { version: 3 }],
      ['POST', `/api/briefings/${b.id}/delete`, { version: 3 }],
    ] as const) {
      const res = await drc.inject({ method, url, payload });
      expect(res.statusCode, `${method} ${url}`).toBe(409);
    }

    // The next one of the region and year is 第2期; a deleted draft leaves no gap.
    const draft = (
      await drc.inject({ method: 'POST', url: '/api/briefings', payload: { year: 2025, month: 3 } })
    ).json();
    expect(
      (
        await drc.inject({
          method: 'POST',
          url: `/api/briefings/${draft.id}/delete`,
          payload: { version: 1 },
        })
      ).statusCode,
    ).toBe(200);
    expect((await drc.inject({ url: `/api/briefings/${draft.id}` })).statusCode).toBe(404);
    const second = (
      await drc.inject({ method: 'POST', url: '/api/briefings', payload: { year: 2025, month: 6 } })
    ).json();
    expect(second.title).toBe('武进区重大项目推进情况简报（2025年上半年）');
    // Two issued at the same moment get consecutive numbers of the year of issue (2026, whatever the period).
    const third = (
      await drc.inject({ method: 'POST', url: '/api/briefings', payload: { year: 2025, month: 9 } })
    ).json();
    const both = await Promise.all(
      [second, third].map((x) =>
        drc.inject({ method: 'POST', url: `/api/briefings/${x.id}/issue`, payload: { version: 1 } }),
      ),
    );
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(both.map((r) => r.json().issueNo).sort()).toEqual([2, 3]);
    expect(both.map((r) => r.json().issueYear)).toEqual([2026, 2026]);

    // Every step is in the audit log.
    const { rows } = await ctx.database.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE object_type = 'briefing' ORDER BY at, id`,
    );
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['briefing.create', 'briefing.update', 'briefing.issue', 'briefing.delete']),
    );
  });

  it('downloads a briefing as .docx with the masthead, the text and the tables', async () => {
    const list = (await drc.inject({ url: '/api/briefings?status=issued&sort=period' })).json();
    expect(list).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    const first = list.items[0];
    expect(first).toMatchObject({ issueNo: 1, month: 3 });
    const res = await drc.inject({ url: `/api/briefings/${first.id}/docx` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml.document');
    expect(String(res.headers['content-disposition'])).toContain('.docx');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('重大项目推进简报');
    expect(text).toContain('2026年第1期');
    expect(text).toContain('占年度目标的26.3%');
    expect(text).toContain('下一步，区发改将会同各板块加快推进红灯项目。');
    expect(text).toContain('分区域推进情况');
    expect(text).toContain('红灯项目');
  });

  it('is scoped: a 板块 neither sees nor changes the district\u2019s; a leader reads but does not write', async () => {
    const district = (await drc.inject({ url: '/api/briefings' })).json().items[0];
    expect((await gxq.inject({ url: `/api/briefings/${district.id}` })).statusCode).toBe(404);
    expect(
      (
        await gxq.inject({
          method: 'POST',
          url: `/api/briefings/${district.id}/delete`,
          payload: { version: district.version },
        })
      ).statusCode,
    ).toBe(404);
    const own = await gxq.inject({
      method: 'POST',
      url: '/api/briefings',
      payload: { year: 2025, month: 3 },
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().regionName).toBe('武进国家高新区');
    expect(
      (await gxq.inject({ url: '/api/briefings' })).json().items.map((i: { id: string }) => i.id),
    ).toEqual([own.json().id]);
    const districtId = await regionIdOf(ctx.database.db, '320412');
    expect(
      (
        await gxq.inject({
          method: 'POST',
          url: '/api/briefings',
          payload: { year: 2025, month: 3, regionId: districtId },
        })
      ).statusCode,
    ).toBe(404);

    expect((await lead.inject({ url: `/api/briefings/${district.id}` })).json().canEdit).toBe(false);
    expect(
      (await lead.inject({ method: 'POST', url: '/api/briefings', payload: { year: 2025, month: 3 } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await drc.inject({ method: 'POST', url: '/api/briefings', payload: { year: 2025, month: 13 } }))
        .statusCode,
    ).toBe(400);
  });
});

describe('the overview served from its snapshot', () => {
  let ctx: TestContext;
  let drc: Client;

  beforeAll(async () => {
    ctx = await seeded({ statsCacheSeconds: 60 });
    drc = await login(ctx.app, 'drc');
  });
  afterAll(() => ctx.close());

  it('equals the live computation, is served unchanged within the limit and computed again after it', async () => {
    const url = '/api/stats/overview?year=2025&month=3';
    const first = (await drc.inject({ url })).json();
    // The live computation (a briefing computes live) gives the same figures.
    const live = (
      await drc.inject({ method: 'POST', url: '/api/briefings', payload: { year: 2025, month: 3 } })
    ).json().snapshot;
    const { computedAt: _a, ...firstFigures } = first;
    const { computedAt: _b, ...liveFigures } = live;
    expect(liveFigures).toEqual(firstFigures);

    // A project leaves the scope: within the limit the snapshot is served as it was (its time says so) …
    await ctx.database.db.execute(
      sql`UPDATE projects SET deleted_at = now() WHERE id = (SELECT project_id FROM annual_plan_items LIMIT 1)`,
    );
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 30_000));
    const cached = (await drc.inject({ url })).json();
    expect(cached.computedAt).toBe(live.computedAt);
    expect(cached.plannedProjects).toBe(first.plannedProjects);

    // … and after it the overview is computed again and counts one project fewer.
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 61_000));
    const fresh = (await drc.inject({ url })).json();
    expect(fresh.computedAt).not.toBe(live.computedAt);
    expect(fresh.plannedProjects).toBe(first.plannedProjects - 1);
  });
});
