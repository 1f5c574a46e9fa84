import type { Project } from '@groundbreak/contract';
import { LIGHT_LABELS, LIGHT_RULE_LABELS } from '@groundbreak/contract';
import { REPORT_KIND_LABELS, REPORT_STATUS_LABELS } from '@groundbreak/domain';
import { Button, Card, DatePicker, Flex, List, Skeleton, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { yuanToWanText } from '../../lib/format';
import { useProjectLight, useReportHistory } from './api';

// 亮灯与月报 on a project's page: its light as of today (or a day replayed) with the sentence of every rule
// that applies, worst first; and its reports month by month, each opening the report.

const LIGHT_COLORS = { green: 'green', yellow: 'gold', red: 'red' } as const;

function LightCard({ projectId }: { projectId: string }) {
  const [asOf, setAsOf] = useState<string>();
  const result = useProjectLight(projectId, asOf);
  if (result.error) return <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />;
  if (!result.data) return <Skeleton active />;
  const light = result.data;
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          <span>亮灯</span>
          <Tag color={LIGHT_COLORS[light.light]} data-testid="project-light">
            {LIGHT_LABELS[light.light]}
          </Tag>
          {light.since && <Typography.Text type="secondary">自 {light.since}</Typography.Text>}
        </Flex>
      }
      extra={
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">回看</Typography.Text>
          <DatePicker
            size="small"
            value={asOf ? dayjs(asOf) : null}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
            placeholder="今天"
            aria-label="回看日期"
          />
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        按 {light.asOf} 的情况、{light.period} 月末的序时进度计算；项目亮灯取各规则中最严重者。
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={light.findings}
        locale={{ emptyText: '暂无适用的亮灯规则（尚无年度计划、月报或计划节点）' }}
        renderItem={(f) => (
          <List.Item>
            <Flex gap={8} align="baseline" wrap>
              <Tag color={LIGHT_COLORS[f.light]}>{LIGHT_RULE_LABELS[f.rule]}</Tag>
              <span data-testid={`light-${f.rule}`}>{f.explanation}</span>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function ProjectTrackingTab({ project }: { project: Project }) {
  const history = useReportHistory(project.id);
  const thisMonth = dayjs().format('YYYY-MM');
  return (
    <Flex vertical gap={16}>
      <LightCard projectId={project.id} />
      <Card
        size="small"
        title="月报"
        extra={
          <Link to={`/projects/${project.id}/reports/${thisMonth}`}>
            <Button size="small" type="primary">
              {thisMonth} 月报
            </Button>
          </Link>
        }
      >
        {history.error && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
        <Table
          size="small"
          rowKey="id"
          loading={history.isPending}
          pagination={false}
          dataSource={history.data?.items ?? []}
          locale={{ emptyText: '尚未填报月报' }}
          columns={[
            {
              title: '报告期',
              width: 100,
              render: (_v, r) => <Link to={`/projects/${project.id}/reports/${r.month}`}>{r.month}</Link>,
            },
            { title: '报表', width: 120, render: (_v, r) => REPORT_KIND_LABELS[r.kind] },
            { title: '状态', width: 110, render: (_v, r) => REPORT_STATUS_LABELS[r.status] },
            {
              title: '本月（万元）',
              width: 120,
              align: 'right',
              render: (_v, r) => yuanToWanText(r.monthYuan),
            },
            {
              title: '自年初累计（万元）',
              width: 150,
              align: 'right',
              render: (_v, r) => yuanToWanText(r.ytdYuan),
            },
            { title: '形象进度', render: (_v, r) => r.progressText ?? '—' },
          ]}
        />
      </Card>
    </Flex>
  );
}
