import type { Project } from '@groundbreak/contract';
import { LIGHT_LABELS, LIGHT_RULE_LABELS } from '@groundbreak/contract';
import { REPORT_KIND_LABELS, REPORT_STATUS_LABELS } from '@groundbreak/domain';
import { Button, Card, DatePicker, Flex, List, Select, Skeleton, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, yuanToWanText } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { useProblems, useProjectLight, useReportHistory, useTickets } from './api';
import { InvestmentCurve } from './investment-curve';
import { ProblemMarks, ProblemStatusTag, RaiseProblemModal } from './problem-parts';
import { RequestTicketModal, TicketStatusTag } from './tickets-page';

// 亮灯与月报 on a project's page: its light as of today (or a day replayed) with the sentence of every rule
// that applies, worst first; its investment curve against the annual plan and 序时 with the latest 形象进度;
// its problems; and its reports month by month, each opening the report.

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

function CurveCard({ projectId }: { projectId: string }) {
  const history = useReportHistory(projectId);
  const years = [
    ...new Set([
      ...(history.data?.items ?? []).map((r) => Number(r.month.slice(0, 4))),
      ...(history.data?.plans ?? []).map((p) => p.year),
      dayjs().year(),
    ]),
  ].sort((a, b) => b - a);
  const [year, setYear] = useState<number>();
  const shown = year ?? years[0] ?? dayjs().year();
  const plan = history.data?.plans.find((p) => p.year === shown)?.plannedYuan ?? null;
  const points = (history.data?.items ?? []).filter((r) => r.month.startsWith(`${shown}-`));
  const latest = (history.data?.items ?? []).find((r) => r.progressText);
  return (
    <Card
      size="small"
      title="投资进度"
      extra={
        <Select
          size="small"
          value={shown}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: `${y}年` }))}
          aria-label="年度"
        />
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {plan ? `年度计划投资 ${yuanToWanText(plan)} 万元；` : '尚无该年度计划投资；'}
        虚线为序时进度（年度计划 × 已过月数 ÷ 12）。
        {latest && (
          <>
            最新形象进度（{latest.month}）：<Typography.Text>{latest.progressText}</Typography.Text>
          </>
        )}
      </Typography.Paragraph>
      <InvestmentCurve year={shown} points={points} plannedYuan={plan} />
    </Card>
  );
}

function TicketsCard({ project }: { project: Project }) {
  const canRequest = useCan('report.write');
  const [isRequesting, setRequesting] = useState(false);
  const list = useTickets({ projectId: project.id, page: 1, pageSize: 20 });
  return (
    <Card
      size="small"
      title="帮办代办"
      extra={
        canRequest && (
          <Button size="small" onClick={() => setRequesting(true)}>
            申请帮办代办
          </Button>
        )
      }
    >
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Table
        size="small"
        rowKey="id"
        loading={list.isPending}
        pagination={false}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无帮办代办工单' }}
        columns={[
          { title: '工单', width: 130, render: (_v, t) => <Link to={`/tickets/${t.id}`}>{t.ticketNo}</Link> },
          { title: '事项', render: (_v, t) => t.items.join('、') },
          { title: '状态', width: 150, render: (_v, t) => <TicketStatusTag status={t.status} /> },
          { title: '帮办员', width: 120, render: (_v, t) => t.helperName ?? '—' },
        ]}
      />
      <RequestTicketModal
        projectId={project.id}
        projectName={project.name}
        open={isRequesting}
        onClose={() => setRequesting(false)}
      />
    </Card>
  );
}

function ProblemsCard({ project }: { project: Project }) {
  const canRaise = useCan('report.write');
  const [isRaising, setRaising] = useState(false);
  const list = useProblems({ projectId: project.id, page: 1, pageSize: 20 });
  return (
    <Card
      size="small"
      title="问题"
      extra={
        canRaise && (
          <Button size="small" onClick={() => setRaising(true)}>
            提出问题
          </Button>
        )
      }
    >
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Table
        size="small"
        rowKey="id"
        loading={list.isPending}
        pagination={false}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无问题' }}
        columns={[
          {
            title: '问题',
            render: (_v, p) => (
              <span>
                <Link to={`/problems/${p.id}`}>{p.title}</Link> <ProblemMarks problem={p} />
              </span>
            ),
          },
          { title: '状态', width: 120, render: (_v, p) => <ProblemStatusTag status={p.status} /> },
          { title: '主办单位', width: 150, render: (_v, p) => p.leadOrg?.name ?? '待交办' },
          { title: '办理时限', width: 110, render: (_v, p) => formatDate(p.dueOn) },
        ]}
      />
      <RaiseProblemModal
        open={isRaising}
        defaults={{ projectId: project.id, projectName: project.name }}
        onClose={() => setRaising(false)}
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
      <CurveCard projectId={project.id} />
      <ProblemsCard project={project} />
      <TicketsCard project={project} />
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
