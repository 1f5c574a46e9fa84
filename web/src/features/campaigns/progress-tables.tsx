import type { ProgressResponse } from '@groundbreak/contract';
import { DEFAULT_CAMPAIGN_RANKING } from '@groundbreak/domain';
import { Card, Col, Flex, Row, Table, type TableColumnsType, Typography } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';
import { formatRate } from '../../lib/format';
import { CountLink, overdueHref, type TaskFilter, taskListHref } from './campaign-parts';

// The figures of 进度与排名: the totals, the 板块 ranked with each score's calculation beside it (ties share the
// server's rank; 板块 without tasks are named below, unranked) and the 板块 × category table. Every count is a
// link to the task list it counts.

/** The weights the server ranks with (domain defaults); each row's calculation states the ones it used. */
const W = DEFAULT_CAMPAIGN_RANKING;

type Subarea = ProgressResponse['subareas'][number];
type Figures = ProgressResponse['totals'];

const OVERDUE_TITLE = '未销号且已过计划完成日期；列表按计划完成日期排序，逾期任务排在最前';

function Figure({ label, value, note }: { label: string; value: ReactNode; note?: ReactNode }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.4 }}>{value}</div>
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </Card>
  );
}

export function Totals({ totals, base }: { totals: Figures; base: TaskFilter }) {
  return (
    <Row gutter={[12, 12]} data-testid="campaign-totals">
      <Col xs={12} md={8} xl={4}>
        <Figure label="任务数" value={<CountLink count={totals.total} to={taskListHref(base)} />} />
      </Col>
      <Col xs={12} md={8} xl={5}>
        <Figure
          label="已销号"
          value={<CountLink count={totals.accepted} to={taskListHref({ ...base, status: 'accepted' })} />}
          note={
            <Link to={taskListHref({ ...base, status: 'open' })}>
              未销号 {(totals.total - totals.accepted).toLocaleString('zh-CN')}
            </Link>
          }
        />
      </Col>
      <Col xs={12} md={8} xl={5}>
        <Figure
          label="逾期"
          value={
            <CountLink count={totals.overdue} to={overdueHref(base)} tone="danger" title={OVERDUE_TITLE} />
          }
          note="未销号且已过计划完成日期"
        />
      </Col>
      <Col xs={12} md={12} xl={5}>
        <Figure label="完成率" value={formatRate(totals.completionRate)} note="已销号 ÷ 任务数" />
      </Col>
      <Col xs={24} md={12} xl={5}>
        <Figure
          label="按时完成率"
          value={formatRate(totals.onTimeRate)}
          note={`按期销号 ${totals.onTime} ÷ 已到期 ${totals.due}`}
        />
      </Col>
    </Row>
  );
}

function rankText(s: Subarea, all: readonly Subarea[]): string {
  if (s.total === 0) return '—';
  const tied = all.some((o) => o !== s && o.total > 0 && o.rank === s.rank);
  return `${tied ? '并列' : ''}第${s.rank}名`;
}

export function Ranking({ data, base }: { data: ProgressResponse; base: TaskFilter }) {
  const rows = data.subareas.filter((s) => s.total > 0);
  const idle = data.subareas.filter((s) => s.total === 0);
  const columns: TableColumnsType<Subarea> = [
    {
      title: '排名',
      key: 'rank',
      width: 100,
      render: (_, s) => <Typography.Text strong>{rankText(s, rows)}</Typography.Text>,
    },
    {
      title: '板块',
      key: 'region',
      width: 150,
      render: (_, s) => <Link to={taskListHref({ ...base, regionId: s.regionId })}>{s.regionName}</Link>,
    },
    {
      title: '得分与计算',
      key: 'score',
      render: (_, s) => (
        <Flex vertical>
          <Typography.Text strong>{s.score.toFixed(1)}分</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`rank-calc-${s.regionId}`}>
            {s.calculation}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '任务数',
      key: 'total',
      align: 'right',
      width: 80,
      render: (_, s) => <CountLink count={s.total} to={taskListHref({ ...base, regionId: s.regionId })} />,
    },
    {
      title: '已销号',
      key: 'accepted',
      align: 'right',
      width: 80,
      render: (_, s) => (
        <CountLink
          count={s.accepted}
          to={taskListHref({ ...base, regionId: s.regionId, status: 'accepted' })}
        />
      ),
    },
    {
      title: '逾期',
      key: 'overdue',
      align: 'right',
      width: 70,
      render: (_, s) => (
        <CountLink
          count={s.overdue}
          to={overdueHref({ ...base, regionId: s.regionId })}
          tone="danger"
          title={OVERDUE_TITLE}
        />
      ),
    },
    {
      title: '完成率',
      key: 'completion',
      align: 'right',
      width: 90,
      render: (_, s) => formatRate(s.completionRate),
    },
    {
      title: '按时完成率',
      key: 'onTime',
      align: 'right',
      width: 110,
      render: (_, s) => (
        <Flex vertical align="flex-end">
          {formatRate(s.onTimeRate)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.onTime}/{s.due}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '反弹',
      key: 'rebounds',
      align: 'right',
      width: 70,
      render: (_, s) => (s.rebounds > 0 ? <Typography.Text type="danger">{s.rebounds}</Typography.Text> : 0),
    },
  ];
  return (
    <Card
      size="small"
      title="板块排名"
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          得分 = 按时完成率 × {W.onTimeWeight} + 完成率 × {W.completionWeight} − 反弹处数 × {W.reboundPenalty}
          ；得分相同并列
        </Typography.Text>
      }
    >
      <Table<Subarea>
        size="middle"
        rowKey="regionId"
        pagination={false}
        dataSource={rows}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '各板块尚无任务' }}
        onRow={(s) => ({ 'data-testid': `rank-${s.regionId}` }) as HTMLAttributes<HTMLElement>}
      />
      {idle.length > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {idle.map((s) => s.regionName).join('、')}尚无任务，不参与排名
        </Typography.Text>
      )}
    </Card>
  );
}

const PARTS = ['total', 'accepted', 'overdue'] as const;
type Part = (typeof PARTS)[number];
const PART_LABELS: Record<Part, string> = { total: '任务', accepted: '销号', overdue: '逾期' };
const NONE = { total: 0, accepted: 0, overdue: 0 };

export function ByCategory({ data, base }: { data: ProgressResponse; base: TaskFilter }) {
  const categories = data.byCategory.filter((c) => c.total > 0);
  if (categories.length === 0) return null;
  type Counted = { total: number; accepted: number; overdue: number };
  const cell = (regionId: string | undefined, code: string, figures: Counted, part: Part) => {
    const filter = { ...base, regionId, categoryCode: code };
    if (part === 'total') return <CountLink count={figures.total} to={taskListHref(filter)} />;
    if (part === 'accepted') {
      return <CountLink count={figures.accepted} to={taskListHref({ ...filter, status: 'accepted' })} />;
    }
    return <CountLink count={figures.overdue} to={overdueHref(filter)} tone="danger" title={OVERDUE_TITLE} />;
  };
  const columns: TableColumnsType<Subarea> = [
    { title: '板块', key: 'region', fixed: 'left', width: 130, render: (_, s) => s.regionName },
    ...categories.map((c) => ({
      title: c.name,
      key: c.code,
      children: PARTS.map((part) => ({
        title: PART_LABELS[part],
        key: `${c.code}-${part}`,
        align: 'right' as const,
        width: 56,
        render: (_: unknown, s: Subarea) =>
          cell(s.regionId, c.code, s.byCategory.find((b) => b.code === c.code) ?? NONE, part),
      })),
    })),
  ];
  return (
    <Card size="small" title="各板块分类别进度">
      <Table<Subarea>
        size="small"
        bordered
        rowKey="regionId"
        pagination={false}
        dataSource={data.subareas.filter((s) => s.total > 0)}
        columns={columns}
        scroll={{ x: 'max-content' }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>合计</Typography.Text>
            </Table.Summary.Cell>
            {categories.flatMap((c, ci) =>
              PARTS.map((part, i) => (
                <Table.Summary.Cell key={`${c.code}-${part}`} index={1 + ci * PARTS.length + i} align="right">
                  {cell(undefined, c.code, c, part)}
                </Table.Summary.Cell>
              )),
            )}
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}
