import fs from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionApplications, leadContacts, projects, users } from '../../db/schema/index';
import { seedDemoData } from '../../seed/seed';
import { seedDemoProjects } from '../../seed/seed-projects';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { protectProjectValues } from '../projects/projects.repository';

// The OC4IDS package of the demo district: valid against the official 0.9.5 schema (offline), without a
// single personal datum, and scoped like the projects it comes from.

const schemaDir = new URL('../../standards/oc4ids/', import.meta.url);
const readSchema = (name: string) => JSON.parse(fs.readFileSync(new URL(name, schemaDir), 'utf8'));

function packageValidator() {
  // The schema carries codelist annotations (codelist, openCodelist, versionId …) that are not keywords.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const project = readSchema('project-schema.json');
  ajv.addSchema(project, project.id);
  return ajv.compile(readSchema('project-package-schema.json'));
}

type Pkg = { projects: Record<string, unknown>[] } & Record<string, unknown>;

describe('OC4IDS open data', () => {
  let ctx: TestContext;
  let drc: Client;
  let gxq: Client;
  const validate = packageValidator();
  // Distinctive personal values that must never reach open data.
  const PERSONAL = {
    contactName: '欧阳隐私联系人',
    contactPhone: '13987654321',
    legalRepresentative: '司马隐私法人',
    leadContactName: '诸葛隐私线索联系人',
    leadContactTitle: '隐私职务总监',
  };
  const ids = { gxqStarted: '', hutangStarted: '', gxqSigned: '', completed: '' };

  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date('2026-11-27T09:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), {
      protector: ctx.protector,
      dataDir: ctx.dataDir,
    });
    const userIds = await createTestUsers(ctx.database.db, [
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      { username: 'yinsilingdao', roles: ['leader'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
    ]);
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    const db = ctx.database.db;
    const leaderId = userIds.get('yinsilingdao') ?? '';
    const gxqRegion = await regionIdOf(db, 'WJ-GXQ');
    const hutang = await regionIdOf(db, '320412100');
    // Every public project gets the personal values; so does a lead, with a lead contact.
    const publicStates = ['FILED', 'APPROVING', 'STARTED', 'COMPLETED', 'IN_PRODUCTION', 'AT_TARGET'];
    await db
      .update(projects)
      .set(
        await protectProjectValues(ctx.protector, {
          contactName: PERSONAL.contactName,
          contactPhone: PERSONAL.contactPhone,
          legalRepresentative: PERSONAL.legalRepresentative,
          leaderUserId: leaderId,
          specialistUserId: leaderId,
        }),
      )
      .where(inArray(projects.state, [...publicStates, 'LEAD', 'SIGNED']));
    const pick = async (state: string, regionId: string) =>
      (
        await db
          .select({ id: projects.id })
          .from(projects)
          .where(and(eq(projects.state, state), eq(projects.regionId, regionId)))
          .limit(1)
      )[0]?.id ?? '';
    ids.gxqStarted = await pick('STARTED', gxqRegion);
    ids.hutangStarted = await pick('STARTED', hutang);
    ids.gxqSigned = await pick('SIGNED', gxqRegion);
    const [lead] = await db
      .select({ id: projects.id })
      .from(projects)
      .where(eq(projects.state, 'LEAD'))
      .limit(1);
    await db.insert(leadContacts).values({
      projectId: lead?.id ?? '',
      name: PERSONAL.leadContactName,
      title: PERSONAL.leadContactTitle,
      createdAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    });
    // A completed project's 竣工即发证 application, issued: its filing day is the completion's end date.
    const [completed] = await db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.state, 'COMPLETED'), isNotNull(projects.actualCompletionOn)))
      .limit(1);
    ids.completed = completed?.id ?? '';
    await db.insert(completionApplications).values({
      projectId: ids.completed,
      status: 'issued',
      jointAcceptanceOn: '2026-06-10',
      filingOn: '2026-06-10',
      titleOn: '2026-06-10',
      daysAcceptanceToTitle: 0,
      createdAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    });
  });
  afterAll(() => ctx.close());

  const download = async (c: Client = drc) => {
    const res = await c.inject({ url: '/api/oc4ids/package' });
    expect(res.statusCode, res.body).toBe(200);
    return { res, pkg: res.json() as Pkg };
  };

  it('exports every public demo project as a package that the official schema accepts', async () => {
    const { res, pkg } = await download();
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="oc4ids-2026-11-27\.json"/);
    const valid = validate(pkg);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    // Exactly the public projects: filed and after, a suspension from them, a termination once filed.
    const [expected] = await ctx.database.db
      .execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM projects WHERE deleted_at IS NULL AND (
        state IN ('FILED','LAND_PREP','LAND_SUPPLIED','APPROVING','STARTED','COMPLETED','IN_PRODUCTION','AT_TARGET','POST_EVALUATED')
        OR (state = 'SUSPENDED' AND suspended_from_state NOT IN ('LEAD','NEGOTIATING','SIGNED'))
        OR (state = 'TERMINATED' AND filed_on IS NOT NULL))`)
      .then((r) => r.rows);
    expect(pkg.projects.length).toBe(expected?.n);
    expect(pkg.projects.length).toBeGreaterThan(100);
    expect(Number(res.headers['x-project-count'])).toBe(pkg.projects.length);
    const statuses = new Set(pkg.projects.map((p) => p.status));
    expect(statuses.has('identification')).toBe(false);
    for (const s of ['preparation', 'implementation', 'completion', 'maintenance'])
      expect(statuses).toContain(s);
    expect(new Set(pkg.projects.map((p) => p.id)).size).toBe(pkg.projects.length);

    // A started project: identifiers, budget in 元, sector, its site in WGS84, milestones and progress.
    const [row] = await ctx.database.db.select().from(projects).where(eq(projects.id, ids.gxqStarted));
    const started = pkg.projects.find((p) => p.id === `oc4ids-xxxxxx-${row?.internalNo}`) as Record<
      string,
      unknown
    >;
    expect(started).toBeDefined();
    expect(started.status).toBe('implementation');
    expect(started.language).toBe('zh');
    expect(started.title).toBe(row?.name);
    expect(started.budget).toMatchObject({ amount: { amount: row?.totalInvestment, currency: 'CNY' } });
    if (row?.projectCode)
      expect(started.identifiers).toEqual([{ id: row.projectCode, scheme: 'CN-NDRC-XMDM' }]);
    const milestones = started.milestones as unknown as { id: string; status: string }[];
    expect(milestones.find((m) => m.id === 'start')?.status).toBe('met');
    const parties = started.parties as unknown as {
      roles: string[];
      identifier?: { scheme: string; id: string };
    }[];
    expect(parties.some((p) => p.roles.includes('publicAuthority'))).toBe(true);
    if (row?.uscc)
      expect(parties.find((p) => p.identifier)?.identifier).toMatchObject({
        scheme: 'CN-USCC',
        id: row.uscc,
      });
    // Somewhere in the district: monthly progress as metrics, and parcel outlines as polygons.
    const all = pkg.projects as {
      metrics?: { id: string }[];
      locations?: { geometry?: { type: string } }[];
    }[];
    expect(all.some((p) => p.metrics?.some((m) => m.id === 'financialProgress'))).toBe(true);
    expect(all.some((p) => p.metrics?.some((m) => m.id === 'physicalProgress'))).toBe(true);
    expect(all.some((p) => p.locations?.some((l) => l.geometry?.type === 'Polygon'))).toBe(true);
    // The issued completion application dates the completion.
    const [done] = await ctx.database.db.select().from(projects).where(eq(projects.id, ids.completed));
    const completed = pkg.projects.find((p) => p.id === `oc4ids-xxxxxx-${done?.internalNo}`);
    expect(completed?.completion).toMatchObject({ endDate: '2026-06-10T00:00:00+08:00' });
  });

  it('is checked for real: a broken copy of the package is rejected', async () => {
    const { pkg } = await download();
    const broken = structuredClone(pkg);
    (broken.projects[0] as Record<string, unknown>).status = '在建';
    expect(validate(broken)).toBe(false);
    const noPublisher = structuredClone(pkg);
    delete noPublisher.publisher;
    expect(validate(noPublisher)).toBe(false);
    const badMoney = structuredClone(pkg);
    (badMoney.projects[0] as Record<string, unknown>).budget = { amount: { amount: '1亿', currency: 'RMB' } };
    expect(validate(badMoney)).toBe(false);
  });

  it('never carries personal data: no contact, phone, legal representative, user or lead contact', async () => {
    const { res } = await download();
    const text = res.body;
    for (const value of Object.values(PERSONAL)) expect(text).not.toContain(value);
    expect(text).not.toContain('1398765');
    expect(text).not.toContain('yinsilingdao');
    const [leader] = await ctx.database.db.select().from(users).where(eq(users.username, 'yinsilingdao'));
    expect(text).not.toContain(leader?.displayName ?? '-');
    for (const key of ['contactPoint', 'telephone', 'email', 'faxNumber', 'people', 'beneficialOwners'])
      expect(text).not.toContain(`"${key}"`);
    // The single-project export is built the same way.
    const one = await drc.inject({ url: `/api/projects/${ids.gxqStarted}/oc4ids` });
    expect(one.statusCode, one.body).toBe(200);
    expect(validate(one.json())).toBe(true);
    for (const value of Object.values(PERSONAL)) expect(one.body).not.toContain(value);
  });

  it('exports one project for those who may read it, once it is public', async () => {
    const own = await gxq.inject({ url: `/api/projects/${ids.gxqStarted}/oc4ids` });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.headers['content-disposition']).toMatch(/attachment; filename="oc4ids-xxxxxx-/);
    expect(own.json().projects).toHaveLength(1);
    // Another 板块's project is not found; a signed project not yet filed is not public.
    expect((await gxq.inject({ url: `/api/projects/${ids.hutangStarted}/oc4ids` })).statusCode).toBe(404);
    const signed = await gxq.inject({ url: `/api/projects/${ids.gxqSigned}/oc4ids` });
    expect(signed.statusCode).toBe(409);
    expect(signed.json().error.message).toContain('尚未立项');
    // The package is 区发改's.
    expect((await gxq.inject({ url: '/api/oc4ids/package' })).statusCode).toBe(403);
  });

  it('keeps the publisher settings versioned and audited, and the package follows them', async () => {
    const before = (await drc.inject({ url: '/api/oc4ids/settings' })).json();
    expect(before.version).toBe(1);
    expect(before.projectCount).toBeGreaterThan(100);
    const body = {
      ...before.settings,
      publisher: { name: '常州市武进区发展和改革局', scheme: 'CN-USCC', uid: '11320412014123456X', uri: '' },
      idPrefix: 'oc4ids-wj2026',
      version: 1,
    };
    const saved = await drc.inject({ method: 'PUT', url: '/api/oc4ids/settings', payload: body });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, updatedByName: 'drc(测试)' });
    const stale = await drc.inject({ method: 'PUT', url: '/api/oc4ids/settings', payload: body });
    expect(stale.statusCode).toBe(409);
    const bad = await drc.inject({
      method: 'PUT',
      url: '/api/oc4ids/settings',
      payload: { ...body, idPrefix: 'wj', version: 2 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('项目编号前缀');
    const { pkg } = await download();
    expect(pkg.publisher).toEqual({
      name: '常州市武进区发展和改革局',
      scheme: 'CN-USCC',
      uid: '11320412014123456X',
    });
    expect(pkg.projects.every((p) => String(p.id).startsWith('oc4ids-wj2026-'))).toBe(true);
    expect(validate(pkg)).toBe(true);
    const audit = await ctx.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'opendata.settings_update'`,
    );
    expect(audit.rows[0]?.n).toBe(1);
  });
});
