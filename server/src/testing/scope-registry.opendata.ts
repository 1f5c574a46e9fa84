import { eq, sql } from 'drizzle-orm';
import { importJobRows, importJobs, muEvaluations, projects } from '../db/schema/index';
import { createFieldProtector } from '../lib/crypto/field-protector';
import { protectProjectValues } from '../modules/projects/projects.repository';
import {
  ENTERPRISE_A_USCC,
  ENTERPRISE_B_USCC,
  type ScopeCaller,
  type ScopeFixture,
  type ScopeRegistry,
} from './scope-matrix';
import { TEST_FIELD_KEY } from './test-app';

// The scope-matrix entries of OC4IDS open data and of the 亩均 classes, merged into SCOPE_REGISTRY.

const PROJECT_READERS: ScopeCaller[] = ['operatorA', 'operatorB', 'enterpriseA', 'enterpriseB'];
const sideOf = (caller: ScopeCaller) => (caller === 'operatorA' || caller === 'enterpriseA' ? 'A' : 'B');
/** The other side's filed, started project: public data, but not this caller's to read. */
const foreignPublicProject = (f: ScopeFixture, caller: ScopeCaller) =>
  f.refs[`openDataProject${sideOf(caller) === 'A' ? 'B' : 'A'}`] ?? '';
const snapshotProject = async (f: ScopeFixture, id: string) =>
  (await f.db.select().from(projects).where(eq(projects.id, id)))[0] ?? null;
/** 工信 of 高新区 (evaluation.admin) must not reach another user's 亩均 import job. */
const muImportCheck = {
  callers: ['industryA' as const],
  foreignId: (f: ScopeFixture) => f.refs.muImportOther ?? '',
  snapshot: async (f: ScopeFixture, id: string) => ({
    job: (await f.db.select().from(importJobs).where(eq(importJobs.id, id)))[0] ?? null,
    rows: await f.db.select().from(importJobRows).where(eq(importJobRows.jobId, id)),
    created: await f.db
      .select({ id: muEvaluations.id })
      .from(muEvaluations)
      .where(eq(muEvaluations.enterpriseName, '范围测试导入的企业')),
  }),
};

export const OPENDATA_SCOPE: ScopeRegistry = {
  idRoutes: {
    'GET /api/projects/:id/oc4ids': {
      callers: PROJECT_READERS,
      foreignId: foreignPublicProject,
      snapshot: snapshotProject,
    },
    'GET /api/projects/:id/mu-evaluations': {
      callers: PROJECT_READERS,
      foreignId: foreignPublicProject,
      snapshot: snapshotProject,
    },
    'GET /api/mu-evaluations/imports/:id': muImportCheck,
    'GET /api/mu-evaluations/imports/:id/rows': muImportCheck,
    'POST /api/mu-evaluations/imports/:id/commit': muImportCheck,
    'POST /api/mu-evaluations/imports/:id/cancel': muImportCheck,
  },
  lists: {
    'GET /api/mu-evaluations': {
      callers: PROJECT_READERS,
      query: 'pageSize=100',
      // An enterprise sees its own classes; a 板块 those of enterprises registered or building in its area.
      inScope: (item, f, caller) => {
        if (caller.startsWith('enterprise'))
          return item.uscc === (sideOf(caller) === 'A' ? ENTERPRISE_A_USCC : ENTERPRISE_B_USCC);
        const areas = (f.refs[`muAreas:${String(item.uscc)}`] ?? '').split(',');
        return areas.some((id) => f.visibleRegions[caller].has(id));
      },
    },
    'GET /api/mu-evaluations/imports': {
      callers: ['industryA'],
      inScope: (item, f) => item.id === f.refs.muImportOwn,
    },
  },
  writes: {},
  exempt: {
    'GET /api/oc4ids/package':
      'open data of 区发改 (opendata.admin, district-wide): the projects are read in the caller’s scope (projectInScope) and only public ones — opendata.int.test.ts',
    'GET /api/oc4ids/settings':
      'publisher settings (configuration of 区发改, opendata.admin); no business data',
    'PUT /api/oc4ids/settings': 'publisher settings (configuration of 区发改, opendata.admin); no data scope',
    'POST /api/mu-evaluations/imports':
      'an upload creates a job of the caller’s own and reaches no one else’s (the job routes are in the matrix)',
    'GET /api/mu-evaluations/import-template': 'a blank template with an example row; no data',
  },
};

/** A public (filed, started) project and a 亩均 class of each side's enterprise. */
export async function seedScopeOpenData(f: ScopeFixture, now: Date): Promise<void> {
  const protector = createFieldProtector(TEST_FIELD_KEY);
  for (const [key, regionId, uscc] of [
    ['A', f.ids.regionA, ENTERPRISE_A_USCC],
    ['B', f.ids.regionB, ENTERPRISE_B_USCC],
  ] as const) {
    const [project] = await f.db
      .insert(projects)
      .values(
        await protectProjectValues(protector, {
          internalNo: `SCOPE-OD-000${key === 'A' ? 1 : 2}`,
          name: `范围测试公开项目${key}`,
          state: 'STARTED',
          regionId,
          // Not linked to the enterprise record: the core entries count each enterprise's projects exactly.
          enterpriseId: null,
          uscc,
          builderName: `范围测试建设单位${key}`,
          filedOn: '2025-01-10',
          actualStartOn: '2025-03-01',
          totalInvestment: 100_000_000,
          createdAt: now,
          updatedAt: now,
        }),
      )
      .returning({ id: projects.id });
    if (!project) throw new Error('scope open-data project not inserted');
    f.refs[`openDataProject${key}`] = project.id;
    await f.db.insert(muEvaluations).values({
      uscc,
      enterpriseName: `范围测试企业${key}`,
      year: 2025,
      muClass: key === 'A' ? 'A' : 'C',
      taxYuan: 10_000_000,
      landMu: 50,
      createdAt: now,
      updatedAt: now,
    });
  }
  // Where each evaluated enterprise is registered or builds (this and any other module's seeds).
  const { rows } = await f.db.execute<{ uscc: string; areas: string }>(sql`
    SELECT m.uscc, concat_ws(',',
      (SELECT string_agg(e.region_id::text, ',') FROM enterprises e WHERE e.uscc = m.uscc AND e.deleted_at IS NULL),
      (SELECT string_agg(p.region_id::text, ',') FROM projects p WHERE p.uscc = m.uscc AND p.deleted_at IS NULL)) AS areas
      FROM (SELECT DISTINCT uscc FROM mu_evaluations WHERE deleted_at IS NULL) m`);
  for (const row of rows) f.refs[`muAreas:${row.uscc}`] = row.areas ?? '';
  // A previewed 亩均 import of another user (deptNrp stands for any other uploader) and one of industryA.
  for (const [ref, username] of [
    ['muImportOther', 'deptNrp'],
    ['muImportOwn', 'industryA'],
  ] as const) {
    const userId = f.userIds.get(username);
    if (!userId) throw new Error(`scope open-data fixture: no user ${username}`);
    const [job] = await f.db
      .insert(importJobs)
      .values({
        kind: 'mu-evaluations',
        userId,
        fileName: `范围测试亩均${ref}.xlsx`,
        sha256: `${ref}`.padEnd(64, '0').slice(0, 64),
        sizeBytes: 1,
        status: 'previewed',
        summary: {
          sheets: [],
          ignored: [],
          sheetsWithoutHeader: [],
          skipped: { blank: 0, summary: 0 },
          counts: { create: 1, update: 0, unchanged: 0, error: 0 },
          sameAs: null,
        },
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: importJobs.id });
    f.refs[ref] = job?.id ?? '';
    await f.db.insert(importJobRows).values({
      jobId: job?.id ?? '',
      seq: 0,
      sheet: '亩均评价',
      rowNumber: 2,
      action: 'create',
      label: '范围测试导入的企业（2025年）',
      patch: {
        uscc: ENTERPRISE_B_USCC,
        enterpriseName: '范围测试导入的企业',
        year: 2025,
        muClass: 'B',
      },
    });
  }
}
