import type { ChildStats, Measure, SiblingRank, StatsOverview } from '@groundbreak/contract';
import { LIBRARY_LEVEL_LABELS } from '@groundbreak/contract';
import { amongOf, formatDecimal, formatYiOf, rankText } from '@groundbreak/domain';
import { Card, Empty, Flex, Skeleton, Table, type TableColumnType, Tooltip, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { type StatsParams, useSiblingRank, useStatsOverview } from './api';
import { METRIC_LABELS, pct, useStatsParams } from './cockpit-page';
import { StatsFilters } from './stats-filters';

// 排名: the child regions of the selected scope (a district's 板块, a city's districts) ranked on each
// metric and on the composite score, with the server's competition ranks (ties share a rank, no value
// ranks last). The line above the table says who is first; each composite score opens its calculation.

type MetricKey = 'investment' | 'starts' | 'entries' | 'problems';
type SortKey = MetricKey | 'composite';

/** The four ranked metrics: the child's measure, its rank, and the key of its part of the composite. */
const METRICS: readonly { key: MetricKey; part: string; none: string }[] = [
  { key: 'investment', part: 'investment', none: '无年度计划' },
  { key: 'starts', part: 'start', none: '无计划新开工' },
  { key: 'entries', part: 'entry', none: '未设目标' },
  { key: 'problems', part: 'problems', none: '无交办问题' },
];

const labelOf = (part: string) => METRIC_LABELS[part] ?? part;

const childWord = (o: StatsOverview) => (o.region.level === 'district' ? '板块' : '区域');

function rateOf(c: ChildStats, key: SortKey): number | null {
  return key === 'composite' ? c.composite.score : c[key].rate;
}

function isTied(o: StatsOverview, c: ChildStats, key: SortKey): boolean {
  return o.children.some((other) => other !== c && other.ranks[key] === c.ranks[key]);
}

/** value/of as counted: investment in 亿元, the rest in 个. */
function measureText(key: MetricKey, m: Measure): string {
  if (key === 'investment') {
    return `${formatYiOf(m.value, 2)}/${m.of === null ? '—' : formatYiOf(m.of, 2)} 亿元`;
  }
  return `${m.value}/${m.of ?? '—'}`;
}

/** "综合得分：湖塘镇列全区第一（72.4分）" — the first place of one ranking, or who shares it. */
function leaderSentence(o: StatsOverview, key: SortKey): string {
  const label = key === 'composite' ? '综合得分' : labelOf(METRICS.find((m) => m.key === key)?.part ?? key);
  const first = o.children.filter((c) => c.ranks[key] === 1 && rateOf(c, key) !== null);
  const lead = first[0];
  if (!lead) return `${label}：各${childWord(o)}均无数据`;
  const value = key === 'composite' ? `${formatDecimal(lead.composite.score, 1)}分` : pct(rateOf(lead, key));
  const rank = rankText({ rank: 1, among: amongOf(o.region.level), tied: first.length > 1 });
  return `${label}：${first.map((c) => c.regionName).join('、')}${rank}（${value}）`;
}

/** The composite's calculation: "投资完成率 35.8% × 40 = 14.3分 + … = 72.4分". */
function CompositeCalculation({ c }: { c: ChildStats }) {
  return (
    <Flex wrap gap={4} align="center" data-testid={`composite-calc-${c.regionId}`}>
      <Typography.Text type="secondary">综合得分计算：</Typography.Text>
      {c.composite.parts.map((p, i) => (
        <span key={p.metric}>
          {i > 0 && ' + '}
          {labelOf(p.metric)} {pct(p.rate)}
          {p.rate !== null && p.rate > 1 && '（按100%计）'}
          {p.rate === null && '（无数据记0分）'} × {formatDecimal(p.weight * 100, 1)} ={' '}
          {formatDecimal(p.points, 1)}分
        </span>
      ))}
      <Typography.Text strong> = {formatDecimal(c.composite.score, 1)}分</Typography.Text>
    </Flex>
  );
}

/** "第3名", "并列第2名"; no value has no place ("—": it is listed last). */
function rankLabel(o: StatsOverview, c: ChildStats, key: SortKey): string {
  if (rateOf(c, key) === null) return '—';
  return `${isTied(o, c, key) ? '并列' : ''}第${c.ranks[key]}名`;
}

/** Orders by a ranking, best first when ascending; no value stays last in either direction. */
function byRank(key: SortKey) {
  return (a: ChildStats, b: ChildStats, order?: SortOrder) => {
    const aNone = rateOf(a, key) === null;
    const bNone = rateOf(b, key) === null;
    // antd negates the result when descending: the sign is pre-flipped so that no value stays last.
    if (aNone !== bNone) return (aNone ? 1 : -1) * (order === 'descend' ? -1 : 1);
    return a.ranks[key] - b.ranks[key] || a.ranks.composite - b.ranks.composite;
  };
}

function RankingTable({ o }: { o: StatsOverview }) {
  const [sort, setSort] = useState<{ key: SortKey; order: SortOrder }>({ key: 'composite', order: 'ascend' });
  const sortKey = sort.order ? sort.key : 'composite';
  const sortOrderOf = (key: SortKey): SortOrder => (sort.key === key ? sort.order : null);
  const weights = Object.entries(o.weights)
    .map(([metric, w]) => `${labelOf(metric)} ${formatDecimal(w * 100, 1)}`)
    .join('、');

  const metricColumns: TableColumnType<ChildStats>[] = METRICS.map((m) => ({
    key: m.key,
    title: labelOf(m.part),
    align: 'right',
    sorter: byRank(m.key),
    sortOrder: sortOrderOf(m.key),
    render: (_, c) => (
      <Flex vertical align="flex-end">
        <Typography.Text strong={c.ranks[m.key] === 1 && c[m.key].rate !== null}>
          {pct(c[m.key].rate)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c[m.key].rate === null ? m.none : `${measureText(m.key, c[m.key])} · ${rankLabel(o, c, m.key)}`}
        </Typography.Text>
      </Flex>
    ),
  }));

  return (
    <Table<ChildStats>
      size="middle"
      rowKey={(c) => c.regionId}
      pagination={false}
      dataSource={[...o.children].sort(byRank('composite'))}
      showSorterTooltip={{ title: '按该指标排名排序（无数据的排在最后）' }}
      onChange={(_, __, sorter) => {
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        setSort({ key: (s?.columnKey as SortKey | undefined) ?? 'composite', order: s?.order ?? null });
      }}
      expandable={{
        expandedRowRender: (c) => <CompositeCalculation c={c} />,
        // The leader's calculation is open from the start, so that the score reads as a sum, not a verdict.
        defaultExpandedRowKeys: o.children.filter((c) => c.ranks.composite === 1).map((c) => c.regionId),
        columnTitle: (
          <Tooltip title="展开查看综合得分的计算">
            <span>计算</span>
          </Tooltip>
        ),
        columnWidth: 56,
      }}
      columns={[
        {
          key: 'rank',
          title:
            sortKey === 'composite'
              ? '排名'
              : `排名（${labelOf(METRICS.find((m) => m.key === sortKey)?.part ?? '')}）`,
          width: 130,
          render: (_, c) => (
            <Typography.Text strong data-testid={`rank-${c.regionId}`}>
              {rankLabel(o, c, sortKey)}
            </Typography.Text>
          ),
        },
        {
          key: 'region',
          title: childWord(o),
          render: (_, c) => (
            <Flex vertical>
              <Link to={`/projects?regionId=${c.regionId}`}>{c.regionName}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                项目 {c.projects} 个
              </Typography.Text>
            </Flex>
          ),
        },
        {
          key: 'composite',
          title: (
            <Tooltip title={`综合得分 = Σ 指标完成率（封顶100%）× 权重（${weights}）；无数据的指标记0分`}>
              综合得分
            </Tooltip>
          ),
          align: 'right',
          sorter: byRank('composite'),
          sortOrder: sortOrderOf('composite'),
          render: (_, c) => (
            <Flex vertical align="flex-end">
              <Typography.Text strong>{formatDecimal(c.composite.score, 1)}分</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {rankLabel(o, c, 'composite')}
              </Typography.Text>
            </Flex>
          ),
        },
        ...metricColumns,
      ]}
    />
  );
}

/** The scope's own place among its siblings on new 市重大 and 区重点 entries — the query behind "列全市第一". */
function OwnPlace({ params }: { params: StatsParams }) {
  const city = useSiblingRank(params, 'city').data;
  const district = useSiblingRank(params, 'district').data;
  if (!city || !district) return null;
  const line = (r: SiblingRank) =>
    `新增${LIBRARY_LEVEL_LABELS[r.level]}入库${r.value}个，${r.text ?? `${r.among}其他区域尚无数据，不排位次`}`;
  return (
    <Card size="small" data-testid="own-place">
      <Typography.Text>
        {city.region.name}在{city.among}：{line(city)}；{line(district)}。
      </Typography.Text>
    </Card>
  );
}

export function RankingsPage() {
  const [params, setParams] = useStatsParams();
  const overview = useStatsOverview(params);
  const o = overview.data;
  return (
    <PageContainer
      title="排名"
      description={
        o
          ? `${o.region.name} · ${o.year}年1至${o.month}月 · 序时进度 ${pct(o.schedule)}。点击${childWord(o)}名称查看其项目清单，点击表头按该指标排序`
          : '各板块按投资完成率、开工率、入库完成率、问题办结率和综合得分排名'
      }
      extra={
        <Flex gap={8} wrap>
          <StatsFilters params={params} setParams={setParams} overview={o} />
        </Flex>
      }
    >
      {overview.error && <ErrorAlert error={overview.error} onRetry={() => overview.refetch()} />}
      <OwnPlace params={params} />
      {!o ? (
        !overview.error && <Skeleton active />
      ) : o.children.length === 0 ? (
        <Card>
          <Empty description={`${o.region.name}没有下级区域可比较，请在“统计范围”中选择上一级`} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <Card size="small" data-testid="rank-leaders">
            <Flex vertical gap={4}>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {leaderSentence(o, 'composite')}
              </Typography.Text>
              <Typography.Text type="secondary">
                {METRICS.map((m) => leaderSentence(o, m.key)).join('；')}
              </Typography.Text>
            </Flex>
          </Card>
          <Card size="small" title={`各${childWord(o)}排名（${o.children.length} 个，并列者名次相同）`}>
            <RankingTable o={o} />
          </Card>
        </Flex>
      )}
    </PageContainer>
  );
}
