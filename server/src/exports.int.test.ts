import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbookFile } from './lib/excel/read-workbook';
import { seedDemoData } from './seed/seed';
import { seedDemoProjects } from './seed/seed-projects';
import { type Client, createTestUsers, login } from './testing/accounts';
import { createTestContext, type TestContext } from './testing/test-app';

// Every list exports its current filter to Excel through its own scoped query: the file holds exactly
// the list's rows (all pages), and only for those who may read the list.

describe('list exports', () => {
  let ctx: TestContext;
  let clients: Record<string, Client>;
  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date('2026-11-27T10:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await createTestUsers(ctx.database.db, [
      { username: 'sysadmin', roles: ['system_admin'], orgCode: 'WJ-DRC' },
      { username: 'auditor', roles: ['audit_admin'], orgCode: 'WJ-DRC' },
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
    ]);
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), { protector: ctx.protector });
    clients = {};
    for (const u of ['sysadmin', 'auditor', 'drc', 'gxq']) clients[u] = await login(ctx.app, u);
  });
  afterAll(() => ctx.close());

  async function exported(user: string, url: string): Promise<string[][]> {
    const res = await clients[user]?.inject({ url });
    expect(res?.statusCode).toBe(200);
    expect(res?.headers['content-disposition']).toContain("filename*=UTF-8''");
    const file = path.join(ctx.dataDir, `export-${Math.random().toString(36).slice(2)}.xlsx`);
    fs.writeFileSync(file, res?.rawPayload ?? Buffer.alloc(0));
    const [grid] = await readWorkbookFile(file);
    return (grid?.rows ?? []).map((r) => r.map((v) => (v === null ? '' : String(v))));
  }
  const total = async (user: string, url: string) =>
    (await clients[user]?.inject({ url }))?.json().total as number;

  it.each([
    ['sysadmin', '/api/users', '用户名'],
    ['auditor', '/api/audit', '时间'],
    ['gxq', '/api/enterprises', '统一社会信用代码'],
    ['drc', '/api/orgs', '机构代码'],
    ['drc', '/api/library-entries?status=entered', '项目名称'],
    ['gxq', '/api/annual-plans/2026/items', '内部编号'],
  ])('%s exports %s with every row of the list, across pages', async (user, url, firstHeader) => {
    const [base, query = ''] = url.split('?');
    const rows = await exported(user, `${base}/export${query ? `?${query}` : ''}`);
    expect(rows[0]?.[0]).toBe(firstHeader);
    expect(rows.length - 1).toBe(await total(user, url));
  });

  it('the 板块 operator exports only what the list shows them', async () => {
    const rows = await exported('gxq', '/api/library-entries/export');
    const regions = new Set(rows.slice(1).map((r) => r[1]));
    expect([...regions]).toEqual(['武进国家高新区']);
    expect(rows.length - 1).toBe(await total('gxq', '/api/library-entries'));
    // The district's list runs over several pages of 100; the export above had them all.
    expect(await total('drc', '/api/library-entries?status=entered')).toBeGreaterThan(100);
  });

  it('is refused to those who may not read the list', async () => {
    expect((await clients.drc?.inject({ url: '/api/users/export' }))?.statusCode).toBe(403);
    expect((await clients.gxq?.inject({ url: '/api/audit/export' }))?.statusCode).toBe(403);
  });
});
