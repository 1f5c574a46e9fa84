import { createBrowserRouter } from 'react-router';
import { AboutPage } from './features/about/about-page';
import { ApprovalQueuePage } from './features/approvals/approval-queue-page';
import { CataloguePage } from './features/approvals/catalogue-page';
import { LandReadyPage } from './features/approvals/land-ready-page';
import { PlanTemplatesPage } from './features/approvals/plan-templates-page';
import { attractionRoutes } from './features/attraction/routes';
import { AuditLogPage } from './features/audit/audit-log-page';
import { ChangePasswordPage } from './features/auth/change-password-page';
import { LoginPage } from './features/auth/login-page';
import { MfaPage } from './features/auth/mfa-page';
import { SessionGuard } from './features/auth/session-guard';
import { CalendarPage } from './features/calendar/calendar-page';
import { CampaignsPage } from './features/campaigns/campaigns-page';
import { CampaignCategoriesPage } from './features/campaigns/categories-page';
import { MaintenancePointPage, MaintenancePointsPage } from './features/campaigns/maintenance-pages';
import { CampaignProgressPage } from './features/campaigns/progress-page';
import { TaskCreatePage } from './features/campaigns/task-create-page';
import { TaskImportPage } from './features/campaigns/task-import-page';
import { TaskPage } from './features/campaigns/task-page';
import { TasksPage } from './features/campaigns/tasks-page';
import { EnterpriseListPage } from './features/enterprises/enterprise-list-page';
import { ForbiddenPage } from './features/errors/forbidden-page';
import { RouteErrorPage } from './features/errors/route-error-page';
import { evaluationRoutes } from './features/evaluation/routes';
import { AssessmentsPage } from './features/land/assessments-page';
import { BalancePage } from './features/land/balance-page';
import { IdleCasesPage } from './features/land/idle-cases-page';
import { LandMapPage } from './features/land/land-map-page';
import { ParcelDetailPage } from './features/land/parcel-detail-page';
import { ParcelImportPage } from './features/land/parcel-import-page';
import { ParcelListPage } from './features/land/parcel-list-page';
import { NavigationFallbackPage } from './features/navigation/navigation-fallback-page';
import { ChannelsPage } from './features/notifications/channels-page';
import { InboxPage } from './features/notifications/inbox-page';
import { openDataRoutes } from './features/opendata/routes';
import { OrgListPage } from './features/orgs/org-list-page';
import { LibraryQueuePage } from './features/projects/library-queue-page';
import { PlansPage } from './features/projects/plans-page';
import { ProjectCreatePage } from './features/projects/project-create-page';
import { ProjectDetailPage } from './features/projects/project-detail-page';
import { ProjectImportPage } from './features/projects/project-import-page';
import { ProjectListPage } from './features/projects/project-list-page';
import { RegionTreePage } from './features/regions/region-tree-page';
import { SecurityPolicyPage } from './features/security/security-policy-page';
import { BigScreenPage } from './features/statistics/big-screen-page';
import { BriefingPage, BriefingsPage } from './features/statistics/briefings-page';
import { CockpitPage } from './features/statistics/cockpit-page';
import { PlanPage } from './features/statistics/plan-page';
import { RankingsPage } from './features/statistics/rankings-page';
import { LightsPage } from './features/tracking/lights-page';
import { MeetingPage, MeetingsPage } from './features/tracking/meetings-page';
import { ProblemPage } from './features/tracking/problem-page';
import { ProblemsPage } from './features/tracking/problems-page';
import { ReportFormPage } from './features/tracking/report-form-page';
import { ReportImportPage } from './features/tracking/report-import-page';
import { ReportsPage } from './features/tracking/reports-page';
import { TicketPage, TicketsPage } from './features/tracking/tickets-page';
import { AccessListPage } from './features/users/access-list-page';
import { UserListPage } from './features/users/user-list-page';
import { WorkbenchPage } from './features/workbench/workbench-page';
import { AppLayout } from './layout/app-layout';
import type { RouteHandle } from './layout/route-handle';

const handle = (crumb: RouteHandle['crumb']): RouteHandle => ({ crumb });

export function createAppRouter() {
  return createBrowserRouter([
    // Outside the frame: reachable without a session (login) or with a locked one (forced password change).
    { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
    { path: '/change-password', element: <ChangePasswordPage />, errorElement: <RouteErrorPage /> },
    { path: '/mfa', element: <MfaPage />, errorElement: <RouteErrorPage /> },
    // The big screen: signed in, but without the frame (a wall display).
    {
      path: '/statistics/big-screen',
      element: (
        <SessionGuard>
          <BigScreenPage />
        </SessionGuard>
      ),
      errorElement: <RouteErrorPage />,
    },
    {
      path: '/',
      element: (
        <SessionGuard>
          <AppLayout />
        </SessionGuard>
      ),
      // The frame itself failed: a full-page error.
      errorElement: <RouteErrorPage />,
      children: [
        {
          // A page failed: the error shows inside the frame, the menu stays usable.
          errorElement: <RouteErrorPage />,
          children: [
            {
              index: true,
              element: <WorkbenchPage />,
              handle: handle({ group: 'workbench', title: '工作台' }),
            },
            { path: 'about', element: <AboutPage />, handle: handle({ title: '关于本系统' }) },
            ...attractionRoutes,
            ...evaluationRoutes,
            ...openDataRoutes,
            {
              path: 'projects',
              element: <ProjectListPage />,
              handle: handle({ group: 'projects', title: '项目库' }),
            },
            {
              path: 'projects/new',
              element: <ProjectCreatePage />,
              handle: handle({ group: 'projects', title: '登记项目' }),
            },
            {
              path: 'projects/import',
              element: <ProjectImportPage />,
              handle: handle({ group: 'projects', title: '导入项目' }),
            },
            {
              path: 'projects/libraries',
              element: <LibraryQueuePage />,
              handle: handle({ group: 'projects', title: '入库申报与审核' }),
            },
            {
              path: 'projects/plans',
              element: <PlansPage />,
              handle: handle({ group: 'projects', title: '年度计划与目标' }),
            },
            {
              path: 'projects/:id',
              element: <ProjectDetailPage />,
              handle: handle({ group: 'projects', title: '项目详情' }),
            },
            {
              path: 'projects/:id/reports/:month',
              element: <ReportFormPage />,
              handle: handle({ group: 'scheduling', title: '填报月报' }),
            },
            {
              path: 'scheduling/reports/import',
              element: <ReportImportPage />,
              handle: handle({ group: 'scheduling', title: '导入月报' }),
            },
            {
              path: 'scheduling/reports',
              element: <ReportsPage />,
              handle: handle({ group: 'scheduling', title: '月报' }),
            },
            {
              path: 'scheduling/lights',
              element: <LightsPage />,
              handle: handle({ group: 'scheduling', title: '红黄灯' }),
            },
            {
              path: 'problems',
              element: <ProblemsPage />,
              handle: handle({ group: 'problems', title: '问题清单' }),
            },
            {
              path: 'tickets',
              element: <TicketsPage />,
              handle: handle({ group: 'approvals', title: '帮办代办' }),
            },
            {
              path: 'tickets/:id',
              element: <TicketPage />,
              handle: handle({ group: 'approvals', title: '工单详情' }),
            },
            {
              path: 'meetings',
              element: <MeetingsPage />,
              handle: handle({ group: 'problems', title: '调度会' }),
            },
            {
              path: 'meetings/:id',
              element: <MeetingPage />,
              handle: handle({ group: 'problems', title: '调度会详情' }),
            },
            {
              path: 'problems/:id',
              element: <ProblemPage />,
              handle: handle({ group: 'problems', title: '问题详情' }),
            },
            {
              path: 'land/parcels',
              element: <ParcelListPage />,
              handle: handle({ group: 'land', title: '地块台账' }),
            },
            {
              path: 'land/parcels/import',
              element: <ParcelImportPage />,
              handle: handle({ group: 'land', title: '导入地块' }),
            },
            {
              path: 'land/parcels/:id',
              element: <ParcelDetailPage />,
              handle: handle({ group: 'land', title: '地块详情' }),
            },
            {
              path: 'land/map',
              element: <LandMapPage />,
              handle: handle({ group: 'land', title: '土地地图' }),
            },
            {
              path: 'land/idle',
              element: <IdleCasesPage />,
              handle: handle({ group: 'land', title: '闲置土地处置' }),
            },
            {
              path: 'land/assessments',
              element: <AssessmentsPage />,
              handle: handle({ group: 'land', title: '区域评估' }),
            },
            {
              path: 'land/balance',
              element: <BalancePage />,
              handle: handle({ group: 'land', title: '供需与消化' }),
            },
            {
              path: 'approvals/catalogue',
              element: <CataloguePage />,
              handle: handle({ group: 'approvals', title: '审批事项目录' }),
            },
            {
              path: 'approvals/plan-templates',
              element: <PlanTemplatesPage />,
              handle: handle({ group: 'approvals', title: '倒排计划模板' }),
            },
            {
              path: 'approvals/land-ready',
              element: <LandReadyPage />,
              handle: handle({ group: 'approvals', title: '拿地即开工' }),
            },
            {
              path: 'approvals/queue',
              element: <ApprovalQueuePage />,
              handle: handle({ group: 'approvals', title: '审批待办' }),
            },
            {
              path: 'campaigns',
              element: <CampaignsPage />,
              handle: handle({ group: 'campaigns', title: '行动与批次' }),
            },
            {
              path: 'campaigns/categories',
              element: <CampaignCategoriesPage />,
              handle: handle({ group: 'campaigns', title: '类别与规则' }),
            },
            {
              path: 'campaigns/tasks',
              element: <TasksPage />,
              handle: handle({ group: 'campaigns', title: '整治任务' }),
            },
            {
              path: 'campaigns/tasks/new',
              element: <TaskCreatePage />,
              handle: handle({ group: 'campaigns', title: '新建整治任务' }),
            },
            {
              path: 'campaigns/tasks/import',
              element: <TaskImportPage />,
              handle: handle({ group: 'campaigns', title: '导入整治任务' }),
            },
            {
              path: 'campaigns/tasks/:id',
              element: <TaskPage />,
              handle: handle({ group: 'campaigns', title: '任务详情' }),
            },
            {
              path: 'campaigns/progress',
              element: <CampaignProgressPage />,
              handle: handle({ group: 'campaigns', title: '进度与排名' }),
            },
            {
              path: 'campaigns/maintenance',
              element: <MaintenancePointsPage />,
              handle: handle({ group: 'campaigns', title: '管护台账' }),
            },
            {
              path: 'campaigns/maintenance/:id',
              element: <MaintenancePointPage />,
              handle: handle({ group: 'campaigns', title: '管护点位' }),
            },
            {
              path: 'system/regions',
              element: <RegionTreePage />,
              handle: handle({ group: 'system', title: '行政区划' }),
            },
            {
              path: 'statistics/briefings',
              element: <BriefingsPage />,
              handle: handle({ group: 'statistics', title: '简报' }),
            },
            {
              path: 'statistics/briefings/:id',
              element: <BriefingPage />,
              handle: handle({ group: 'statistics', title: '简报详情' }),
            },
            {
              path: 'statistics/cockpit',
              element: <CockpitPage />,
              handle: handle({ group: 'statistics', title: '领导驾驶舱' }),
            },
            {
              path: 'statistics/rankings',
              element: <RankingsPage />,
              handle: handle({ group: 'statistics', title: '排名' }),
            },
            {
              path: 'statistics/plan',
              element: <PlanPage />,
              handle: handle({ group: 'statistics', title: '计划与目标' }),
            },
            {
              path: 'system/notification-channels',
              element: <ChannelsPage />,
              handle: handle({ group: 'system', title: '消息推送' }),
            },
            {
              path: 'notifications',
              element: <InboxPage />,
              handle: handle({ group: 'workbench', title: '我的消息' }),
            },
            {
              path: 'system/orgs',
              element: <OrgListPage />,
              handle: handle({ group: 'system', title: '组织机构' }),
            },
            {
              path: 'system/users',
              element: <UserListPage />,
              handle: handle({ group: 'system', title: '用户管理' }),
            },
            {
              path: 'system/access',
              element: <AccessListPage />,
              handle: handle({ group: 'system', title: '角色与数据范围' }),
            },
            {
              path: 'system/security',
              element: <SecurityPolicyPage />,
              handle: handle({ group: 'system', title: '安全策略' }),
            },
            {
              path: 'system/calendar',
              element: <CalendarPage />,
              handle: handle({ group: 'system', title: '工作日历' }),
            },
            {
              path: 'system/audit',
              element: <AuditLogPage />,
              handle: handle({ group: 'system', title: '审计日志' }),
            },
            {
              path: 'system/enterprises',
              element: <EnterpriseListPage />,
              handle: handle({ group: 'system', title: '企业库' }),
            },
            { path: '403', element: <ForbiddenPage />, handle: handle({ title: '无权访问' }) },
            { path: '*', element: <NavigationFallbackPage /> },
          ],
        },
      ],
    },
  ]);
}
