import { DEFAULT_EVALUATION_SETTINGS } from '@groundbreak/domain';
import { eq } from 'drizzle-orm';
import {
  completionApplications,
  defaultDispositions,
  evaluationRectifications,
  evaluations,
  optimisationActions,
} from '../db/schema/index';
import type { ScopeCaller, ScopeFixture, ScopeRegistry } from './scope-matrix';

// The evaluation module's entries of the scope matrix, merged into SCOPE_REGISTRY (scope-registry.ts):
// 竣工即发证 on the project, the post-evaluations and their 整改, and the optimisation actions.

const OPERATORS: ScopeCaller[] = ['operatorA', 'operatorB'];
const WITH_ENTERPRISES: ScopeCaller[] = ['operatorA', 'operatorB', 'enterpriseA', 'enterpriseB'];
const sideA = (caller: ScopeCaller) =>
  caller === 'operatorA' || caller === 'enterpriseA' || caller === 'industryA';

/** The other side's object of a kind (projectB for side A's callers, and so on). */
const foreign = (name: string) => (f: ScopeFixture, caller: ScopeCaller) =>
  (sideA(caller) ? f.refs[`${name}B`] : f.refs[`${name}A`]) ?? '';
const own = (name: string, f: ScopeFixture, caller: ScopeCaller) =>
  sideA(caller) ? f.refs[`${name}A`] : f.refs[`${name}B`];

const completionSnapshot = async (f: ScopeFixture, projectId: string) =>
  f.db.select().from(completionApplications).where(eq(completionApplications.projectId, projectId));
const evaluationSnapshot = async (f: ScopeFixture, id: string) =>
  f.db.select().from(evaluations).where(eq(evaluations.id, id));

/** 工信 of 高新区 (evaluation.admin with a 板块 scope) aims at 湖塘镇's objects. */
const SCORER: ScopeCaller[] = ['industryA'];
const rectificationSnapshot = async (f: ScopeFixture, id: string) =>
  f.db.select().from(evaluationRectifications).where(eq(evaluationRectifications.id, id));
const actionSnapshot = async (f: ScopeFixture, id: string) =>
  f.db.select().from(optimisationActions).where(eq(optimisationActions.id, id));

export const EVALUATION_SCOPE: ScopeRegistry = {
  idRoutes: {
    'GET /api/projects/:id/completion': { callers: WITH_ENTERPRISES, foreignId: foreign('project') },
    'PUT /api/projects/:id/completion': {
      callers: OPERATORS,
      foreignId: foreign('project'),
      body: () => ({
        version: 1,
        surveyReportNo: '越权填写',
        surveyApprovedOn: '2025-03-01',
        premiumPaid: true,
        noIllegalConstruction: true,
        surveyApproved: true,
        jointAcceptancePassed: true,
        noSeizure: true,
      }),
      snapshot: completionSnapshot,
    },
    'POST /api/projects/:id/completion/apply': {
      callers: OPERATORS,
      foreignId: foreign('project'),
      body: () => ({ version: 1 }),
      snapshot: completionSnapshot,
    },
    'POST /api/projects/:id/completion/issue': {
      callers: OPERATORS,
      foreignId: foreign('project'),
      body: () => ({
        version: 1,
        jointAcceptanceNo: '越权',
        jointAcceptanceOn: '2025-03-01',
        filingNo: '越权',
        filingOn: '2025-03-01',
        titleNo: '越权',
        titleOn: '2025-03-01',
      }),
      snapshot: completionSnapshot,
    },
    'GET /api/evaluations/:id': { callers: WITH_ENTERPRISES, foreignId: foreign('evaluation') },
    'POST /api/evaluations/:id/fill': {
      callers: WITH_ENTERPRISES,
      foreignId: foreign('evaluation'),
      body: () => ({ version: 1, actual: { jobs: 1 } }),
      snapshot: evaluationSnapshot,
    },
    'POST /api/evaluations/:id/verify': {
      // An enterprise may not verify at all (403 before any lookup); the 板块 reach only their own.
      callers: OPERATORS,
      foreignId: foreign('evaluation'),
      body: () => ({ version: 1, approve: true }),
      snapshot: evaluationSnapshot,
    },
    'POST /api/evaluations/:id/score': {
      callers: SCORER,
      foreignId: foreign('evaluation'),
      body: () => ({ version: 1 }),
      snapshot: evaluationSnapshot,
    },
    'POST /api/evaluations/:id/notify': {
      callers: SCORER,
      foreignId: foreign('evaluation'),
      body: () => ({ version: 1, feedback: '越权反馈' }),
      snapshot: evaluationSnapshot,
    },
    'POST /api/evaluations/:id/rectifications': {
      callers: SCORER,
      foreignId: foreign('evaluation'),
      body: () => ({ requirements: '越权整改', noticeNo: '越权-1' }),
      snapshot: async (f, id) =>
        f.db.select().from(evaluationRectifications).where(eq(evaluationRectifications.evaluationId, id)),
    },
    'POST /api/evaluations/:id/dispositions': {
      callers: SCORER,
      foreignId: foreign('evaluation'),
      body: () => ({ measure: 'other', description: '越权处置', decidedOn: '2025-06-01' }),
      snapshot: async (f, id) =>
        f.db.select().from(defaultDispositions).where(eq(defaultDispositions.evaluationId, id)),
    },
    'POST /api/evaluation-rectifications/:id/recheck': {
      callers: SCORER,
      foreignId: foreign('rectification'),
      body: () => ({}),
      snapshot: rectificationSnapshot,
    },
    'PUT /api/optimisation-actions/:id': {
      callers: SCORER,
      foreignId: foreign('action'),
      body: () => ({
        version: 1,
        status: 'in_progress',
        title: '越权修改',
        category: 'service',
        dueOn: '2025-12-31',
      }),
      snapshot: actionSnapshot,
    },
    'POST /api/optimisation-actions/:id/close': {
      callers: SCORER,
      foreignId: foreign('action'),
      body: () => ({ version: 1, closingNote: '越权完成' }),
      snapshot: actionSnapshot,
    },
  },
  lists: {
    'GET /api/completion': {
      callers: WITH_ENTERPRISES,
      query: 'pageSize=100',
      inScope: (item, f, caller) => item.projectId === own('project', f, caller),
    },
    'GET /api/evaluations': {
      callers: WITH_ENTERPRISES,
      query: 'pageSize=100',
      inScope: (item, f, caller) => item.projectId === own('project', f, caller),
    },
    'GET /api/optimisation-actions': {
      callers: OPERATORS,
      query: 'pageSize=100',
      inScope: (item, f, caller) => item.id === own('action', f, caller),
    },
  },
  writes: {
    'POST /api/optimisation-actions': {
      callers: SCORER,
      body: (f) => ({
        regionId: f.ids.regionB,
        category: 'service',
        title: '越权提出的优化措施',
        dueOn: '2025-12-31',
      }),
      leaked: async (f) =>
        (
          await f.db
            .select()
            .from(optimisationActions)
            .where(eq(optimisationActions.title, '越权提出的优化措施'))
        ).length > 0,
    },
  },
  exempt: {
    'GET /api/completion/metrics':
      'aggregates only the projects of the caller’s scope (evaluation.int.test.ts: a 板块 counts only its own 板块)',
    'GET /api/evaluations/summary':
      'aggregates only the evaluations and actions of the caller’s scope (evaluation.int.test.ts: a 板块 counts only its own)',
    'GET /api/evaluations/settings': 'configuration (weights, caps, dates); no business data',
    'PUT /api/evaluations/settings': 'configuration by 区发改/工信 (evaluation.admin); no data scope',
    'POST /api/evaluations/generate':
      'creates tasks only for the due projects of the caller’s scope (evaluation.int.test.ts: 工信 of 高新区 generates only 高新区’s, 区发改 the rest); no id to aim at another 板块',
  },
};

/** The module's objects in and outside each caller's scope (run after the other seeds). */
export async function seedScopeEvaluation(f: ScopeFixture, now: Date): Promise<void> {
  for (const [key, regionId] of [
    ['A', f.ids.regionA],
    ['B', f.ids.regionB],
  ] as const) {
    const projectId = f.refs[`project${key}`];
    if (!projectId) throw new Error('scope evaluation fixture needs the scope projects');
    await f.db.insert(completionApplications).values({
      projectId,
      status: 'draft',
      surveyReportNo: `范围测试测绘${key}`,
      createdAt: now,
      updatedAt: now,
    });
    const [evaluation] = await f.db
      .insert(evaluations)
      .values({
        projectId,
        kind: 'production',
        dataYear: 2024,
        dueOn: '2025-03-01',
        status: 'notified',
        grade: 'fail',
        score: 50,
        committed: { jobs: 100 },
        actual: { jobs: 20 },
        settings: DEFAULT_EVALUATION_SETTINGS,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: evaluations.id });
    f.refs[`evaluation${key}`] = evaluation?.id ?? '';
    const [rect] = await f.db
      .insert(evaluationRectifications)
      .values({
        evaluationId: evaluation?.id ?? '',
        projectId,
        noticeNo: `范围测试整改${key}`,
        requirements: '范围测试',
        issuedOn: '2025-03-01',
        deadlineOn: '2025-09-01',
        status: 'open',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: evaluationRectifications.id });
    f.refs[`rectification${key}`] = rect?.id ?? '';
    const [action] = await f.db
      .insert(optimisationActions)
      .values({
        evaluationId: evaluation?.id ?? null,
        projectId,
        regionId,
        category: 'service',
        title: `范围测试优化措施${key}`,
        dueOn: '2025-12-31',
        status: 'open',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: optimisationActions.id });
    f.refs[`action${key}`] = action?.id ?? '';
  }
}
