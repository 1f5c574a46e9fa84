import type { Org, Region } from '@groundbreak/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../seed/seed';
import { type Client, createTestUsers, login } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';

describe('reference data', () => {
  let ctx: TestContext;
  let client: Client;
  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await createTestUsers(ctx.database.db, [
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
    ]);
    client = await login(ctx.app, 'drc');
  });
  afterAll(() => ctx.close());

  it('holds the region tree down to Wujin’s ten 板块, streets as aliases of their zone', async () => {
    const { items } = (await client.inject({ url: '/api/regions' })).json() as { items: Region[] };
    const byCode = new Map(items.map((r) => [r.code, r]));
    const wujin = byCode.get('320412');
    expect(wujin?.name).toBe('武进区');
    expect(byCode.get(byCode.get('320412')?.parentId ? '320400' : '')?.name).toBe('常州市');
    const subareas = items.filter((r) => r.parentId === wujin?.id);
    expect(subareas.map((r) => r.name)).toEqual([
      '武进国家高新区',
      '常州西太湖科技产业园',
      '湖塘镇',
      '牛塘镇',
      '洛阳镇',
      '雪堰镇',
      '前黄镇',
      '礼嘉镇',
      '嘉泽镇',
      '湟里镇',
    ]);
    expect(subareas.every((r) => r.level === 'subarea')).toBe(true);
    expect(items.some((r) => r.name === '南夏墅街道')).toBe(false);
    expect(byCode.get('WJ-GXQ')?.aliases).toContain('南夏墅街道');
    expect(byCode.get('CZ-JKQ')?.kind).toBe('non_administrative');
    expect(['320402', '320404', '320411', '320413', '320481'].every((c) => byCode.has(c))).toBe(true);
  });

  it('pages, sorts and filters organisations on the server', async () => {
    const first = (await client.inject({ url: '/api/orgs?page=1&pageSize=20&sort=code' })).json();
    expect(first.total).toBeGreaterThan(20);
    expect(first.items).toHaveLength(20);
    const second = (await client.inject({ url: '/api/orgs?page=2&pageSize=20&sort=code' })).json();
    expect(second.items).toHaveLength(first.total - 20);
    const codes = [...first.items, ...second.items].map((o: Org) => o.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(first.total);

    const desc = (await client.inject({ url: '/api/orgs?sort=-code&pageSize=50' })).json();
    expect(desc.items.map((o: Org) => o.code)).toEqual([...codes].sort().reverse());

    const housing = (await client.inject({ url: '/api/orgs?kind=housing' })).json();
    expect(housing.items.map((o: Org) => o.shortName)).toEqual(['区住建局']);
    const search = (await client.inject({ url: `/api/orgs?q=${encodeURIComponent('自然资源')}` })).json();
    expect(search.items[0].name).toBe('常州市自然资源和规划局武进分局');
    expect(search.items[0].regionName).toBe('武进区');
  });

  it('sorts names in pinyin order, not by code point', async () => {
    const res = (
      await client.inject({ url: '/api/orgs?sort=name&pageSize=100&kind=subarea_committee' })
    ).json();
    const towns = res.items.map((o: Org) => o.shortName).filter((n: string) => n.endsWith('镇'));
    // hu, hu, jia, li, luo, niu, qian, xue
    expect(towns).toEqual(['湖塘镇', '湟里镇', '嘉泽镇', '礼嘉镇', '洛阳镇', '牛塘镇', '前黄镇', '雪堰镇']);
  });

  it('treats LIKE wildcards in the search text literally', async () => {
    const res = (await client.inject({ url: '/api/orgs?q=%25' })).json();
    expect(res.total).toBe(0);
  });

  it.each([
    ['pageSize=30', 'pageSize'],
    ['page=0', 'page'],
    ['sort=password', 'sort'],
    ['kind=bank', 'kind'],
    ['colour=red', 'colour'],
  ])('refuses the bad list query %s naming %s', async (query, field) => {
    const res = await client.inject({ url: `/api/orgs?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(field);
    expect(res.json().error.message).toContain('查询参数有误');
  });

  it('lists demo enterprises with valid credit codes', async () => {
    const res = (await client.inject({ url: '/api/enterprises?sort=uscc&pageSize=50' })).json();
    expect(res.total).toBe(8);
    expect(res.items.every((e: { isDemo: boolean }) => e.isDemo)).toBe(true);
    const found = (await client.inject({ url: `/api/enterprises?q=${encodeURIComponent('燕龙')}` })).json();
    expect(found.items.map((e: { uscc: string }) => e.uscc)).toEqual(['91320412MAEUHUXQ7A']);
  });

  it('loads demo data only once however often it runs', async () => {
    await seedDemoData(ctx.database.db, ctx.clock.now());
    expect((await client.inject({ url: '/api/enterprises' })).json().total).toBe(8);
  });

  it.each([
    ['91320412MAEUHUXQ7A', true, null],
    ['91320412MAEUHUXQ70', false, 'USCC_CHECKSUM'],
    ['91350100M000100Y4Z', false, 'USCC_FORMAT'],
  ])('checks the credit code %s', async (code, valid, reason) => {
    const res = (await client.inject({ url: `/api/enterprises/check-uscc?code=${code}` })).json();
    expect(res.valid).toBe(valid);
    expect(res.reason).toBe(reason);
    expect(res.message).toMatch(/统一社会信用代码/);
  });
});
