import type { LandReadyListItem, ProjectLandReady } from '@groundbreak/contract';
import { Card, Flex, Space, Tag, Typography } from 'antd';
import { formatDate } from '../../lib/format';

// 拿地即开工 pieces: the readiness checklist of one project, and the outcome tag the list shares.

type Assessment = ProjectLandReady['assessment'];

export function LandReadyOutcome({ assessment, withinDays }: { assessment: Assessment; withinDays: number }) {
  if (assessment.achieved === true) {
    return <Tag color="green">已实现（拿地后 {assessment.daysLandToPermit} 天发证）</Tag>;
  }
  if (assessment.achieved === false) {
    return (
      <Tag color="red">
        未实现（拿地后 {assessment.daysLandToPermit} 天发证，目标 {withinDays} 天内）
      </Tag>
    );
  }
  return (
    <Tag color={assessment.ready === assessment.checks.length ? 'blue' : 'default'}>
      准备 {assessment.ready}/{assessment.checks.length}
    </Tag>
  );
}

export function LandReadyCard({ data }: { data: ProjectLandReady }) {
  const { assessment } = data;
  return (
    <Card
      size="small"
      title={
        <Space>
          <span>拿地即开工</span>
          {data.expected ? <Tag color="blue">按此模式推进</Tag> : <Tag>未列入</Tag>}
          <LandReadyOutcome assessment={assessment} withinDays={data.withinDays} />
        </Space>
      }
      data-testid="land-ready"
    >
      <Flex wrap gap={8}>
        {assessment.checks.map((c) => (
          <Tag key={c.key} color={c.done ? 'success' : 'default'} data-done={c.done}>
            {c.done ? '✓' : '○'} {c.label} · {c.owner}
            {c.on ? ` · ${formatDate(c.on)}` : ''}
          </Tag>
        ))}
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
        {data.contractOn
          ? `出让合同 ${formatDate(data.contractOn)}，施工许可 ${formatDate(data.permitOn)}`
          : `计划拿地 ${formatDate(assessment.plannedLandOn)}，预计可发施工许可 ${formatDate(assessment.predictedPermitOn)}`}
      </Typography.Text>
    </Card>
  );
}

export const landReadyRowKey = (i: LandReadyListItem) => i.project.id;
