import type { ChildStats, Measure, StatsOverview, TierStats } from '@groundbreak/contract';
import { LIBRARY_LEVEL_LABELS, TARGET_METRIC_LABELS, type TargetMetric } from '@groundbreak/contract';
import { childLibraryLevel, formatDecimal, type LibraryLevel, scheduleGapPoints } from '@groundbreak/domain';
import {
  Card,
  Empty,
  Flex,
  Segmented,
  Skeleton,
  Table,
  type TableColumnGroupType,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { formatWan, formatYi } from '../../lib/format';
import { useStatsOverview } from './api';
import { pct, useStatsParams } from './cockpit-page';
import { StatsFilters } from './stats-filters';

// 计划与目标: for 区发改, the approved annual plan, the targets and what was done, per tier (省重大, 市重大,
// 区重点) and per 板块, for the period the filters choose: 年度计划投资 against 自年初累计 and 序时, 新开工,
// 竣工 and new library entries against their targets. Counts drill down to the project list with the same
// filters as the cockpit.

type Unit = '亿元' | '万元';

const money = (yuan: number | null, unit: Unit) =>
  yuan === null ? '—' : unit === '亿元' ? formatYi(yuan, 2) : formatWan(yuan, 2);

/** A figure kept on one line, so that columns stay readable at desktop width. */
const nowrap = (text: ReactNode) => <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;

/** 超(低于)序时 in 个百分点 (the column says the unit): green when ahead, red when behind. */
function GapPoints({ points }: { points: number | null }) {
  if (points === null) return <Typography.Text type="secondary">无计划</Typography.Text>;
  const shown = formatDecimal(Math.abs(points), 1);
  if (Number(shown) === 0) return <Typography.Text>持平</Typography.Text>;
  return (
    <Typography.Text type={points > 0 ? 'success' : 'danger'} style={{ whiteSpace: 'nowrap' }}>
      {points > 0 ? '超' : '低'} {shown}
    </Typography.Text>
  );
}

/** done/planned; without a target, what was done and no rate. */
const countOf = (m: Measure) => nowrap(m.of === null ? m.value : `${m.value}/${m.of}`);

const rateOf = (m: Measure, none: string) =>
  m.of === null ? <Typography.Text type="secondary">{none}</Typography.Text> : pct(m.rate);

/** The investment columns both tables share: the plan, 自年初累计, the rate, 序时 and the gap. */
function investmentColumns<T>(
  o: StatsOverview,
  unit: Unit,
  pick: (row: T) => { investment: Measure; gapPoints: number | null },
): TableColumnGroupType<T> {
  return {
    title: `投资（${unit}）`,
    children: [
      {
        key: 'plan',
        title: '年度计划',
        align: 'right',
        render: (_, row) => nowrap(money(pick(row).investment.of, unit)),
      },
      {
        key: 'ytd',
        title: '自年初累计',
        align: 'right',
        render: (_, row) => nowrap(money(pick(row).investment.value, unit)),
      },
      {
        key: 'rate',
        title: '完成率',
        align: 'right',
        render: (_, row) => rateOf(pick(row).investment, '无计划'),
      },
      { key: 'schedule', title: '序时进度', align: 'right', render: () => pct(o.schedule) },
      {
        key: 'gap',
        title: (
          <>
            超/低于序时
            <br />
            （个百分点）
          </>
        ),
        align: 'right',
        render: (_, row) => <GapPoints points={pick(row).gapPoints} />,
      },
    ],
  };
}

/** A measure against its plan or target: done/planned and the rate. */
function measureColumns<T>(
  title: string,
  countTitle: string,
  rateTitle: string,
  none: string,
  pick: (row: T) => Measure,
): TableColumnGroupType<T> {
  return {
    title,
    children: [
      { key: `${title}-count`, title: countTitle, align: 'right', render: (_, row) => countOf(pick(row)) },
      { key: `${title}-rate`, title: rateTitle, align: 'right', render: (_, row) => rateOf(pick(row), none) },
    ],
  };
}

function TierTable({ o, unit }: { o: StatsOverview; unit: Unit }) {
  return (
    <Table<TierStats>
      size="middle"
      bordered
      rowKey={(t) => t.level}
      pagination={false}
      dataSource={o.tiers}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          key: 'level',
          title: '层级',
          fixed: 'left',
          width: 110,
          render: (_, t) => LIBRARY_LEVEL_LABELS[t.level],
        },
        {
          key: 'projects',
          title: '项目数',
          align: 'right',
          width: 72,
          render: (_, t) => (
            <Link to={`/projects?level=${t.level}&year=${o.year}`} title="查看这些项目">
              {t.projects}
            </Link>
          ),
        },
        investmentColumns<TierStats>(o, unit, (t) => t),
        measureColumns<TierStats>('新开工', '已开工/计划', '开工率', '无计划', (t) => t.starts),
        measureColumns<TierStats>('竣工', '已竣工/计划', '竣工率', '无计划', (t) => t.completions),
        measureColumns<TierStats>('入库', '新增/目标', '入库完成率', '未设目标', (t) => t.entries),
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>
            <Tooltip title="列入已批准年度计划的全部项目，含不属于以上层级的项目">
              <Typography.Text strong>年度计划合计</Typography.Text>
            </Tooltip>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            {o.plannedProjects}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            {nowrap(money(o.investment.of, unit))}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            {nowrap(money(o.investment.value, unit))}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">
            {rateOf(o.investment, '无计划')}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={5} align="right">
            {pct(o.schedule)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={6} align="right">
            <GapPoints points={o.gapPoints} />
          </Table.Summary.Cell>
          <Table.Summary.Cell index={7} colSpan={6} />
        </Table.Summary.Row>
      )}
    />
  );
}

function ChildTable({ o, unit, level }: { o: StatsOverview; unit: Unit; level: LibraryLevel }) {
  const gapOf = (c: ChildStats) =>
    c.investment.rate === null ? null : scheduleGapPoints(c.investment.rate, o.schedule);
  return (
    <Table<ChildStats>
      size="middle"
      bordered
      rowKey={(c) => c.regionId}
      pagination={false}
      dataSource={o.children}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          key: 'region',
          title: o.region.level === 'district' ? '板块' : '区域',
          fixed: 'left',
          width: 180,
          render: (_, c) => <Link to={`/projects?regionId=${c.regionId}`}>{c.regionName}</Link>,
        },
        {
          key: 'projects',
          title: '项目数',
          align: 'right',
          width: 72,
          render: (_, c) => <Link to={`/projects?regionId=${c.regionId}`}>{c.projects}</Link>,
        },
        investmentColumns<ChildStats>(o, unit, (c) => ({ investment: c.investment, gapPoints: gapOf(c) })),
        measureColumns<ChildStats>('新开工', '已开工/计划', '开工率', '无计划', (c) => c.starts),
        measureColumns<ChildStats>(
          `${LIBRARY_LEVEL_LABELS[level]}入库`,
          '新增/目标',
          '入库完成率',
          '未设目标',
          (c) => c.entries,
        ),
      ]}
    />
  );
}

/** The target's name without the unit its label carries (the table's own columns say the unit). */
const targetLabel = (metric: TargetMetric) => TARGET_METRIC_LABELS[metric].replace(/（.*）$/, '');

/** The region's 年度目标 set by 区发改, against what was done to the period's end and the 序时 line. */
function TargetTable({ o, unit }: { o: StatsOverview; unit: Unit }) {
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="metric"
      dataSource={o.targets}
      columns={[
        {
          title: '指标',
          render: (_, t) =>
            t.metric === 'annual_investment'
              ? `${targetLabel(t.metric)}（${unit}）`
              : `${targetLabel(t.metric)}（个）`,
        },
        {
          title: '年度目标',
          align: 'right',
          render: (_, t) =>
            t.target === null
              ? '未设目标'
              : t.metric === 'annual_investment'
                ? nowrap(money(t.target, unit))
                : t.target,
        },
        {
          title: '完成',
          align: 'right',
          render: (_, t) => (t.metric === 'annual_investment' ? nowrap(money(t.actual, unit)) : t.actual),
        },
        { title: '完成率', align: 'right', render: (_, t) => pct(t.rate) },
        {
          title: '超/低于序时（个百分点）',
          align: 'right',
          render: (_, t) =>
            t.rate === null ? '—' : <GapPoints points={scheduleGapPoints(t.rate, o.schedule)} />,
        },
      ]}
    />
  );
}

export function PlanPage() {
  const [params, setParams] = useStatsParams();
  const overview = useStatsOverview(params);
  const o = overview.data;
  const [unit, setUnit] = useState<Unit>('亿元');
  return (
    <PageContainer
      title="计划与目标"
      description={
        o
          ? `${o.region.name} · ${o.year}年1至${o.month}月 · 序时进度 ${pct(o.schedule)}（已过 ${o.month} 个月）。点击项目数查看对应的项目清单`
          : '年度计划、目标与完成情况，分层级、分板块'
      }
      extra={
        <Flex gap={8} wrap>
          <StatsFilters params={params} setParams={setParams} overview={o} />
          <Segmented<Unit> options={['亿元', '万元']} value={unit} onChange={setUnit} aria-label="金额单位" />
        </Flex>
      }
    >
      {overview.error && <ErrorAlert error={overview.error} onRetry={() => overview.refetch()} />}
      {!o ? (
        !overview.error && <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Card size="small" title={`${o.region.name}年度目标完成情况`} data-testid="targets">
            <TargetTable o={o} unit={unit} />
          </Card>
          <Card size="small" title="分层级（点击项目数查看该层级本年度的项目）">
            <TierTable o={o} unit={unit} />
          </Card>
          <Card
            size="small"
            title={`分${o.region.level === 'district' ? '板块' : '区域'}（点击名称或项目数查看其项目）`}
          >
            {o.children.length > 0 ? (
              <ChildTable o={o} unit={unit} level={childLibraryLevel(o.region.level)} />
            ) : (
              <Empty description={`${o.region.name}没有下级区域，请在“统计范围”中选择上一级`} />
            )}
          </Card>
        </Flex>
      )}
    </PageContainer>
  );
}
