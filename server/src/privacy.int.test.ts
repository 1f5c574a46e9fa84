import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFieldKey, protectStoredFields } from './db/field-protection';
import { auditLog, projects, users } from './db/schema/index';
import { createFieldProtector, FieldKeyError } from './lib/crypto/field-protector';
import { readWorkbookFile } from './lib/excel/read-workbook';
import { createProjectsRepository } from './modules/projects/projects.repository';
import { seedDemoData } from './seed/seed';
import { seedDemoProjects } from './seed/seed-projects';
import { type Client, createTestUsers, login } from './testing/accounts';
import { createTestContext, type TestContext } from './testing/test-app';

// Personal data (PIPL): phones and second-factor secrets are encrypted at rest and found by a blind
// index; every answer and export masks them; the full number needs personal.reveal and a reason and is
// audited; values written before encryption are encrypted at start, and a wrong key stops the start.

const PLAIN_PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

describe('personal data', () => {
  let ctx: TestContext;
  const clients: Record<string, Client> = {};
  let projectId = '';
  let phone = '';

  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date('2026-11-27T10:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await createTestUsers(ctx.database.db, [
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      {
        username: 'hutang',
        roles: ['subarea_operator'],
        orgCode: '320412100-GOV',
        scopeCodes: ['320412100'],
      },
      { username: 'nrp', roles: ['dept_operator'], orgCode: 'WJ-NRP', scopeCodes: ['320412'] },
      { username: 'sysadmin', roles: ['system_admin'], orgCode: 'WJ-DRC' },
      { username: 'auditor', roles: ['audit_admin'], orgCode: 'WJ-DRC' },
    ]);
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), { protector: ctx.protector });
    for (const u of ['drc', 'gxq', 'hutang', 'nrp', 'sysadmin', 'auditor'])
      clients[u] = await login(ctx.app, u);
    const list = (await clients.gxq?.inject({ url: '/api/projects?pageSize=100&state=STARTED' }))?.json();
    projectId = list.items[0].id;
    const revealed = await clients.gxq?.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/contact-phone`,
      payload: { reason: '准备调度会，联系项目单位' },
    });
    phone = revealed?.json().contactPhone;
    expect(phone).toMatch(PLAIN_PHONE);
  });
  afterAll(() => ctx.close());

  it('stores no phone and no second-factor secret in clear', async () => {
    const created = await clients.sysadmin?.inject({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'zhangsan',
        displayName: '张三',
        orgId: await orgId('WJ-DRC'),
        phone: '13700001234',
      },
    });
    expect(created?.statusCode, created?.body).toBe(200);
    expect(created?.json().user.phoneMasked).toBe('137****1234');
    const { rows } = await ctx.database.db.execute<{ value: string }>(sql`
      SELECT contact_phone AS value FROM projects WHERE contact_phone IS NOT NULL
      UNION ALL SELECT phone FROM users WHERE phone IS NOT NULL
      UNION ALL SELECT totp_secret FROM users WHERE totp_secret IS NOT NULL`);
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) expect(r.value).toMatch(new RegExp(`^a1:${ctx.protector.keyId}:[A-Za-z0-9_-]+$`));
    // The index is keyed: equal numbers give equal indexes, and the index is not the number.
    const [user] = await ctx.database.db.select().from(users).where(eq(users.username, 'zhangsan'));
    expect(user?.phoneIndex).not.toContain('13700001234');
    expect(user?.phoneIndex).toBe(await ctx.protector.blindIndex('13700001234', 'users.phone'));
  });

  it('masks the phone for every role in the list, the detail, the history and the audit log', async () => {
    const detail = (await clients.drc?.inject({ url: `/api/projects/${projectId}` }))?.json().project;
    expect(detail.contactPhoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(JSON.stringify(detail)).not.toContain(phone);
    const edited = await clients.gxq?.inject({
      method: 'PATCH',
      url: `/api/projects/${projectId}`,
      payload: { version: detail.version, contactPhone: '13611112222' },
    });
    expect(edited?.statusCode, edited?.body).toBe(200);
    const history = await clients.gxq?.inject({ url: `/api/projects/${projectId}/history` });
    expect(history?.body).toContain('136****2222');
    expect(history?.body).not.toContain('13611112222');
    const audit = await clients.auditor?.inject({ url: `/api/audit?objectId=${projectId}&pageSize=50` });
    expect(audit?.body).toContain('136****2222');
    expect(audit?.body).not.toContain('13611112222');
    expect(audit?.body).not.toContain(phone);
    phone = '13611112222';
  });

  it('shows the full number only to a holder of personal.reveal who gives a reason, and audits it', async () => {
    const url = `/api/projects/${projectId}/contact-phone`;
    expect(
      (await clients.nrp?.inject({ method: 'POST', url, payload: { reason: '核对联系人' } }))?.statusCode,
    ).toBe(403);
    expect((await clients.gxq?.inject({ method: 'POST', url, payload: { reason: '' } }))?.statusCode).toBe(
      400,
    );
    // Another 板块's operator holds the permission but not the project: 404, nothing shown.
    expect(
      (await clients.hutang?.inject({ method: 'POST', url, payload: { reason: '核对联系人' } }))?.statusCode,
    ).toBe(404);
    const ok = await clients.drc?.inject({ method: 'POST', url, payload: { reason: '核对联系人' } });
    expect(ok?.json()).toEqual({ contactPhone: phone });
    const [row] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'project.reveal_phone' AND ${auditLog.username} = 'drc'`);
    expect(row?.summary).toEqual({ reason: '核对联系人' });
    // A user's own mobile: the system administrator, with a reason; the audit administrator not at all.
    const [user] = await ctx.database.db.select().from(users).where(eq(users.username, 'zhangsan'));
    const userUrl = `/api/users/${user?.id}/phone`;
    expect(
      (await clients.auditor?.inject({ method: 'POST', url: userUrl, payload: { reason: '核对' } }))
        ?.statusCode,
    ).toBe(403);
    const own = await clients.sysadmin?.inject({
      method: 'POST',
      url: userUrl,
      payload: { reason: '通知账号变更' },
    });
    expect(own?.json()).toEqual({ phone: '13700001234' });
  });

  it('finds a project and a user by a whole phone number, and nothing by a part of one', async () => {
    const found = (await clients.gxq?.inject({ url: `/api/projects?q=${phone}` }))?.json();
    expect(found.items.map((p: { id: string }) => p.id)).toEqual([projectId]);
    expect((await clients.gxq?.inject({ url: `/api/projects?q=${phone.slice(0, 7)}` }))?.json().total).toBe(
      0,
    );
    // The same number in another 板块's hands finds nothing: the index search is scoped like any other.
    expect((await clients.hutang?.inject({ url: `/api/projects?q=${phone}` }))?.json().total).toBe(0);
    const usersFound = (await clients.sysadmin?.inject({ url: '/api/users?q=137%200000%201234' }))?.json();
    expect(usersFound.items.map((u: { username: string }) => u.username)).toEqual(['zhangsan']);
  });

  it('exports masked phones, and full ones only to a holder of personal.reveal who gives a reason', async () => {
    const phones = async (client: Client | undefined, query: string) => {
      const res = await client?.inject({ url: `/api/projects/export?q=${phone}${query}` });
      expect(res?.statusCode, res?.body.slice(0, 300)).toBe(200);
      const file = path.join(ctx.dataDir, `privacy-${Math.random().toString(36).slice(2)}.xlsx`);
      fs.writeFileSync(file, res?.rawPayload ?? Buffer.alloc(0));
      const [grid] = await readWorkbookFile(file);
      const header = (grid?.rows[0] ?? []).map(String);
      return (grid?.rows.slice(1) ?? []).map((r) => String(r[header.indexOf('联系电话')]));
    };
    expect(await phones(clients.gxq, '')).toEqual(['136****2222']);
    const refused = await clients.nrp?.inject({ url: `/api/projects/export?fullPhones=true&reason=核对` });
    expect(refused?.statusCode).toBe(403);
    const noReason = await clients.gxq?.inject({ url: '/api/projects/export?fullPhones=true' });
    expect(noReason?.statusCode).toBe(400);
    expect(
      await phones(clients.gxq, `&fullPhones=true&reason=${encodeURIComponent('报送市发改联系人名单')}`),
    ).toEqual([phone]);
    const exports = await ctx.database.db
      .select({ summary: auditLog.summary })
      .from(auditLog)
      .where(sql`${auditLog.action} = 'project.export' AND ${auditLog.username} = 'gxq'`);
    expect(exports.map((e) => e.summary)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ fullPhones: false }),
        expect.objectContaining({ fullPhones: true, reason: '报送市发改联系人名单' }),
      ]),
    );
    // The search by number is in the audited filter, masked like every phone the log keeps.
    expect(JSON.stringify(exports)).not.toContain(phone);
    expect(JSON.stringify(exports)).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
  });

  it('keeps no search by phone number in a saved view', async () => {
    const res = await clients.gxq?.inject({
      method: 'POST',
      url: '/api/saved-views',
      payload: { name: '按电话', query: `q=${phone}&state=STARTED` },
    });
    expect(res?.statusCode).toBe(400);
    expect(res?.json().error.details.fields[0].field).toBe('query');
  });

  it('encrypts values written before encryption existed, and refuses data under another key', async () => {
    await ctx.database.db.execute(
      sql`UPDATE projects SET contact_phone = '0519-86681234', contact_phone_index = NULL WHERE id = ${projectId}`,
    );
    expect(await protectStoredFields(ctx.database.db, ctx.protector)).toBe(1);
    const [row] = await ctx.database.db.select().from(projects).where(eq(projects.id, projectId));
    expect(row?.contactPhoneCipher).toMatch(/^a1:/);
    expect(
      row && (await createProjectsRepository(ctx.database.db, ctx.protector).reveal(row)).contactPhone,
    ).toBe('0519-86681234');
    // Found by either spelling of the number.
    expect((await clients.gxq?.inject({ url: '/api/projects?q=051986681234' }))?.json().total).toBe(1);
    expect(await protectStoredFields(ctx.database.db, ctx.protector)).toBe(0);
    const other = createFieldProtector(Buffer.from('another-field-key-that-is-long-enough-xyz'));
    await expect(checkFieldKey(ctx.database.db, other)).rejects.toThrow(FieldKeyError);
    await expect(protectStoredFields(ctx.database.db, other)).rejects.toThrow(/FIELD_ENCRYPTION_KEY/);
    // Switching the scheme to SM4 under the same key rewrites every value, which then still opens.
    const sm4 = createFieldProtector(Buffer.from('groundbreak-test-field-key-not-a-secret'), 'sm4');
    expect(await protectStoredFields(ctx.database.db, sm4)).toBeGreaterThan(100);
    const [again] = await ctx.database.db.select().from(projects).where(eq(projects.id, projectId));
    expect(again?.contactPhoneCipher).toMatch(/^s1:/);
    expect(again && (await createProjectsRepository(ctx.database.db, sm4).reveal(again)).contactPhone).toBe(
      '0519-86681234',
    );
    await protectStoredFields(ctx.database.db, ctx.protector);
    // The key is recorded: another key is refused even where no encrypted value is left to compare.
    await ctx.database.db.execute(sql`UPDATE projects SET contact_phone = NULL, contact_phone_index = NULL`);
    await ctx.database.db.execute(sql`UPDATE users SET phone = NULL, phone_index = NULL, totp_secret = NULL`);
    await expect(checkFieldKey(ctx.database.db, other)).rejects.toThrow(/FIELD_ENCRYPTION_KEY/);
    await checkFieldKey(ctx.database.db, ctx.protector);
  });

  it('seals a phone waiting in an import preview made before encryption', async () => {
    const [job] = (
      await ctx.database.db.execute<{ id: string }>(sql`
        INSERT INTO import_jobs (id, user_id, kind, file_name, sha256, size_bytes, status, summary, created_at, updated_at)
        SELECT gen_random_uuid(), id, 'projects', '旧预览.xlsx', repeat('a', 64), 1, 'previewed', '{}'::jsonb, now(), now()
          FROM users WHERE username = 'gxq' RETURNING id::text`)
    ).rows;
    await ctx.database.db.execute(sql`
      INSERT INTO import_job_rows (job_id, seq, sheet, row_number, action, label, patch)
      VALUES (${job?.id}::uuid, 1, '项目', 2, 'create', '旧行',
              '{"values":{"name":"旧行","contactPhone":"13955556666"},"yearPlan":null}'::jsonb)`);
    await protectStoredFields(ctx.database.db, ctx.protector);
    const { rows } = await ctx.database.db.execute<{ phone: string }>(
      sql`SELECT patch->'values'->>'contactPhone' AS phone FROM import_job_rows WHERE job_id = ${job?.id}::uuid`,
    );
    expect(rows[0]?.phone).toMatch(/^a1:/);
    expect(await ctx.protector.decrypt(rows[0]?.phone ?? '', 'projects.contact_phone')).toBe('13955556666');
  });

  async function orgId(code: string): Promise<string> {
    const { rows } = await ctx.database.db.execute<{ id: string }>(
      sql`SELECT id FROM orgs WHERE code = ${code}`,
    );
    return rows[0]?.id ?? '';
  }
});
