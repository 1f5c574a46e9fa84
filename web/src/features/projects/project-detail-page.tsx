import type { Project } from '@groundbreak/contract';
import { Badge, Button, Card, Flex, Result, Skeleton, Tabs } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { ForbiddenResult } from '../../components/forbidden-result';
import { isForbidden, isNotFound } from '../../lib/error-kinds';
import { isApiError } from '../../lib/http';
import { ProjectApprovalsTab } from '../approvals/project-approvals-tab';
import { ProjectPlanTab } from '../approvals/project-plan-tab';
import { ProjectLeadTab } from '../attraction/project-lead-tab';
import { HistoryTimeline } from '../audit/audit-timeline';
import { ProjectCompletionTab } from '../evaluation/project-completion-tab';
import { ProjectEvaluationTab } from '../evaluation/project-evaluation-tab';
import { ProjectMuTab } from '../evaluation/project-mu-tab';
import { ProjectLandTab } from '../land/project-land-tab';
import { ProjectOc4idsButton } from '../opendata/project-oc4ids-button';
import { ProjectTrackingTab } from '../tracking/project-tracking-tab';
import { useProject, useProjectHistory, useStateChanges } from './api';
import { useAttachments } from './attachments-api';
import { AttachmentsTab } from './attachments-tab';
import { LibrariesTab } from './libraries-tab';
import { useProjectLibraries } from './library-api';
import { NextStepCard } from './next-step-card';
import { ProjectEditForm } from './project-edit-form';
import { ProjectHeader } from './project-header';
import { ProjectInfoView } from './project-info-view';
import { StateTimeline } from './state-timeline';
import { YearPlansTab } from './year-plans-tab';

const TABS = [
  'info',
  'land',
  'approvals',
  'plan',
  'tracking',
  'lead',
  'completion',
  'evaluation',
  'mu',
  'attachments',
  'libraries',
  'year-plans',
  'states',
  'history',
] as const;
type TabKey = (typeof TABS)[number];

function ProjectHistory({ projectId }: { projectId: string }) {
  return <HistoryTimeline history={useProjectHistory(projectId)} />;
}

function ProjectMissing({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const navigate = useNavigate();
  if (isForbidden(error)) return <ForbiddenResult />;
  // A malformed id in the address (400) is as missing as a deleted project (404).
  if (isNotFound(error) || (isApiError(error) && error.status === 400)) {
    return (
      <Result
        status="404"
        title="项目不存在"
        subTitle="该项目可能已被删除，或不在您的数据范围内。"
        extra={
          <Button type="primary" onClick={() => navigate('/projects')}>
            返回项目库
          </Button>
        }
      />
    );
  }
  return <ErrorAlert error={error} onRetry={onRetry} />;
}

/** One project: header with lifecycle and actions, then 基本信息 · 用地 · 附件 · 入库 · 年度计划投资 · 状态时间线 · 变更记录. */
export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const project = useProject(id);
  const changes = useStateChanges(id);
  const attachments = useAttachments(id);
  const libraries = useProjectLibraries(id);
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('tab');
  const tab: TabKey = TABS.find((key) => key === requested) ?? 'info';
  const [isEditing, setEditing] = useState(false);

  function openTab(key: string) {
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (key === 'info') next.delete('tab');
        else next.set('tab', key);
        return next;
      },
      { replace: true },
    );
  }

  if (project.isPending) {
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (!project.data) return <ProjectMissing error={project.error} onRetry={() => project.refetch()} />;
  const current: Project = project.data;

  function handleEdit() {
    openTab('info');
    setEditing(true);
    window.scrollTo({ top: 0 });
  }

  const items = [
    {
      key: 'info',
      label: '基本信息',
      children: isEditing ? (
        <ProjectEditForm key={current.id} project={current} onDone={() => setEditing(false)} />
      ) : (
        <Flex vertical gap={16}>
          <NextStepCard
            project={current}
            attachments={attachments.data ?? []}
            libraryEntries={libraries.data ?? []}
          />
          <ProjectInfoView project={current} />
        </Flex>
      ),
    },
    { key: 'land', label: '用地', children: <ProjectLandTab project={current} /> },
    { key: 'approvals', label: '审批', children: <ProjectApprovalsTab project={current} /> },
    { key: 'plan', label: '倒排计划', children: <ProjectPlanTab project={current} /> },
    { key: 'tracking', label: '亮灯与月报', children: <ProjectTrackingTab project={current} /> },
    { key: 'lead', label: '招商', children: <ProjectLeadTab project={current} /> },
    { key: 'completion', label: '竣工即发证', children: <ProjectCompletionTab project={current} /> },
    { key: 'evaluation', label: '后评价', children: <ProjectEvaluationTab project={current} /> },
    { key: 'mu', label: '亩均', children: <ProjectMuTab project={current} /> },
    {
      key: 'attachments',
      label: (
        <span>
          附件 <Badge count={attachments.data?.length ?? 0} color="#8c8c8c" size="small" showZero={false} />
        </span>
      ),
      children: (
        <AttachmentsTab
          project={current}
          attachments={attachments.data}
          error={attachments.error}
          isPending={attachments.isPending}
          onRetry={() => attachments.refetch()}
        />
      ),
    },
    { key: 'libraries', label: '入库', children: <LibrariesTab project={current} /> },
    { key: 'year-plans', label: '年度计划投资', children: <YearPlansTab project={current} /> },
    {
      key: 'states',
      label: '状态时间线',
      children: (
        <Card size="small" variant="borderless">
          <StateTimeline
            changes={changes.data}
            error={changes.error}
            isPending={changes.isPending}
            onRetry={() => changes.refetch()}
          />
        </Card>
      ),
    },
    {
      key: 'history',
      label: '变更记录',
      children: (
        <Card size="small" variant="borderless">
          <ProjectHistory key={`${current.id}:${current.version}`} projectId={current.id} />
        </Card>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      {project.error ? (
        <ErrorAlert error={project.error} title="刷新失败" onRetry={() => project.refetch()} />
      ) : null}
      <ProjectHeader project={current} changes={changes.data ?? []} onEdit={handleEdit} />
      <Tabs
        activeKey={tab}
        onChange={openTab}
        items={items}
        tabBarExtraContent={<ProjectOc4idsButton project={current} />}
      />
    </Flex>
  );
}
