import { eq, sql } from 'drizzle-orm';
import {
  appSettings,
  attachments,
  briefings,
  campaignPhotos,
  campaigns,
  campaignTasks,
  enterprises,
  idleCases,
  importJobRows,
  importJobs,
  landProgrammes,
  landSupplies,
  maintenancePoints,
  meetings,
  monthlyReports,
  notificationChannels,
  notificationDeliveries,
  notifications,
  orgs,
  parcelListItems,
  parcels,
  problems,
  projectApprovalItems,
  projectLandDemands,
  projectLibraries,
  projectLightMonths,
  projectLights,
  projectPlans,
  projects,
  projectYearPlans,
  regionalAssessments,
  savedViews,
  serviceTickets,
  targets,
} from '../db/schema/index';
import { createFieldProtector } from '../lib/crypto/field-protector';
import { createNotificationsRepository } from '../modules/notifications/notifications.repository';
import { protectProjectValues } from '../modules/projects/projects.repository';
import type { ScopeFixture, ScopeRegistry } from './scope-matrix';
import { ATTRACTION_SCOPE } from './scope-registry.attraction';
import { EVALUATION_SCOPE } from './scope-registry.evaluation';
import { OPENDATA_SCOPE } from './scope-registry.opendata';
import { TEST_FIELD_KEY } from './test-app';

// What the scope-matrix harness checks for each route of the app. A new module adds its routes here;
// the harness fails on any route it finds in neither table.

const enterpriseSnapshot = async (f: ScopeFixture, id: string) =>
  (await f.db.select().from(enterprises).where(eq(enterprises.id, id)))[0] ?? null;

/** The enterprise the caller must not see: the other 板块's (for enterprise users, the other company). */
const foreignEnterprise = (f: ScopeFixture, caller: string) =>
  caller === 'operatorA' || caller === 'enterpriseA' ? f.ids.enterpriseB : f.ids.enterpriseA;

const NOTE_PREFIX = '范围测试消息';

async function notificationIdOf(f: ScopeFixture, caller: string): Promise<string> {
  const [row] = await f.db
    .select()
    .from(notifications)
    .where(eq(notifications.title, `${NOTE_PREFIX}:${caller}`));
  if (!row) throw new Error(`no test notification for ${caller}`);
  return row.id;
}

const planSnapshot = async (f: ScopeFixture, id: string) =>
  f.db.select().from(projectPlans).where(eq(projectPlans.projectId, id));

const reportSnapshot = async (f: ScopeFixture, id: string) =>
  f.db.select().from(monthlyReports).where(eq(monthlyReports.projectId, id));

const problemSnapshot = async (f: ScopeFixture, id: string) =>
  f.db.select().from(problems).where(eq(problems.id, id));

/** The problem the caller must not reach: the other side's. */
const foreignProblem = (f: ScopeFixture, caller: string) =>
  (caller === 'operatorA' || caller === 'enterpriseA' ? f.refs.problemB : f.refs.problemA) ?? '';

const meetingSnapshot = async (f: ScopeFixture, id: string) =>
  f.db.select().from(meetings).where(eq(meetings.id, id));

/** The meeting the caller must not reach: the other side's. */
const foreignMeeting = (f: ScopeFixture, caller: string) =>
  (caller === 'operatorA' || caller === 'enterpriseA' ? f.refs.meetingB : f.refs.meetingA) ?? '';

const taskSnapshot = async (f: ScopeFixture, id: string) =>
  f.db.select().from(campaignTasks).where(eq(campaignTasks.id, id));

/** The campaign task the caller must not reach: the other 板块's. */
const foreignTask = (f: ScopeFixture, caller: string) =>
  (caller === 'operatorA' ? f.refs.taskB : f.refs.taskA) ?? '';

const pointSnapshot = async (f: ScopeFixture, id: string) =>
  f.db.select().from(maintenancePoints).where(eq(maintenancePoints.id, id));

/** The maintained point the caller must not reach: the other 板块's. */
const foreignPoint = (f: ScopeFixture, caller: string) =>
  (caller === 'operatorA' ? f.refs.pointB : f.refs.pointA) ?? '';

const briefingSnapshot = async (f: ScopeFixture, id: string) =>
  f.db.select().from(briefings).where(eq(briefings.id, id));

/** The briefing the caller must not reach: the other 板块's. */
const foreignBriefing = (f: ScopeFixture, caller: string) =>
  (caller === 'operatorA' ? f.refs.briefingB : f.refs.briefingA) ?? '';

const ticketSnapshot = async (f: ScopeFixture, id: string) =>
  f.db.select().from(serviceTickets).where(eq(serviceTickets.id, id));

const channelSnapshot = async (f: ScopeFixture, id: string) =>
  (await f.db.select().from(notificationChannels).where(eq(notificationChannels.id, id)))[0] ?? null;

/** The ticket the caller must not reach: the other side's. */
const foreignTicket = (f: ScopeFixture, caller: string) =>
  (caller === 'operatorA' || caller === 'enterpriseA' ? f.refs.ticketB : f.refs.ticketA) ?? '';

const approvalSnapshot = async (f: ScopeFixture, id: string) =>
  f.db.select().from(projectApprovalItems).where(eq(projectApprovalItems.projectId, id));

const projectSnapshot = async (f: ScopeFixture, id: string) => {
  const [row] = await f.db.select().from(projects).where(eq(projects.id, id));
  const files = await f.db
    .select({ id: attachments.id, deletedAt: attachments.deletedAt })
    .from(attachments)
    .where(eq(attachments.projectId, id));
  const libs = await f.db.select().from(projectLibraries).where(eq(projectLibraries.projectId, id));
  const plans = await f.db.select().from(projectYearPlans).where(eq(projectYearPlans.projectId, id));
  return { row, files, libs, plans };
};

/** The project the caller must not see: the other 板块's (for enterprise users, the other company's). */
const foreignProject = (f: ScopeFixture, caller: string) =>
  (caller === 'operatorA' || caller === 'enterpriseA' ? f.refs.projectB : f.refs.projectA) ?? '';
const foreignAttachment = (f: ScopeFixture, caller: string) => ({
  childId:
    (caller === 'operatorA' || caller === 'enterpriseA' ? f.refs.attachmentB : f.refs.attachmentA) ?? '',
});
const READERS = ['operatorA', 'operatorB', 'enterpriseA', 'enterpriseB'] as const;
const OPERATORS = ['operatorA', 'operatorB'] as const;
const projectRead = { callers: [...READERS], foreignId: foreignProject };
const projectWrite = (
  body: unknown,
  callers: readonly ('operatorA' | 'operatorB' | 'enterpriseA' | 'enterpriseB')[] = OPERATORS,
) => ({
  callers: [...callers],
  foreignId: foreignProject,
  body: () => body,
  snapshot: projectSnapshot,
});

/** The other operator's import job: a preview ready to commit, one row creating a project. */
const foreignImport = (f: ScopeFixture, caller: string) =>
  (caller === 'operatorA' ? f.refs.importB : f.refs.importA) ?? '';
const importSnapshot = async (f: ScopeFixture, id: string) => ({
  job: (await f.db.select().from(importJobs).where(eq(importJobs.id, id)))[0] ?? null,
  rows: await f.db.select().from(importJobRows).where(eq(importJobRows.jobId, id)),
  created: await f.db.select({ id: projects.id }).from(projects).where(eq(projects.name, '范围测试导入项目')),
});
const importCheck = { callers: [...OPERATORS], foreignId: foreignImport, snapshot: importSnapshot };
/** The parcel imports of the two 自然资源 users: each must not reach the other's. */
const foreignParcelImport = (f: ScopeFixture, caller: string) =>
  (caller === 'nrpA' ? f.refs.parcelImportB : f.refs.parcelImportA) ?? '';
const reportImportCheck = {
  callers: ['operatorA' as const, 'operatorB' as const],
  foreignId: (f: ScopeFixture, caller: string) =>
    (caller === 'operatorA' ? f.refs.reportImportB : f.refs.reportImportA) ?? '',
  snapshot: async (f: ScopeFixture, id: string) => ({
    job: (await f.db.select().from(importJobs).where(eq(importJobs.id, id)))[0] ?? null,
    rows: await f.db.select().from(importJobRows).where(eq(importJobRows.jobId, id)),
    created: await f.db
      .select({ id: monthlyReports.id })
      .from(monthlyReports)
      .where(eq(monthlyReports.progressText, '范围测试导入的月报')),
  }),
};

/** The campaign-task imports of the two 板块 operators: each must not reach the other's. */
const taskImportCheck = {
  callers: ['operatorA' as const, 'operatorB' as const],
  foreignId: (f: ScopeFixture, caller: string) =>
    (caller === 'operatorA' ? f.refs.taskImportB : f.refs.taskImportA) ?? '',
  snapshot: async (f: ScopeFixture, id: string) => ({
    job: (await f.db.select().from(importJobs).where(eq(importJobs.id, id)))[0] ?? null,
    rows: await f.db.select().from(importJobRows).where(eq(importJobRows.jobId, id)),
    created: await f.db
      .select({ id: campaignTasks.id })
      .from(campaignTasks)
      .where(eq(campaignTasks.pointName, '范围测试导入的整治点')),
  }),
};

const parcelImportCheck = {
  callers: ['nrpA' as const, 'deptNrp' as const],
  foreignId: foreignParcelImport,
  snapshot: async (f: ScopeFixture, id: string) => ({
    job: (await f.db.select().from(importJobs).where(eq(importJobs.id, id)))[0] ?? null,
    rows: await f.db.select().from(importJobRows).where(eq(importJobRows.jobId, id)),
    created: await f.db.select({ id: parcels.id }).from(parcels).where(eq(parcels.parcelNo, 'SCOPE-IMPORT')),
  }),
};

/** The caller's side: 高新区 (A) for operatorA, enterpriseA and the 高新区 land office, else 湖塘镇 (B). */
const sideOf = (caller: string) => (caller.endsWith('A') ? 'A' : 'B');
const foreignRef = (name: string) => (f: ScopeFixture, caller: string) =>
  f.refs[`${name}${sideOf(caller) === 'A' ? 'B' : 'A'}`] ?? '';
const parcelSnapshot = async (f: ScopeFixture, id: string) => ({
  parcel: (await f.db.select().from(parcels).where(eq(parcels.id, id)))[0] ?? null,
  list: await f.db.select().from(parcelListItems).where(eq(parcelListItems.parcelId, id)),
  supply: await f.db.select().from(landSupplies).where(eq(landSupplies.parcelId, id)),
  cases: await f.db.select().from(idleCases).where(eq(idleCases.parcelId, id)),
});
const LAND_READERS = ['operatorA', 'operatorB', 'nrpA'] as const;
const parcelRead = { callers: [...LAND_READERS], foreignId: foreignRef('parcel') };
const parcelWrite = (body: unknown) => ({
  callers: ['nrpA' as const],
  foreignId: foreignRef('parcel'),
  body: () => body,
  snapshot: parcelSnapshot,
});
const caseSnapshot = async (f: ScopeFixture, id: string) =>
  (await f.db.select().from(idleCases).where(eq(idleCases.id, id)))[0] ?? null;
const demandSnapshot = async (f: ScopeFixture, id: string) => ({
  demand: await f.db.select().from(projectLandDemands).where(eq(projectLandDemands.projectId, id)),
  parcels: await f.db.select({ id: parcels.id }).from(parcels).where(eq(parcels.projectId, id)),
  project: await projectSnapshot(f, id),
});

const CORE_SCOPE: ScopeRegistry = {
  idRoutes: {
    'GET /api/projects/imports/:id': importCheck,
    'GET /api/projects/imports/:id/rows': importCheck,
    'POST /api/projects/imports/:id/commit': importCheck,
    'POST /api/projects/imports/:id/cancel': importCheck,
    'GET /api/projects/:id': projectRead,
    'PATCH /api/projects/:id': projectWrite({ version: 1, contactName: '越权修改' }, READERS),
    'POST /api/projects/:id/delete': projectWrite({ version: 1, reason: '越权删除' }),
    'POST /api/projects/:id/transitions': projectWrite({ type: 'terminate', version: 1, reason: '越权终止' }),
    'GET /api/projects/:id/state-changes': projectRead,
    'GET /api/projects/:id/history': projectRead,
    'POST /api/projects/:id/contact-phone': projectWrite({ reason: '越权查看电话' }),
    'GET /api/projects/:id/year-plans': projectRead,
    'PUT /api/projects/:id/year-plans/:year': {
      ...projectWrite({ plannedInvestment: 1, version: 0 }),
      params: () => ({ year: '2025' }),
    },
    'GET /api/projects/:id/libraries': projectRead,
    'POST /api/projects/:id/libraries': projectWrite({
      level: 'city',
      year: 2025,
      category: 'implementation',
    }),
    'GET /api/projects/:id/attachments': projectRead,
    'POST /api/projects/:id/attachments': { ...projectWrite({}, READERS), query: 'kind=other' },
    'GET /api/projects/:id/attachments/:childId': { ...projectRead, params: foreignAttachment },
    'POST /api/projects/:id/attachments/:childId/delete': {
      ...projectWrite({}, READERS),
      params: foreignAttachment,
    },
    'POST /api/saved-views/:id/delete': {
      callers: [...OPERATORS],
      foreignId: (f, caller) => (caller === 'operatorA' ? f.refs.viewB : f.refs.viewA) ?? '',
      snapshot: async (f, id) => f.db.select().from(savedViews).where(eq(savedViews.id, id)),
    },
    'GET /api/enterprises/:id': {
      callers: ['operatorA', 'operatorB', 'enterpriseA', 'enterpriseB'],
      foreignId: foreignEnterprise,
    },
    'PUT /api/enterprises/:id': {
      callers: ['operatorA', 'operatorB'],
      foreignId: foreignEnterprise,
      body: (f) => ({ name: '被越权修改的名称', regionId: f.ids.regionA, version: 1 }),
      snapshot: enterpriseSnapshot,
    },
    'PUT /api/land/programmes/:id': {
      callers: ['nrpA'],
      foreignId: foreignRef('programme'),
      body: () => ({ name: '越权修改', parcelIds: [], version: 1 }),
      snapshot: async (f, id) =>
        (await f.db.select().from(landProgrammes).where(eq(landProgrammes.id, id)))[0] ?? null,
    },
    'GET /api/monthly-reports/imports/:id': reportImportCheck,
    'GET /api/monthly-reports/imports/:id/rows': reportImportCheck,
    'POST /api/monthly-reports/imports/:id/commit': reportImportCheck,
    'POST /api/monthly-reports/imports/:id/cancel': reportImportCheck,
    'GET /api/campaign-tasks/imports/:id': taskImportCheck,
    'GET /api/campaign-tasks/imports/:id/rows': taskImportCheck,
    'POST /api/campaign-tasks/imports/:id/commit': taskImportCheck,
    'POST /api/campaign-tasks/imports/:id/cancel': taskImportCheck,
    'GET /api/parcels/imports/:id': parcelImportCheck,
    'GET /api/parcels/imports/:id/rows': parcelImportCheck,
    'POST /api/parcels/imports/:id/commit': parcelImportCheck,
    'POST /api/parcels/imports/:id/cancel': parcelImportCheck,
    'GET /api/parcels/:id': parcelRead,
    'PATCH /api/parcels/:id': parcelWrite({ name: '越权修改', version: 1 }),
    'POST /api/parcels/:id/transitions': parcelWrite({ to: 'supplied', version: 1 }),
    'GET /api/parcels/:id/history': parcelRead,
    'GET /api/parcels/:id/list': parcelRead,
    'PUT /api/parcels/:id/list/:code': {
      ...parcelWrite({ status: 'not_applicable', version: 0 }),
      params: () => ({ code: 'ENV' }),
    },
    'GET /api/parcels/:id/supply': parcelRead,
    'PUT /api/parcels/:id/supply': {
      ...parcelWrite({}),
      body: (f: ScopeFixture) => ({ projectId: f.refs.projectA, method: 'agreement', version: 0 }),
    },
    'POST /api/parcels/:id/supply/contract': parcelWrite({}),
    'GET /api/parcels/:id/project-matches': parcelRead,
    'POST /api/parcels/:id/idle-cases': parcelWrite({ noticeOn: '2025-03-01' }),
    'GET /api/idle-cases/:id': { callers: [...LAND_READERS], foreignId: foreignRef('idleCase') },
    'POST /api/idle-cases/:id/advance': {
      callers: ['nrpA'],
      foreignId: foreignRef('idleCase'),
      body: () => ({ version: 1, cause: 'enterprise', determinationNo: '越权', determinedOn: '2025-03-01' }),
      snapshot: caseSnapshot,
    },
    'PUT /api/regional-assessments/:id': {
      callers: ['nrpA'],
      foreignId: foreignRef('assessment'),
      body: () => ({
        name: '越权修改',
        status: 'approved',
        docNo: 'x',
        approvedOn: '2025-01-01',
        version: 1,
      }),
      snapshot: async (f, id) =>
        (await f.db.select().from(regionalAssessments).where(eq(regionalAssessments.id, id)))[0] ?? null,
    },
    'GET /api/projects/:id/approvals': projectRead,
    'POST /api/projects/:id/approvals/generate': { ...projectWrite({}), snapshot: approvalSnapshot },
    'POST /api/projects/:id/approvals/convert-simulated': { ...projectWrite({}), snapshot: approvalSnapshot },
    // The 高新区 land office reaching 湖塘镇's design review: 404, nothing changes.
    'PUT /api/projects/:id/approvals/:childId': {
      callers: ['nrpA'],
      foreignId: foreignProject,
      params: (f: ScopeFixture) => ({ childId: f.refs.approvalB ?? '' }),
      body: () => ({
        status: 'done',
        appliedOn: '2025-03-19',
        acceptedOn: '2025-03-20',
        doneOn: '2025-03-28',
        documentNo: '范围测试-1',
        simulated: false,
        commitment: false,
        commitmentCheckDueOn: null,
        commitmentCheckResult: null,
        gaps: null,
        gapsDueOn: null,
        note: null,
        version: 1,
      }),
      snapshot: approvalSnapshot,
    },
    'GET /api/projects/:id/plan': projectRead,
    'GET /api/projects/:id/land-ready': projectRead,
    'POST /api/projects/:id/plan': {
      ...projectWrite({ templateCode: 'A', targetOn: '2025-12-31' }),
      snapshot: planSnapshot,
    },
    'PUT /api/projects/:id/plan': {
      ...projectWrite({ targetOn: '2025-12-31', durations: [], reason: '范围测试', version: 1 }),
      snapshot: planSnapshot,
    },
    'PUT /api/projects/:id/plan/nodes/:key': {
      ...projectWrite({ actualStart: '2025-03-01', actualFinish: null, version: 1 }),
      params: () => ({ key: 'signing' }),
      snapshot: planSnapshot,
    },
    'GET /api/projects/:id/monthly-reports': projectRead,
    'GET /api/projects/:id/lights': projectRead,
    'GET /api/projects/:id/monthly-reports/:month': { ...projectRead, params: () => ({ month: '2025-03' }) },
    'PUT /api/projects/:id/monthly-reports/:month': {
      ...projectWrite(
        {
          monthYuan: 1_000_000,
          sinceStartYuan: null,
          equipmentYuan: null,
          constructionYuan: null,
          progressText: '越权填报',
          planNodeKey: null,
          nodePercent: null,
          workThisMonth: null,
          workNextMonth: null,
          problemsText: null,
          inStatistics: null,
          statisticsYuan: null,
          fundsInPlaceYuan: null,
          workers: null,
          photoIds: [],
          version: 1,
        },
        [...READERS],
      ),
      params: () => ({ month: '2025-03' }),
      snapshot: reportSnapshot,
    },
    'POST /api/projects/:id/monthly-reports/:month/steps': {
      ...projectWrite({ step: 'submit', version: 1 }, [...READERS]),
      params: () => ({ month: '2025-03' }),
      snapshot: reportSnapshot,
    },
    'GET /api/problems/:id': { callers: [...READERS], foreignId: foreignProblem },
    'GET /api/meetings/:id': { callers: [...READERS], foreignId: foreignMeeting },
    'GET /api/tickets/:id': { callers: [...READERS], foreignId: foreignTicket },
    'GET /api/notification-channels/:id': {
      callers: ['adminB'],
      foreignId: (f) => f.refs.channelForeign ?? '',
    },
    'PUT /api/notification-channels/:id': {
      callers: ['adminB'],
      foreignId: (f) => f.refs.channelForeign ?? '',
      body: () => ({ version: 1, enabled: false }),
      snapshot: channelSnapshot,
    },
    'POST /api/notification-channels/:id/delete': {
      callers: ['adminB'],
      foreignId: (f) => f.refs.channelForeign ?? '',
      body: () => ({ version: 1 }),
      snapshot: channelSnapshot,
    },
    'POST /api/notification-channels/:id/test': {
      callers: ['adminB'],
      foreignId: (f) => f.refs.channelForeign ?? '',
      snapshot: async (f, id) =>
        f.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.channelId, id)),
    },
    'GET /api/notification-deliveries/:id': {
      callers: ['adminB'],
      foreignId: (f) => f.refs.deliveryForeign ?? '',
    },
    'POST /api/notification-deliveries/:id/retry': {
      callers: ['adminB'],
      foreignId: (f) => f.refs.deliveryForeign ?? '',
      snapshot: async (f, id) =>
        f.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, id)),
    },
    'POST /api/tickets/:id/steps': {
      callers: [...READERS],
      foreignId: foreignTicket,
      body: () => ({ step: 'withdraw', version: 1 }),
      snapshot: ticketSnapshot,
    },
    'GET /api/meetings/:id/material': { callers: [...READERS], foreignId: foreignMeeting },
    'GET /api/briefings/:id': { callers: [...OPERATORS], foreignId: foreignBriefing },
    'GET /api/maintenance-points/:id': { callers: [...OPERATORS], foreignId: foreignPoint },
    'PUT /api/maintenance-points/:id': {
      callers: [...OPERATORS],
      foreignId: foreignPoint,
      body: () => ({ version: 1, keeper: '越权修改的责任村', everyDays: 7 }),
      snapshot: pointSnapshot,
    },
    'POST /api/maintenance-points/:id/inspections': {
      callers: [...OPERATORS],
      foreignId: foreignPoint,
      body: () => ({
        inspectedOn: '2025-05-01',
        results: [{ item: '无新增违章搭建', passed: false }],
        score: 10,
      }),
      snapshot: pointSnapshot,
    },
    'POST /api/maintenance-points/:id/photos': {
      callers: [...OPERATORS],
      foreignId: foreignPoint,
      snapshot: pointSnapshot,
    },
    'GET /api/maintenance-points/:id/photos/:photoId': {
      callers: [...OPERATORS],
      foreignId: foreignPoint,
      params: (f, caller) => ({ photoId: (caller === 'operatorA' ? f.refs.photoB : f.refs.photoA) ?? '' }),
    },
    'GET /api/campaigns/:id': {
      callers: [...OPERATORS],
      // A campaign of another district (新北区): both 板块 of 武进区 see their own district's only.
      foreignId: (f) => f.refs.campaignForeign ?? '',
    },
    'GET /api/campaign-tasks/:id': { callers: [...OPERATORS], foreignId: foreignTask },
    'PUT /api/campaign-tasks/:id': {
      callers: [...OPERATORS],
      foreignId: foreignTask,
      body: () => ({
        version: 1,
        categoryCode: 'G1',
        pointName: '越权修改的点位',
        description: '越权',
        startOn: '2025-03-01',
        dueOn: '2025-04-01',
      }),
      snapshot: taskSnapshot,
    },
    'POST /api/campaign-tasks/:id/steps': {
      callers: [...OPERATORS],
      foreignId: foreignTask,
      body: () => ({ step: 'start', version: 1 }),
      snapshot: taskSnapshot,
    },
    'POST /api/campaign-tasks/:id/photos': {
      callers: [...OPERATORS],
      foreignId: foreignTask,
      query: 'kind=before',
      snapshot: async (f, id) => f.db.select().from(campaignPhotos).where(eq(campaignPhotos.taskId, id)),
    },
    'GET /api/campaign-tasks/:id/photos/:photoId': {
      callers: [...OPERATORS],
      foreignId: foreignTask,
      params: (f, caller) => ({ photoId: (caller === 'operatorA' ? f.refs.photoB : f.refs.photoA) ?? '' }),
    },
    'POST /api/campaign-tasks/:id/photos/:photoId/delete': {
      callers: [...OPERATORS],
      foreignId: foreignTask,
      params: (f, caller) => ({ photoId: (caller === 'operatorA' ? f.refs.photoB : f.refs.photoA) ?? '' }),
      snapshot: async (f, id) => f.db.select().from(campaignPhotos).where(eq(campaignPhotos.taskId, id)),
    },
    'GET /api/briefings/:id/docx': { callers: [...OPERATORS], foreignId: foreignBriefing },
    'PUT /api/briefings/:id': {
      callers: [...OPERATORS],
      foreignId: foreignBriefing,
      body: () => ({ version: 1, title: '越权修改的简报', paragraphs: ['越权'] }),
      snapshot: briefingSnapshot,
    },
    'POST /api/briefings/:id/issue': {
      callers: [...OPERATORS],
      foreignId: foreignBriefing,
      body: () => ({ version: 1 }),
      snapshot: briefingSnapshot,
    },
    'POST /api/briefings/:id/delete': {
      callers: [...OPERATORS],
      foreignId: foreignBriefing,
      body: () => ({ version: 1 }),
      snapshot: briefingSnapshot,
    },
    'PUT /api/meetings/:id': {
      callers: [...OPERATORS],
      foreignId: foreignMeeting,
      body: () => ({ version: 1, minutes: '越权修改的纪要' }),
      snapshot: meetingSnapshot,
    },
    'POST /api/meetings/:id/decisions': {
      callers: [...OPERATORS],
      foreignId: foreignMeeting,
      body: (f) => ({
        version: 1,
        text: '越权议定',
        projectId: f.refs.projectA,
        leadOrgId: f.ids.regionA,
        limitWorkingDays: 5,
      }),
      snapshot: meetingSnapshot,
    },
    'GET /api/problems/:id/letter': { callers: [...READERS], foreignId: foreignProblem },
    'POST /api/problems/:id/evidence': {
      callers: [...READERS],
      foreignId: foreignProblem,
      body: () => ({}),
      snapshot: problemSnapshot,
    },
    'POST /api/problems/:id/steps': {
      callers: [...READERS],
      foreignId: foreignProblem,
      body: () => ({ step: 'close', version: 1 }),
      snapshot: problemSnapshot,
    },
    'POST /api/projects/:id/plan/approve': { ...projectWrite({ version: 1 }), snapshot: planSnapshot },
    'GET /api/projects/:id/land-demand': projectRead,
    'PUT /api/projects/:id/land-demand': {
      ...projectWrite({ areaM2: 10_000, use: 'industrial', version: 0 }),
      snapshot: demandSnapshot,
    },
    'GET /api/projects/:id/parcel-matches': { callers: [...OPERATORS], foreignId: foreignProject },
    'POST /api/projects/:id/parcel': {
      callers: [...OPERATORS],
      foreignId: foreignProject,
      body: (f: ScopeFixture) => ({ parcelId: f.refs.parcelA, version: 1 }),
      snapshot: demandSnapshot,
    },
    'GET /api/enterprises/:id/history': {
      callers: ['operatorA', 'operatorB', 'enterpriseA'],
      foreignId: foreignEnterprise,
    },
  },
  lists: {
    'GET /api/approvals/land-ready': {
      callers: ['operatorA', 'operatorB', 'deptNrp', 'nrpA', 'enterpriseA', 'enterpriseB'],
      query: 'pageSize=100',
      inScope: (item, f, caller) => {
        const project = item.project as { id: string; regionId: string };
        if (caller === 'enterpriseA') return project.id === f.refs.projectA;
        if (caller === 'enterpriseB') return project.id === f.refs.projectB;
        return f.visibleRegions[caller].has(project.regionId);
      },
    },
    'GET /api/lights': {
      callers: [...READERS],
      query: 'pageSize=100',
      inScope: (item, f, caller) => {
        const project = item.project as { id: string };
        if (caller === 'enterpriseA' || caller === 'operatorA') return project.id === f.refs.projectA;
        return project.id === f.refs.projectB;
      },
    },
    'GET /api/notification-channels': {
      callers: ['adminB'],
      inScope: (item, f) => item.id === f.refs.channelOwn,
    },
    'GET /api/notification-deliveries': {
      callers: ['adminB'],
      inScope: (item, f) => item.channelId === f.refs.channelOwn,
    },
    'GET /api/tickets': {
      callers: [...READERS],
      query: 'pageSize=100',
      inScope: (item, f, caller) => {
        const project = item.project as { id: string };
        if (caller === 'enterpriseA' || caller === 'operatorA') return project.id === f.refs.projectA;
        return project.id === f.refs.projectB;
      },
    },
    'GET /api/maintenance-points': {
      callers: [...OPERATORS],
      query: 'pageSize=100',
      inScope: (item, f, caller) => item.id === (caller === 'operatorA' ? f.refs.pointA : f.refs.pointB),
    },
    'GET /api/campaign-tasks': {
      callers: [...OPERATORS],
      query: 'pageSize=100',
      inScope: (item, f, caller) => item.id === (caller === 'operatorA' ? f.refs.taskA : f.refs.taskB),
    },
    'GET /api/campaigns': {
      callers: [...OPERATORS],
      query: 'pageSize=100',
      inScope: (item, f) => item.id === f.refs.campaign,
    },
    'GET /api/briefings': {
      callers: [...OPERATORS],
      query: 'pageSize=100',
      inScope: (item, f, caller) =>
        item.id === (caller === 'operatorA' ? f.refs.briefingA : f.refs.briefingB),
    },
    'GET /api/meetings': {
      callers: [...OPERATORS],
      query: 'pageSize=100',
      inScope: (item, f, caller) => item.id === (caller === 'operatorA' ? f.refs.meetingA : f.refs.meetingB),
    },
    'GET /api/problems': {
      callers: [...READERS],
      query: 'pageSize=100',
      inScope: (item, f, caller) => {
        const project = item.project as { id: string };
        if (caller === 'enterpriseA' || caller === 'operatorA') return project.id === f.refs.projectA;
        return project.id === f.refs.projectB;
      },
    },
    'GET /api/monthly-reports': {
      callers: [...READERS, 'deptNrp'],
      query: 'month=2025-03&pageSize=100',
      inScope: (item, f, caller) => {
        const project = item.project as { id: string };
        if (caller === 'enterpriseA') return project.id === f.refs.projectA;
        if (caller === 'enterpriseB') return project.id === f.refs.projectB;
        if (caller === 'operatorA') return project.id === f.refs.projectA;
        if (caller === 'operatorB') return project.id === f.refs.projectB;
        return true;
      },
    },
    'GET /api/approvals/queue': {
      callers: ['deptNrp', 'nrpA'],
      query: 'pageSize=100',
      inScope: (item, f, caller) =>
        caller === 'nrpA'
          ? (item.project as { id: string }).id === f.refs.projectA
          : f.visibleRegions[caller].size > 0,
    },
    'GET /api/projects/imports': {
      callers: [...OPERATORS],
      inScope: (item, f, caller) => item.id === (caller === 'operatorA' ? f.refs.importA : f.refs.importB),
    },
    'GET /api/projects': {
      callers: ['operatorA', 'operatorB', 'deptNrp', 'deptCommerce', 'enterpriseA', 'enterpriseB'],
      query: 'pageSize=100',
      inScope: (item, f, caller) => {
        if (caller === 'enterpriseA') return item.id === f.refs.projectA;
        if (caller === 'enterpriseB') return item.id === f.refs.projectB;
        return f.visibleRegions[caller].has(String(item.regionId));
      },
    },
    'GET /api/library-entries': {
      callers: ['operatorA', 'operatorB', 'enterpriseA', 'enterpriseB'],
      query: 'pageSize=100',
      inScope: (item, f, caller) =>
        item.projectId === (caller.endsWith('A') ? f.refs.projectA : f.refs.projectB),
    },
    'GET /api/targets': {
      callers: ['operatorA', 'operatorB'],
      query: 'year=2025',
      inScope: (item, f, caller) => f.visibleRegions[caller].has(String(item.regionId)),
    },
    'GET /api/enterprises': {
      callers: ['operatorA', 'operatorB', 'deptNrp', 'deptCommerce', 'enterpriseA', 'enterpriseB'],
      query: 'pageSize=100',
      inScope: (item, f, caller) => {
        if (caller === 'enterpriseA') return item.id === f.ids.enterpriseA;
        if (caller === 'enterpriseB') return item.id === f.ids.enterpriseB;
        return f.visibleRegions[caller].has(String(item.regionId));
      },
    },
    'GET /api/land/programmes': {
      callers: [...LAND_READERS, 'deptNrp'],
      inScope: (item, f, caller) => f.visibleRegions[caller].has(String(item.regionId)),
    },
    'GET /api/monthly-reports/imports': {
      callers: ['operatorA', 'operatorB'],
      inScope: (item, f, caller) =>
        item.id === (caller === 'operatorA' ? f.refs.reportImportA : f.refs.reportImportB),
    },
    'GET /api/campaign-tasks/imports': {
      callers: ['operatorA', 'operatorB'],
      inScope: (item, f, caller) =>
        item.id === (caller === 'operatorA' ? f.refs.taskImportA : f.refs.taskImportB),
    },
    'GET /api/parcels/imports': {
      callers: ['nrpA', 'deptNrp'],
      inScope: (item, f, caller) =>
        item.id === (caller === 'nrpA' ? f.refs.parcelImportA : f.refs.parcelImportB),
    },
    'GET /api/parcels': {
      callers: [...LAND_READERS, 'deptNrp'],
      query: 'pageSize=100',
      inScope: (item, f, caller) => f.visibleRegions[caller].has(String(item.regionId)),
    },
    'GET /api/regional-assessments': {
      callers: [...LAND_READERS, 'deptNrp'],
      inScope: (item, f, caller) => f.visibleRegions[caller].has(String(item.regionId)),
    },
    'GET /api/idle-cases': {
      callers: [...LAND_READERS],
      inScope: (item, f, caller) => item.parcelId === f.refs[`parcel${sideOf(caller)}`],
    },
    'GET /api/land/balance': {
      callers: [...LAND_READERS, 'deptNrp'],
      inScope: (item, f, caller) => f.visibleRegions[caller].has(String(item.regionId)),
    },
    'GET /api/notifications': {
      callers: ['operatorA', 'operatorB'],
      inScope: (item, _f, caller) => String(item.title) === `${NOTE_PREFIX}:${caller}`,
    },
  },
  writes: {
    'POST /api/tickets': {
      callers: ['operatorA', 'operatorB', 'enterpriseA'],
      body: (f, caller) => ({
        projectId: caller === 'operatorB' ? f.refs.projectA : f.refs.projectB,
        kind: 'help',
        items: ['水电气报装'],
        description: '越权申请的帮办',
      }),
      leaked: async (f) =>
        (await f.db.select().from(serviceTickets).where(eq(serviceTickets.description, '越权申请的帮办')))
          .length > 0,
    },
    'POST /api/campaign-tasks': {
      callers: ['operatorA', 'operatorB'],
      body: (f, caller) => ({
        campaignId: f.refs.campaign,
        regionId: caller === 'operatorA' ? f.ids.regionB : f.ids.regionA,
        categoryCode: 'G1',
        pointName: '越权登记的整治点',
        description: '越权',
        startOn: '2025-03-01',
        dueOn: '2025-04-01',
      }),
      leaked: async (f) =>
        (await f.db.select().from(campaignTasks).where(eq(campaignTasks.pointName, '越权登记的整治点')))
          .length > 0,
    },
    'POST /api/briefings': {
      callers: ['operatorA', 'operatorB'],
      body: (f, caller) => ({
        year: 2025,
        month: 3,
        regionId: caller === 'operatorA' ? f.ids.regionB : f.ids.regionA,
      }),
      // The fixture's two briefings have no author; one written by a caller would have.
      leaked: async (f) => (await f.db.select().from(briefings)).some((b) => b.createdBy !== null),
    },
    'POST /api/meetings': {
      callers: ['operatorA', 'operatorB'],
      body: (f, caller) => ({
        type: 'special',
        title: '越权召开的调度会',
        heldOn: '2025-04-01',
        chair: '某人',
        regionId: caller === 'operatorA' ? f.ids.regionB : f.ids.regionA,
      }),
      leaked: async (f) =>
        (await f.db.select().from(meetings).where(eq(meetings.title, '越权召开的调度会'))).length > 0,
    },
    'POST /api/problems': {
      callers: ['operatorA', 'operatorB', 'enterpriseA'],
      body: (f, caller) => ({
        projectId: caller === 'operatorB' ? f.refs.projectA : f.refs.projectB,
        source: 'inspection',
        category: 'other',
        title: '越权提出的问题',
        description: '不应写入',
      }),
      leaked: async (f) =>
        (await f.db.select().from(problems).where(eq(problems.title, '越权提出的问题'))).length > 0,
    },
    'POST /api/projects': {
      callers: ['operatorA', 'operatorB'],
      body: (f, caller) => ({
        name: '越权登记的项目',
        regionId: caller === 'operatorA' ? f.ids.regionB : f.ids.regionA,
        state: 'LEAD',
        investorName: '某集团',
        investorOrigin: 'domestic',
        industryChain: '新能源',
        source: 'other',
        responsibleOrgId: null,
      }),
      leaked: async (f) =>
        (await f.db.select().from(projects).where(eq(projects.name, '越权登记的项目'))).length > 0,
    },
    'PUT /api/targets': {
      callers: ['operatorA', 'operatorB'],
      body: (f, caller) => ({
        year: 2030,
        regionId: caller === 'operatorA' ? f.ids.regionB : f.ids.regionA,
        metric: 'new_starts',
        value: 99,
      }),
      leaked: async (f) => (await f.db.select().from(targets).where(eq(targets.year, 2030))).length > 0,
    },
    'POST /api/enterprises': {
      callers: ['operatorA', 'operatorB'],
      // 91320412MAPKL5K061 is checksum-valid and not yet registered; the region is the other 板块's.
      body: (f, caller) => ({
        uscc: '91320412MAPKL5K061',
        name: '越权登记的企业',
        regionId: caller === 'operatorA' ? f.ids.regionB : f.ids.regionA,
      }),
      leaked: async (f) =>
        (await f.db.select().from(enterprises).where(eq(enterprises.name, '越权登记的企业'))).length > 0,
    },
    'POST /api/parcels': {
      callers: ['nrpA'],
      body: (f) => ({
        parcelNo: 'SCOPE-X',
        name: '越权登记的地块',
        regionId: f.ids.regionB,
        areaM2: 1000,
        use: 'industrial',
        source: 'new',
        status: 'reserve',
      }),
      leaked: async (f) =>
        (await f.db.select().from(parcels).where(eq(parcels.parcelNo, 'SCOPE-X'))).length > 0,
    },
    'POST /api/land/programmes': {
      callers: ['nrpA'],
      body: (f) => ({
        kind: 'consolidation',
        name: '越权登记的方案',
        regionId: f.ids.regionB,
        parcelIds: [],
      }),
      leaked: async (f) =>
        (await f.db.select().from(landProgrammes).where(eq(landProgrammes.name, '越权登记的方案'))).length >
        0,
    },
    'PUT /api/land/rules': {
      callers: ['nrpA'],
      body: () => ({ idleWarnDays: 100, idleDays: 200 }),
      leaked: async (f) =>
        (await f.db.select().from(appSettings).where(eq(appSettings.key, 'land_rules'))).length > 0,
    },
    'POST /api/regional-assessments': {
      callers: ['nrpA'],
      body: (f) => ({
        regionId: f.ids.regionB,
        code: 'QUAKE',
        name: '越权登记的区域评估',
        status: 'not_started',
      }),
      leaked: async (f) =>
        (
          await f.db
            .select()
            .from(regionalAssessments)
            .where(eq(regionalAssessments.name, '越权登记的区域评估'))
        ).length > 0,
    },
    'POST /api/notification-channels': {
      callers: ['adminB'],
      body: async (f) => {
        const [org] = await f.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'WJ-NRP'));
        return { orgId: org?.id, kind: 'json', name: '越权新增的渠道', target: 'http://127.0.0.1:9/x' };
      },
      leaked: async (f) =>
        (
          await f.db
            .select()
            .from(notificationChannels)
            .where(eq(notificationChannels.name, '越权新增的渠道'))
        ).length > 0,
    },
    'POST /api/notifications/read-all': {
      callers: ['operatorA'],
      ignoresForeign: true,
      body: () => ({}),
      leaked: async (f) => {
        const [row] = await f.db
          .select()
          .from(notifications)
          .where(eq(notifications.title, `${NOTE_PREFIX}:operatorB`));
        return row?.readAt !== null;
      },
    },
    'POST /api/notifications/read': {
      callers: ['operatorA'],
      ignoresForeign: true,
      body: async (f) => ({ ids: [await notificationIdOf(f, 'operatorB')] }),
      leaked: async (f) => {
        const [row] = await f.db
          .select()
          .from(notifications)
          .where(eq(notifications.title, `${NOTE_PREFIX}:operatorB`));
        return row?.readAt !== null;
      },
    },
  },
  exempt: {
    'POST /api/projects/imports':
      "creates an import job owned by the caller; a row naming a project, 板块 or code outside the caller's scope is an error of the preview and is never written (projects.import.int.test.ts: never touches a project outside the importer's scope)",
    'GET /api/library-entries/export':
      'an Excel file of GET /api/library-entries, read through the same scoped query',
    'GET /api/annual-plans/:year/items/export':
      'an Excel file of the plan items, read through the same scoped query as GET /api/annual-plans/:year/items',
    'GET /api/enterprises/export':
      'an Excel file of GET /api/enterprises, read through the same scoped query',
    'GET /api/orgs/export': 'reference data every signed-in user may read (no data scope)',
    'GET /api/users/export':
      'account administration: the administrators manage every account of the installation',
    'GET /api/audit/export': "the whole log is the audit administrator's",
    'GET /api/projects/export':
      'an Excel file of the list with the same scoped conditions (project-sheet.int.test.ts: another 板块 never appears)',
    'GET /api/projects/import-template': 'an empty template with an example row; no data',
    'GET /api/parcels/export': 'an Excel file of GET /api/parcels, read through the same scoped query',
    'GET /api/parcels/import-template': 'an empty template with an example row; no data',
    'GET /api/land/rules': 'the district-wide idle-land thresholds (configuration, no business data)',
    'GET /api/approval-catalogue': 'the approval item catalogue (configuration, no business data)',
    'GET /api/tracking/light-rules': 'the district-wide light rule set (configuration, no business data)',
    'PUT /api/tracking/light-rules':
      'configuration by 区发改 (registry.admin); the rules carry no data scope (tracking.int.test.ts: lights)',
    'GET /api/stats/overview':
      "figures of one region, which must lie within the caller's scope (else 404); every count is computed under that region's path (stats.int.test.ts: a 板块 sees its own figures and no other region; an enterprise none)",
    'GET /api/campaign-categories': 'the task categories (configuration, no business data)',
    'POST /api/campaign-categories': 'configuration by the campaign lead (campaign.admin); no data scope',
    'PUT /api/campaign-categories/:code':
      'configuration by the campaign lead (campaign.admin); no data scope',
    'GET /api/campaign-settings/maintenance-rules':
      'the inspection pass mark (configuration, no business data)',
    'PUT /api/campaign-settings/maintenance-rules':
      'configuration by the campaign lead (campaign.admin); it carries no data scope',
    'GET /api/campaign-settings/light-rules':
      'the overdue thresholds of task lights (configuration, no business data)',
    'PUT /api/campaign-settings/light-rules':
      'configuration by the campaign lead (campaign.admin); it carries no data scope (campaigns.int.test.ts: a 板块 gets 403)',
    'POST /api/campaigns':
      "campaign.admin (区城管局, 区发改): the campaign's district must lie within the caller's scope (else 404)",
    'PUT /api/campaigns/:id':
      'campaign.admin only; the campaign is loaded through the same visibility check as GET /api/campaigns/:id (in the matrix)',
    'POST /api/campaigns/:id/batches':
      'campaign.admin only; the campaign is loaded through the same visibility check as GET /api/campaigns/:id (in the matrix)',
    'PUT /api/campaign-batches/:id':
      "campaign.admin only; the batch's campaign is loaded through the visibility check of GET /api/campaigns/:id (in the matrix)",
    'GET /api/campaign-progress':
      "counts only the tasks in the caller's scope over the campaign loaded as GET /api/campaigns/:id (campaigns.int.test.ts: a 板块 sees its own figures only)",
    'GET /api/stats/sibling-rank':
      "the caller's own region (else 404) and its own count and place among its siblings; no sibling's figures leave the server (stats.int.test.ts: 列全市第一)",
    'GET /api/stats/briefing':
      'written from GET /api/stats/overview of the same region, and its red list and problems read under that region (stats.int.test.ts)',
    'GET /api/stats/reports/progress':
      "starts from GET /api/stats/overview of the same region (its scope check: else 404), and reads its rows under that region's path (stats.reports.int.test.ts: a 板块 gets only its own projects)",
    'GET /api/stats/reports/subareas':
      'the child regions of GET /api/stats/overview of the same region, as the overview computes them (stats.reports.int.test.ts)',
    'GET /api/stats/reports/problems':
      "starts from GET /api/stats/overview of the same region, and reads its problems under that region's path (stats.reports.int.test.ts: a 板块 gets only its own problems)",
    'GET /api/notification-channels/settings':
      'installation-wide settings (is a mail server configured, the retry policy); no data of any organisation',
    'GET /api/tickets/kpi':
      'counts per 帮办员 or 板块 over the same scoped ticket query as GET /api/tickets (tickets.int.test.ts: another 板块 sees none)',
    'GET /api/problems/kpi':
      'counts per unit or 板块 over the same scoped problem query as GET /api/problems (problems.int.test.ts: another 板块 gets no rows)',
    'GET /api/problems/units': 'the units a problem may be assigned to (reference data, no business data)',
    'GET /api/tracking/months':
      'the closed months of the district and who closed them (a calendar, no business data)',
    'POST /api/tracking/months/:month/close':
      'only 区发改 (registry.admin, scope the whole district) closes a month, for every project at once (tracking.int.test.ts: a 板块 gets 403)',
    'GET /api/monthly-reports/missing':
      'counts per 板块 over the same scoped project query as GET /api/projects (tracking.int.test.ts: the missing reports follow the scope)',
    'GET /api/approvals/rules': 'the district-wide approval rules (configuration, no business data)',
    'PUT /api/approvals/rules':
      'configuration by 区发改 (registry.admin); the rules carry no data scope (approvals.int.test.ts: the rules)',
    'GET /api/plan-templates': 'the 倒排 templates (configuration, no business data)',
    'PUT /api/plan-templates/:id': 'configuration by 区发改 (registry.admin); templates carry no data scope',
    'PUT /api/approval-catalogue/:id':
      'configuration by 区发改 (registry.admin); the catalogue carries no data scope, and changes apply to items generated afterwards',
    'POST /api/monthly-reports/imports':
      "creates an import job owned by the caller; a row naming a project outside the caller's scope is an error of the preview and is never written, and the commit checks the scope again (reports.import.int.test.ts)",
    'GET /api/monthly-reports/export':
      "the month's projects through the same scoped project query as GET /api/monthly-reports/missing (reports.import.int.test.ts: another 板块's export holds only its own project)",
    'POST /api/campaign-tasks/imports':
      "creates an import job owned by the caller for a campaign loaded through the visibility check of GET /api/campaigns/:id (else 404); a row naming a 板块 outside the caller's scope is an error of the preview and is never written, an existing task is matched only in the caller's scope, and the commit checks the scope again (tasks.import.int.test.ts)",
    'GET /api/campaign-tasks/import-template': 'an empty template with an example row; no data',
    'GET /api/campaign-tasks/export':
      "the campaign's tasks through the same scoped conditions as GET /api/campaign-tasks (tasks.import.int.test.ts: a 板块's export holds only its own tasks)",
    'POST /api/parcels/imports':
      "creates an import job owned by the caller; a row naming a 板块 or a parcel outside the caller's scope is an error of the preview and is never written (land.int.test.ts: Excel import)",
    'POST /api/parcels/import-geojson':
      "multipart upload; a feature naming a 板块 or a parcel outside the caller's scope is a problem of the preview and nothing is written (land.int.test.ts: GeoJSON import … outside the caller's scope)",
    'GET /api/land/map':
      'GeoJSON of the same scoped query as GET /api/parcels, and project points through the project scope (land.int.test.ts: the map draws the same scope)',
    'GET /api/projects/people':
      'names of the users who may be named 责任领导/项目专员 (a directory, no business data)',
    'POST /api/projects/:id/libraries/:childId/decision':
      'only 区发改 (registry.admin, scope the whole district) decides; the project is loaded in scope first',
    'GET /api/annual-plans/:year':
      "versions of the caller's own district plan (counts and totals only); no id of another scope",
    'POST /api/annual-plans/:year/approve':
      "区发改 approves their own district's plan; no id of another scope",
    'GET /api/annual-plans/:year/items':
      'items are filtered by project scope (projects.int.test.ts checks another 板块 sees none)',
    'GET /api/saved-views': "the caller's own views (filtered by user id)",
    'POST /api/saved-views': 'creates a view for the caller only',
    'GET /api/me': "the caller's own account",
    'POST /api/auth/logout': "the caller's own session",
    'POST /api/me/password': "the caller's own password",
    'GET /api/about': 'version and runtime facts; no business data',
    'GET /api/navigation': "the caller's own menu, from the permission table",
    'GET /api/workbench': 'to-dos come from module providers, each of which applies its own scope',
    'GET /api/notifications/unread-count':
      "a count of the caller's own messages (repository filters by recipient)",
    'GET /api/regions': 'reference data every signed-in user may read (no data scope)',
    'GET /api/calendar/years':
      'the working-day calendar: reference data every signed-in user may read (no data scope)',
    'GET /api/calendar/years/:year': 'the working-day calendar: reference data every signed-in user may read',
    'PUT /api/calendar/years/:year':
      'configuration by the system administrator; the calendar carries no data scope',
    'GET /api/calendar/due': 'a date computed on the calendar; reads no business data',
    'GET /api/orgs': 'reference data every signed-in user may read (no data scope)',
    'PUT /api/orgs/:id': 'configuration by the system administrator; organisations carry no data scope',
    'GET /api/enterprises/check-uscc': 'pure check of a code; reads no data',
    'GET /api/users': 'account administration: the administrators manage every account of the installation',
    'POST /api/users': 'account administration (system administrator)',
    'POST /api/users/:id/disable': 'account administration (system administrator)',
    'POST /api/users/:id/enable': 'account administration (system administrator)',
    'POST /api/users/:id/reset-password': 'account administration (system administrator)',
    'POST /api/users/:id/end-sessions': 'account administration (system administrator): any account',
    'POST /api/users/:id/reset-mfa': 'account administration (system administrator): any account',
    'POST /api/users/:id/phone':
      'account administration (system administrator): any account; with personal.reveal and a reason, audited',
    'POST /api/auth/totp': "the caller's own waiting session (second step of the login)",
    'GET /api/me/mfa': "the caller's own account",
    'POST /api/me/mfa/setup': "the caller's own account",
    'POST /api/me/mfa/enable': "the caller's own account",
    'POST /api/me/mfa/disable': "the caller's own account",
    'POST /api/security/end-all-sessions':
      "installation-wide emergency stop (security administrator): every session but the caller's",
    'PUT /api/users/:id/access': 'role and scope assignment (security administrator)',
    'GET /api/users/enterprise-options':
      'names of enterprises for the security administrator assigning an enterprise user',
    'GET /api/audit': "the whole log is the audit administrator's",
    'GET /api/security/policy': 'installation-wide settings (security administrator)',
    'PUT /api/security/policy': 'installation-wide settings (security administrator)',
  },
};

/**
 * A project in each 板块 (A: 高新区, owned by enterprise A; B: 湖塘镇, enterprise B) with an attachment, a
 * library entry and a target, and a saved view per operator, so that every project route has a foreign
 * object to aim at.
 */
export async function seedScopeProjects(f: ScopeFixture, now: Date): Promise<void> {
  const sides = [
    { key: 'A', regionId: f.ids.regionA, enterpriseId: f.ids.enterpriseA, operator: 'operatorA' },
    { key: 'B', regionId: f.ids.regionB, enterpriseId: f.ids.enterpriseB, operator: 'operatorB' },
  ];
  for (const side of sides) {
    const [project] = await f.db
      .insert(projects)
      .values(
        await protectProjectValues(createFieldProtector(TEST_FIELD_KEY), {
          internalNo: `SCOPE-2025-000${side.key === 'A' ? 1 : 2}`,
          name: `范围测试项目${side.key}`,
          state: 'SIGNED',
          regionId: side.regionId,
          enterpriseId: side.enterpriseId,
          contactPhone: '13912345678',
          createdAt: now,
          updatedAt: now,
        }),
      )
      .returning({ id: projects.id });
    if (!project) throw new Error('scope project not inserted');
    f.refs[`project${side.key}`] = project.id;
    const [file] = await f.db
      .insert(attachments)
      .values({
        projectId: project.id,
        kind: 'other',
        fileName: '范围测试.pdf',
        contentType: 'application/pdf',
        sizeBytes: 1,
        sha256: '0'.repeat(64),
        storageKey: `scope/${side.key}`,
        uploadedByName: 'test',
        uploadedAt: now,
      })
      .returning({ id: attachments.id });
    f.refs[`attachment${side.key}`] = file?.id ?? '';
    const [entry] = await f.db
      .insert(projectLibraries)
      .values({
        projectId: project.id,
        level: 'district',
        year: 2025,
        category: 'implementation',
        status: 'applied',
        appliedOn: '2025-03-01',
      })
      .returning({ id: projectLibraries.id });
    f.refs[`library${side.key}`] = entry?.id ?? '';
    await f.db
      .insert(targets)
      .values({ year: 2025, regionId: side.regionId, metric: 'new_starts', value: 5 });
    const userId = f.userIds.get(side.operator);
    if (userId) {
      const [view] = await f.db
        .insert(savedViews)
        .values({
          userId,
          module: 'projects',
          name: `视图${side.key}`,
          query: 'state=STARTED',
          createdAt: now,
        })
        .returning({ id: savedViews.id });
      f.refs[`view${side.key}`] = view?.id ?? '';
    }
  }
}

/** An import preview of each operator's, ready to commit, so that every import route has a foreign job. */
export async function seedScopeImports(f: ScopeFixture, now: Date): Promise<void> {
  for (const [key, caller, regionId] of [
    ['A', 'operatorA', f.ids.regionA],
    ['B', 'operatorB', f.ids.regionB],
  ] as const) {
    const userId = f.userIds.get(caller);
    if (!userId) continue;
    const [job] = await f.db
      .insert(importJobs)
      .values({
        kind: 'projects',
        userId,
        fileName: `范围测试${key}.xlsx`,
        sha256: key.repeat(64),
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
    if (!job) throw new Error('scope import not inserted');
    f.refs[`import${key}`] = job.id;
    // And a month of reports waiting for its commit: a March report of the side's project.
    const [reportJob] = await f.db
      .insert(importJobs)
      .values({
        kind: 'monthly-reports',
        userId,
        fileName: `范围测试月报${key}.xlsx`,
        sha256: `${key}r`.repeat(32),
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
    if (!reportJob) throw new Error('scope report import not inserted');
    f.refs[`reportImport${key}`] = reportJob.id;
    await f.db.insert(importJobRows).values({
      jobId: reportJob.id,
      seq: 0,
      sheet: '月报',
      rowNumber: 2,
      action: 'create',
      label: '范围测试月报',
      patch: {
        projectId: f.refs[`project${key}`],
        regionId,
        month: '2025-02',
        kind: 'preparatory',
        values: { progressText: '范围测试导入的月报' },
      },
    });
    await f.db.insert(importJobRows).values({
      jobId: job.id,
      seq: 0,
      sheet: '项目',
      rowNumber: 2,
      action: 'create',
      label: '范围测试导入项目',
      patch: {
        values: {
          name: '范围测试导入项目',
          regionId,
          investorName: '某集团',
          investorOrigin: 'domestic',
          industryChain: '新能源',
          source: 'other',
        },
        yearPlan: null,
      },
    });
  }
}

/** Notifications for two users, so that the inbox list check has something on each side. */
export async function seedScopeNotifications(f: ScopeFixture, now: Date): Promise<void> {
  const repo = createNotificationsRepository(f.db);
  for (const caller of ['operatorA', 'operatorB'] as const) {
    const id = f.userIds.get(caller);
    if (id)
      await repo.insertMany([{ recipientId: id, module: 'test', title: `${NOTE_PREFIX}:${caller}` }], now);
  }
  // A push channel of 湖塘镇's own government (adminB's) and one of the district's 自然资源 office (not
  // adminB's), each with a delivery that failed for good.
  const protector = createFieldProtector(TEST_FIELD_KEY);
  for (const [key, orgCode] of [
    ['Own', '320412100-GOV'],
    ['Foreign', 'WJ-NRP'],
  ] as const) {
    const [org] = await f.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, orgCode));
    const [channel] = await f.db
      .insert(notificationChannels)
      .values({
        orgId: org?.id ?? '',
        name: `范围测试渠道${key}`,
        kind: 'json',
        target: await protector.encrypt('http://127.0.0.1:9/hook', 'notification_channels.target'),
        targetHint: 'http://127.0.0.1:9/hook',
        mode: 'instant',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: notificationChannels.id });
    f.refs[`channel${key}`] = channel?.id ?? '';
    const [delivery] = await f.db
      .insert(notificationDeliveries)
      .values({
        channelId: channel?.id ?? '',
        kind: 'message',
        status: 'failed',
        module: 'tracking',
        title: `范围测试推送${key}`,
        createdAt: now,
        attempts: 8,
        lastError: 'ECONNREFUSED',
      })
      .returning({ id: notificationDeliveries.id });
    f.refs[`delivery${key}`] = delivery?.id ?? '';
  }
}

/**
 * The land ledger on each side: a supplied parcel with a list item and its supply to the side's project, an
 * idle-land case on it, and a regional assessment of the side's 板块.
 */
export async function seedScopeLand(f: ScopeFixture, now: Date): Promise<void> {
  for (const [key, regionId] of [
    ['A', f.ids.regionA],
    ['B', f.ids.regionB],
  ] as const) {
    const projectId = f.refs[`project${key}`];
    const [parcel] = await f.db
      .insert(parcels)
      .values({
        parcelNo: `SCOPE-${key}`,
        name: `范围测试地块${key}`,
        regionId,
        areaM2: 20_000,
        use: 'industrial',
        source: 'new',
        status: 'supplied',
        projectId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: parcels.id });
    if (!parcel) throw new Error('scope parcel not inserted');
    f.refs[`parcel${key}`] = parcel.id;
    await f.db.insert(parcelListItems).values({ parcelId: parcel.id, code: 'ENV', status: 'in_progress' });
    if (projectId) {
      await f.db.insert(landSupplies).values({
        parcelId: parcel.id,
        projectId,
        method: 'listing',
        contractNo: `SCOPE-CR-${key}`,
        contractOn: '2024-01-10',
        agreedStartOn: '2024-03-01',
        createdAt: now,
        updatedAt: now,
      });
    }
    const [idle] = await f.db
      .insert(idleCases)
      .values({
        parcelId: parcel.id,
        stage: 'investigation',
        noticeOn: '2025-03-01',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: idleCases.id });
    f.refs[`idleCase${key}`] = idle?.id ?? '';
    const owner = f.userIds.get(key === 'A' ? 'nrpA' : 'deptNrp');
    if (owner) {
      const [job] = await f.db
        .insert(importJobs)
        .values({
          kind: 'parcels',
          userId: owner,
          fileName: `地块${key}.xlsx`,
          sha256: `p${key}`.repeat(32),
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
      f.refs[`parcelImport${key}`] = job?.id ?? '';
      await f.db.insert(importJobRows).values({
        jobId: job?.id ?? '',
        seq: 0,
        sheet: '地块',
        rowNumber: 2,
        action: 'create',
        label: '范围测试导入地块',
        patch: {
          values: {
            parcelNo: 'SCOPE-IMPORT',
            name: '范围测试导入地块',
            regionId,
            areaM2: 1000,
            use: 'industrial',
            source: 'new',
            status: 'planned',
          },
        },
      });
    }
    const [programme] = await f.db
      .insert(landProgrammes)
      .values({
        kind: 'consolidation',
        name: `范围测试方案${key}`,
        regionId,
        parcelIds: [parcel.id],
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: landProgrammes.id });
    f.refs[`programme${key}`] = programme?.id ?? '';
    const [assessment] = await f.db
      .insert(regionalAssessments)
      .values({
        regionId,
        code: 'GEOHAZ',
        name: `范围测试区域评估${key}`,
        status: 'approved',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: regionalAssessments.id });
    f.refs[`assessment${key}`] = assessment?.id ?? '';
  }
}

/** On each side an accepted design review (自然资源和规划's item) and a small plan, for their routes. */
export async function seedScopeApprovals(f: ScopeFixture, now: Date): Promise<void> {
  for (const key of ['A', 'B'] as const) {
    const [item] = await f.db
      .insert(projectApprovalItems)
      .values({
        projectId: f.refs[`project${key}`] ?? '',
        regionId: f.ids[`region${key}`],
        code: 'DESIGN_REVIEW',
        stage: 2,
        name: '设计方案审查',
        deptKind: 'natural_resources',
        promisedDays: 10,
        unit: 'working',
        status: 'accepted',
        acceptedOn: '2025-03-20',
        dueOn: '2025-04-03',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: projectApprovalItems.id });
    f.refs[`approval${key}`] = item?.id ?? '';
    // In the 拿地即开工 mode, so that its list has a project on each side.
    await f.db
      .update(projects)
      .set({ landReadyStart: true, landUse: 'new_land' })
      .where(eq(projects.id, f.refs[`project${key}`] ?? ''));
    await f.db.insert(projectPlans).values({
      projectId: f.refs[`project${key}`] ?? '',
      templateCode: 'C',
      anchor: 'production',
      targetOn: '2025-12-31',
      nodes: [
        {
          key: 'signing',
          name: '签约',
          duration: 0,
          unit: 'calendar',
          responsible: '板块',
          actualStart: null,
          actualFinish: null,
        },
        {
          key: 'production',
          name: '投产',
          duration: 0,
          unit: 'calendar',
          responsible: '企业',
          actualStart: null,
          actualFinish: null,
        },
      ],
      links: [{ from: 'signing', to: 'production', lag: 0 }],
      createdAt: now,
      updatedAt: now,
    });
  }
}

/** On each side a draft monthly report of March 2025, for the report routes. */
/** A campaign of the district with a task and a photo per side, and one of another district (新北区). */
export async function seedScopeCampaigns(f: ScopeFixture, now: Date): Promise<void> {
  const district = (
    await f.db.execute<{ id: string }>(sql`SELECT id::text FROM regions WHERE code = '320412'`)
  ).rows[0]?.id;
  const xinbei = (await f.db.execute<{ id: string }>(sql`SELECT id::text FROM regions WHERE code = '320411'`))
    .rows[0]?.id;
  await f.db.execute(sql`INSERT INTO campaign_categories (code, "group", name, indicators, checklist,
    rectify_working_days, inspect_every_days, sort_order) VALUES ('G1', 'tackle', '违章搭建整治', '[]', '[]', 15, 30, 0)
    ON CONFLICT DO NOTHING`);
  const [c, foreign] = await f.db
    .insert(campaigns)
    .values([
      {
        name: '范围测试行动',
        regionId: district ?? '',
        startOn: '2025-03-01',
        endOn: '2025-12-31',
        createdAt: now,
        updatedAt: now,
      },
      {
        name: '新北区的行动',
        regionId: xinbei ?? '',
        startOn: '2025-03-01',
        endOn: '2025-12-31',
        createdAt: now,
        updatedAt: now,
      },
    ])
    .returning({ id: campaigns.id });
  f.refs.campaign = c?.id ?? '';
  f.refs.campaignForeign = foreign?.id ?? '';
  for (const key of ['A', 'B'] as const) {
    const [task] = await f.db
      .insert(campaignTasks)
      .values({
        taskNo: `ZZ-2025-900${key === 'A' ? 1 : 2}`,
        campaignId: c?.id ?? '',
        categoryCode: 'G1',
        regionId: f.ids[`region${key}`],
        pointName: `范围测试点位${key}`,
        description: '违章搭建',
        startOn: '2025-03-01',
        dueOn: '2025-04-01',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: campaignTasks.id });
    f.refs[`task${key}`] = task?.id ?? '';
    const [photo] = await f.db
      .insert(campaignPhotos)
      .values({
        taskId: task?.id ?? '',
        kind: 'before',
        fileName: '整改前.png',
        contentType: 'image/png',
        sizeBytes: 1,
        sha256: '0'.repeat(64),
        storageKey: `campaign/scope/${key}`,
        uploadedByName: '范围测试',
        uploadedAt: now,
      })
      .returning({ id: campaignPhotos.id });
    f.refs[`photo${key}`] = photo?.id ?? '';
    const [point] = await f.db
      .insert(maintenancePoints)
      .values({
        taskId: task?.id ?? '',
        regionId: f.ids[`region${key}`],
        keeper: `范围测试社区${key}`,
        checklist: ['无新增违章搭建'],
        everyDays: 30,
        enteredOn: '2025-04-01',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: maintenancePoints.id });
    f.refs[`point${key}`] = point?.id ?? '';
    // And an import of a task into the operator's own 板块, previewed and ready to commit.
    const userId = f.userIds.get(key === 'A' ? 'operatorA' : 'operatorB');
    if (!userId) continue;
    const [job] = await f.db
      .insert(importJobs)
      .values({
        kind: 'campaign-tasks',
        userId,
        fileName: `范围测试整治任务${key}.xlsx`,
        sha256: `${key}t`.repeat(32),
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
    f.refs[`taskImport${key}`] = job?.id ?? '';
    await f.db.insert(importJobRows).values({
      jobId: job?.id ?? '',
      seq: 0,
      sheet: '整治任务',
      rowNumber: 2,
      action: 'create',
      label: '范围测试导入的整治点（新任务）',
      patch: {
        campaignId: c?.id ?? '',
        regionId: f.ids[`region${key}`],
        values: {
          categoryCode: 'G1',
          pointName: '范围测试导入的整治点',
          description: '违章搭建',
          startOn: '2025-03-01',
          dueOn: '2025-04-01',
          quantities: {},
        },
      },
    });
  }
}

export async function seedScopeReports(f: ScopeFixture, now: Date): Promise<void> {
  for (const key of ['A', 'B'] as const) {
    await f.db.insert(monthlyReports).values({
      projectId: f.refs[`project${key}`] ?? '',
      regionId: f.ids[`region${key}`],
      month: '2025-03',
      kind: 'preparatory',
      status: 'draft',
      progressText: '完成方案设计',
      createdAt: now,
      updatedAt: now,
    });
    // And a stored red light, for the red list (live and as frozen at March's close).
    const light = {
      projectId: f.refs[`project${key}`] ?? '',
      regionId: f.ids[`region${key}`],
      light: 'red' as const,
      since: '2025-03-01',
      asOf: '2025-03-28',
      period: '2025-03',
      ruleSet: 'yinchuan',
      findings: [],
      computedAt: now,
    };
    await f.db.insert(projectLights).values(light);
    await f.db.insert(projectLightMonths).values({ ...light, month: '2025-03' });
    // And a problem under 督办 (its letter may be drawn), resolved with evidence so that a step could close it.
    const [problem] = await f.db
      .insert(problems)
      .values({
        problemNo: `WT-2025-900${key === 'A' ? 1 : 2}`,
        projectId: f.refs[`project${key}`] ?? '',
        regionId: f.ids[`region${key}`],
        source: 'inspection',
        category: 'land',
        title: `范围测试问题${key}`,
        description: '用地指标未落实',
        raisedOn: '2025-03-01',
        status: 'resolved',
        assignedOn: '2025-03-03',
        dueOn: '2025-03-12',
        supervisedOn: '2025-03-13',
        levelSince: '2025-03-03',
        evidenceIds: ['0190b3c4-0000-7000-8000-000000000000'],
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: problems.id });
    f.refs[`problem${key}`] = problem?.id ?? '';
    // And a dispatch meeting of the side's 板块 with the project on its agenda.
    const [meeting] = await f.db
      .insert(meetings)
      .values({
        type: 'weekly',
        title: `范围测试调度会${key}`,
        heldOn: '2025-03-20',
        chair: '主持人',
        regionId: f.ids[`region${key}`],
        agenda: [
          {
            projectId: f.refs[`project${key}`] ?? '',
            reason: '红灯',
            light: 'red',
            problemIds: [],
            manual: false,
          },
        ],
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: meetings.id });
    f.refs[`meeting${key}`] = meeting?.id ?? '';
    // And a draft briefing of the side's 板块.
    const [briefing] = await f.db
      .insert(briefings)
      .values({
        regionId: f.ids[`region${key}`],
        year: 2025,
        month: 3,
        title: `范围测试简报${key}`,
        paragraphs: ['范围测试'],
        redList: [],
        problems: [],
        snapshot: {
          year: 2025,
          month: 3,
          region: { id: f.ids[`region${key}`], name: `板块${key}`, level: 'subarea' },
          schedule: 0.25,
          tiers: [],
          investment: { value: 0, of: null, rate: null },
          plannedProjects: 0,
          targets: [],
          gapPoints: null,
          investmentByMonth: [],
          lights: { red: 0, yellow: 0, green: 0 },
          lightsMonth: null,
          problems: { value: 0, of: 0, rate: null },
          satisfaction: { value: 0, of: 0, rate: null },
          funnel: [],
          children: [],
          weights: {},
          computedAt: now.toISOString(),
        },
        snapshotShape: 2,
        redTotal: 0,
        computedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: briefings.id });
    f.refs[`briefing${key}`] = briefing?.id ?? '';
    // And a service ticket waiting for acceptance.
    const [ticket] = await f.db
      .insert(serviceTickets)
      .values({
        ticketNo: `BB-2025-900${key === 'A' ? 1 : 2}`,
        projectId: f.refs[`project${key}`] ?? '',
        regionId: f.ids[`region${key}`],
        kind: 'help',
        items: ['水电气报装'],
        description: `范围测试工单${key}`,
        requestedOn: '2025-03-01',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: serviceTickets.id });
    f.refs[`ticket${key}`] = ticket?.id ?? '';
  }
}

/** Every module's entries: the core tables above and the modules that keep theirs in their own file. */
const MODULE_SCOPES = [CORE_SCOPE, ATTRACTION_SCOPE, EVALUATION_SCOPE, OPENDATA_SCOPE];
export const SCOPE_REGISTRY: ScopeRegistry = {
  idRoutes: Object.assign({}, ...MODULE_SCOPES.map((m) => m.idRoutes)),
  lists: Object.assign({}, ...MODULE_SCOPES.map((m) => m.lists)),
  writes: Object.assign({}, ...MODULE_SCOPES.map((m) => m.writes)),
  exempt: Object.assign({}, ...MODULE_SCOPES.map((m) => m.exempt)),
};
