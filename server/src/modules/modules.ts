import { expireImportsJob } from '../lib/imports/import-jobs';
import { approvalsRoutes } from './approvals/approvals.routes';
import { attractionTodos, nextStepRemindersJob } from './attraction/attraction.jobs';
import { attractionRoutes } from './attraction/attraction.routes';
import { createAuditRepository } from './audit/audit.repository';
import { auditRoutes } from './audit/audit.routes';
import { auditRetentionJob, sealAuditJob, verifyAuditJob } from './audit/audit.seal';
import { authRoutes } from './auth/auth.routes';
import { createAuthService } from './auth/auth.service';
import { createMfaService } from './auth/mfa.service';
import { securityPolicyRoutes } from './auth/security-policy.routes';
import { createSessionsRepository } from './auth/sessions.repository';
import { calendarRoutes } from './calendar/calendar.routes';
import { campaignRoutes } from './campaigns/campaigns.routes';
import { evaluationTodos, generateEvaluationsJob } from './evaluation/evaluation.jobs';
import { evaluationRoutes } from './evaluation/evaluation.routes';
import { muRoutes } from './evaluation/mu.routes';
import { idleLandJob } from './land/land.idle';
import { landRoutes } from './land/land.routes';
import {
  deliverNotificationsJob,
  digestNotificationsJob,
  pruneReadNotificationsJob,
} from './notifications/notifications.jobs';
import { notificationRoutes } from './notifications/notifications.routes';
import { openDataRoutes } from './opendata/opendata.routes';
import { cleanOrphanFilesJob } from './projects/attachments.service';
import { projectRoutes } from './projects/projects.routes';
import { projectTodos } from './projects/projects.todos';
import { referenceRoutes } from './reference/reference.routes';
import type { ModuleContext, ModuleDefinition } from './registry';
import { statsReportRoutes } from './statistics/stats.reports.routes';
import { statsRoutes } from './statistics/stats.routes';
import { nightlyLightsJob, refreshLightsJob, superviseProblemsJob } from './tracking/lights.jobs';
import { reportRemindersJob } from './tracking/reports.jobs';
import { trackingRoutes } from './tracking/tracking.routes';
import { disableInactiveAccountsJob } from './users/users.jobs';
import { createUsersRepository } from './users/users.repository';
import { usersRoutes } from './users/users.routes';
import { createUsersService } from './users/users.service';

function accountDeps({ database, clock, policy, protector }: ModuleContext) {
  const users = createUsersRepository(database.db, protector);
  const sessions = createSessionsRepository(database.db);
  const audit = createAuditRepository(database.db);
  return { database, clock, policy, users, sessions, audit };
}

/** Every feature module of the app. A new module adds its definition here and nowhere else. */
export const MODULES: ModuleDefinition[] = [
  {
    name: 'workbench',
    menu: [{ key: 'workbench', group: 'workbench', label: '工作台', path: '/', order: 0 }],
  },
  {
    name: 'auth',
    routes: (app, ctx) =>
      authRoutes(app, {
        auth: createAuthService(accountDeps(ctx)),
        mfa: createMfaService({ ...accountDeps(ctx), mode: ctx.config.mode }),
        policy: ctx.policy,
        mode: ctx.config.mode,
        secureCookies: ctx.config.secureCookies,
        loginRateLimitPerMinute: ctx.config.loginRateLimitPerMinute,
      }),
  },
  {
    name: 'security-policy',
    routes: securityPolicyRoutes,
    menu: [
      {
        key: 'system.security',
        group: 'system',
        label: '安全策略',
        path: '/system/security',
        order: 4,
        action: 'security.admin',
      },
    ],
  },
  {
    name: 'users',
    routes: (app, ctx) => {
      const deps = accountDeps(ctx);
      usersRoutes(app, {
        users: deps.users,
        service: createUsersService(deps),
        mfa: createMfaService({ ...deps, mode: ctx.config.mode }),
      });
    },
    jobs: [disableInactiveAccountsJob],
    menu: [
      {
        key: 'system.users',
        group: 'system',
        label: '用户管理',
        path: '/system/users',
        order: 1,
        action: 'user.admin',
      },
      {
        key: 'system.access',
        group: 'system',
        label: '角色与数据范围',
        path: '/system/access',
        order: 2,
        action: 'access.admin',
      },
    ],
  },
  {
    name: 'audit',
    routes: (app, { database }) => auditRoutes(app, { audit: createAuditRepository(database.db) }),
    jobs: [sealAuditJob, verifyAuditJob, auditRetentionJob],
    menu: [
      {
        key: 'system.audit',
        group: 'system',
        label: '审计日志',
        path: '/system/audit',
        order: 3,
        action: 'audit.read',
      },
    ],
  },
  {
    name: 'reference',
    routes: referenceRoutes,
    menu: [
      {
        key: 'system.regions',
        group: 'system',
        label: '行政区划',
        path: '/system/regions',
        order: 10,
        action: 'reference.read',
      },
      {
        key: 'system.orgs',
        group: 'system',
        label: '组织机构',
        path: '/system/orgs',
        order: 20,
        action: 'reference.read',
      },
      {
        key: 'system.enterprises',
        group: 'system',
        label: '企业库',
        path: '/system/enterprises',
        order: 30,
        action: 'enterprise.read',
      },
      { key: 'system.about', group: 'system', label: '关于', path: '/about', order: 90 },
    ],
  },
  {
    name: 'projects',
    routes: projectRoutes,
    todos: projectTodos,
    jobs: [cleanOrphanFilesJob, expireImportsJob],
    menu: [
      {
        key: 'projects',
        group: 'projects',
        label: '项目库',
        path: '/projects',
        order: 10,
        action: 'project.read',
      },
      {
        key: 'projects.libraries',
        group: 'projects',
        label: '入库申报与审核',
        path: '/projects/libraries',
        order: 20,
        action: 'project.read',
      },
      {
        key: 'projects.plans',
        group: 'projects',
        label: '年度计划与目标',
        path: '/projects/plans',
        order: 30,
        action: 'project.read',
      },
    ],
  },
  {
    name: 'land',
    routes: landRoutes,
    jobs: [idleLandJob],
    menu: [
      {
        key: 'land.parcels',
        group: 'land',
        label: '地块台账',
        path: '/land/parcels',
        order: 10,
        action: 'land.read',
      },
      {
        key: 'land.map',
        group: 'land',
        label: '土地地图',
        path: '/land/map',
        order: 20,
        action: 'land.read',
      },
      {
        key: 'land.idle',
        group: 'land',
        label: '闲置土地处置',
        path: '/land/idle',
        order: 30,
        action: 'land.read',
      },
      {
        key: 'land.assessments',
        group: 'land',
        label: '区域评估',
        path: '/land/assessments',
        order: 40,
        action: 'land.read',
      },
      {
        key: 'land.balance',
        group: 'land',
        label: '供需与消化',
        path: '/land/balance',
        order: 50,
        action: 'land.read',
      },
    ],
  },
  {
    name: 'approvals',
    routes: approvalsRoutes,
    menu: [
      {
        key: 'approvals.queue',
        group: 'approvals',
        label: '审批待办',
        path: '/approvals/queue',
        order: 10,
        action: 'approval.write',
      },
      {
        key: 'approvals.land-ready',
        group: 'approvals',
        label: '拿地即开工',
        path: '/approvals/land-ready',
        order: 20,
        action: 'project.read',
      },
      {
        key: 'approvals.catalogue',
        group: 'approvals',
        label: '审批事项目录',
        path: '/approvals/catalogue',
        order: 30,
        action: 'registry.admin',
      },
      {
        key: 'approvals.plan-templates',
        group: 'approvals',
        label: '倒排计划模板',
        path: '/approvals/plan-templates',
        order: 40,
        action: 'registry.admin',
      },
    ],
  },
  {
    name: 'calendar',
    routes: calendarRoutes,
    menu: [
      {
        key: 'system.calendar',
        group: 'system',
        label: '工作日历',
        path: '/system/calendar',
        order: 6,
        action: 'reference.admin',
      },
    ],
  },
  {
    name: 'tracking',
    routes: trackingRoutes,
    menu: [
      {
        key: 'scheduling.reports',
        group: 'scheduling',
        label: '月报',
        path: '/scheduling/reports',
        order: 10,
        action: 'project.read',
      },
      {
        key: 'scheduling.lights',
        group: 'scheduling',
        label: '红黄灯',
        path: '/scheduling/lights',
        order: 11,
        action: 'project.read',
      },
      {
        key: 'problems.list',
        group: 'problems',
        label: '问题清单',
        path: '/problems',
        order: 10,
        action: 'project.read',
      },
      {
        key: 'approvals.tickets',
        group: 'approvals',
        label: '帮办代办',
        path: '/tickets',
        order: 30,
        action: 'project.read',
      },
      {
        key: 'problems.meetings',
        group: 'problems',
        label: '调度会',
        path: '/meetings',
        order: 11,
        action: 'project.read',
      },
    ],
    jobs: [superviseProblemsJob, nightlyLightsJob, refreshLightsJob, reportRemindersJob],
  },
  {
    name: 'statistics',
    routes: (app, ctx) => {
      statsRoutes(app, ctx);
      statsReportRoutes(app, ctx);
    },
    menu: [
      {
        key: 'statistics.cockpit',
        group: 'statistics',
        label: '领导驾驶舱',
        path: '/statistics/cockpit',
        order: 1,
        action: 'stats.read',
      },
      {
        key: 'statistics.rankings',
        group: 'statistics',
        label: '排名',
        path: '/statistics/rankings',
        order: 2,
        action: 'stats.read',
      },
      {
        key: 'statistics.plan',
        group: 'statistics',
        label: '计划与目标',
        path: '/statistics/plan',
        order: 3,
        action: 'stats.read',
      },
      {
        key: 'statistics.briefings',
        group: 'statistics',
        label: '简报',
        path: '/statistics/briefings',
        order: 4,
        action: 'stats.read',
      },
    ],
  },
  {
    name: 'campaigns',
    routes: campaignRoutes,
    menu: [
      {
        key: 'campaigns.list',
        group: 'campaigns',
        label: '行动与批次',
        path: '/campaigns',
        order: 1,
        action: 'campaign.read',
      },
      {
        key: 'campaigns.tasks',
        group: 'campaigns',
        label: '整治任务',
        path: '/campaigns/tasks',
        order: 2,
        action: 'campaign.read',
      },
      {
        key: 'campaigns.progress',
        group: 'campaigns',
        label: '进度与排名',
        path: '/campaigns/progress',
        order: 3,
        action: 'campaign.read',
      },
      {
        key: 'campaigns.maintenance',
        group: 'campaigns',
        label: '长效管护',
        path: '/campaigns/maintenance',
        order: 4,
        action: 'campaign.read',
      },
      {
        key: 'campaigns.categories',
        group: 'campaigns',
        label: '类别与规则',
        path: '/campaigns/categories',
        order: 5,
        action: 'campaign.read',
      },
    ],
  },
  {
    name: 'attraction',
    routes: attractionRoutes,
    todos: attractionTodos,
    jobs: [nextStepRemindersJob],
    menu: [
      {
        key: 'attraction.leads',
        group: 'attraction',
        label: '招商线索',
        path: '/attraction/leads',
        order: 1,
        action: 'attraction.read',
      },
      {
        key: 'attraction.pool',
        group: 'attraction',
        label: '线索公海',
        path: '/attraction/pool',
        order: 2,
        action: 'attraction.read',
      },
      {
        key: 'attraction.funnel',
        group: 'attraction',
        label: '招商漏斗',
        path: '/attraction/funnel',
        order: 3,
        action: 'attraction.read',
      },
      {
        key: 'attraction.settings',
        group: 'attraction',
        label: '评分卡与分配规则',
        path: '/attraction/settings',
        order: 4,
        action: 'attraction.read',
      },
    ],
  },
  {
    name: 'evaluation',
    routes: (app, ctx) => {
      evaluationRoutes(app, ctx);
      muRoutes(app, ctx);
    },
    todos: evaluationTodos,
    jobs: [generateEvaluationsJob],
    menu: [
      {
        key: 'projects.completion',
        group: 'projects',
        label: '竣工即发证',
        path: '/completion',
        order: 40,
        action: 'project.read',
      },
      {
        key: 'projects.evaluations',
        group: 'projects',
        label: '后评价',
        path: '/evaluations',
        order: 50,
        action: 'evaluation.read',
      },
      {
        key: 'projects.optimisation',
        group: 'projects',
        label: '优化措施',
        path: '/evaluations/actions',
        order: 60,
        action: 'evaluation.read',
      },
      {
        key: 'projects.mu',
        group: 'projects',
        label: '亩均评价',
        path: '/mu-evaluations',
        order: 70,
        action: 'evaluation.read',
      },
    ],
  },
  {
    name: 'opendata',
    routes: openDataRoutes,
    menu: [
      {
        key: 'projects.opendata',
        group: 'projects',
        label: '开放数据（OC4IDS）',
        path: '/open-data',
        order: 80,
        action: 'opendata.admin',
      },
    ],
  },
  {
    name: 'notifications',
    routes: notificationRoutes,
    menu: [
      {
        key: 'system.notification-channels',
        group: 'system',
        label: '消息推送',
        path: '/system/notification-channels',
        order: 25,
        action: 'reference.admin',
      },
    ],
    jobs: [pruneReadNotificationsJob, deliverNotificationsJob, digestNotificationsJob],
  },
];
