import type { Project, StateChange } from '@groundbreak/contract';
import { PROJECT_STATE_LABELS, SUSPEND_REASON_LABELS } from '@groundbreak/contract';
import { Alert, Card, Divider, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { EMPTY_VALUE, formatDate, formatDateTime, formatWan } from '../../lib/format';
import { LifecycleSteps } from './lifecycle-steps';
import { ProjectActions } from './project-actions';
import { DemoTag, LevelTags, MajorAttractionTag, ProjectStateTag } from './project-tags';

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Flex gap={6} align="baseline">
      <Typography.Text type="secondary">{label}</Typography.Text>
      <span>{children}</span>
    </Flex>
  );
}

function SideStateAlert({ project }: { project: Project }) {
  if (project.state === 'SUSPENDED') {
    const category = project.suspendReasonCategory
      ? SUSPEND_REASON_LABELS[project.suspendReasonCategory]
      : '';
    const from = project.suspendedFromState ? PROJECT_STATE_LABELS[project.suspendedFromState] : '';
    return (
      <Alert
        type="warning"
        showIcon
        title={`项目于 ${formatDate(project.suspendedOn)} 停缓建（停缓建前为「${from}」）`}
        description={`${category ? `${category}：` : ''}${project.suspendReason ?? ''}　预计复工：${formatDate(project.expectedResumeOn)}`}
      />
    );
  }
  if (project.state === 'TERMINATED') {
    return (
      <Alert
        type="error"
        showIcon
        title={`项目已于 ${formatDate(project.terminatedOn)} 终止`}
        description={project.terminateReason ? `终止原因：${project.terminateReason}` : undefined}
      />
    );
  }
  return null;
}

interface ProjectHeaderProps {
  project: Project;
  changes: readonly StateChange[];
  onEdit: () => void;
}

/** The head of a project page: name, codes, state and level tags, the lifecycle bar and the actions. */
export function ProjectHeader({ project, changes, onEdit }: ProjectHeaderProps) {
  return (
    <Card variant="borderless">
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex vertical gap={8} style={{ minWidth: 0, flex: '1 1 420px' }}>
            <Flex align="center" gap={8} wrap>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {project.name}
              </Typography.Title>
              <ProjectStateTag state={project.state} />
              <MajorAttractionTag isMajor={project.majorAttraction} />
              <DemoTag isDemo={project.isDemo} />
            </Flex>
            <Flex gap={20} wrap style={{ fontSize: 13 }}>
              <Meta label="内部编号">{project.internalNo}</Meta>
              <Meta label="项目代码">
                {project.projectCode ? (
                  <Typography.Text copyable style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {project.projectCode}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">未赋码</Typography.Text>
                )}
              </Meta>
              <Meta label="所属板块">{project.regionName}</Meta>
              <Meta label="总投资">
                {project.totalInvestment === null
                  ? EMPTY_VALUE
                  : `${formatWan(project.totalInvestment)} 万元`}
              </Meta>
              <Meta label="级别">
                <LevelTags levels={project.levels} />
              </Meta>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {project.updatedByName ? `${project.updatedByName} ` : ''}最近更新于{' '}
              {formatDateTime(project.updatedAt)}
            </Typography.Text>
          </Flex>
          <ProjectActions project={project} onEdit={onEdit} />
        </Flex>
        <SideStateAlert project={project} />
        <Divider style={{ margin: '4px 0' }} />
        <LifecycleSteps project={project} changes={changes} />
      </Flex>
    </Card>
  );
}
