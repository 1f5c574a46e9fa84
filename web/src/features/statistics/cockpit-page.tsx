import {
  CopyOutlined,
  DesktopOutlined,
  DownloadOutlined,
  EditOutlined,
  FileTextOutlined,
} from '@ant-design/icons';
import type { ChildStats, Measure, StatsOverview, TierStats } from '@groundbreak/contract';
import { COMPOSITE_METRIC_LABELS, LIBRARY_LEVEL_LABELS } from '@groundbreak/contract';
import { formatPercentOf, formatYiOf, scheduleGapText } from '@groundbreak/domain';
import {
  App,
  Button,
  Card,
  Col,
  Drawer,
  Dropdown,
  Empty,
  Flex,
  Row,
  Skeleton,
  Statistic,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { type ChartClick, EChart } from '../../components/echart';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { copyText } from '../../lib/clipboard';
import { escapeHtml } from '../../lib/html';
import { LIGHT_COLORS } from '../../theme';
import { useCan } from '../auth/use-current-user';
import { type StatsParams, useBriefing, useCreateBriefing, useStatsOverview } from './api';
import { StatsFilters } from './stats-filters';

// 领导驾驶舱: the figures of a scope and period (the district, or one of its 板块) against targets and 序时:
// each tier's 投资完成率, 开工率, 竣工率 and new library entries; investment by month; the 板块 compared and
// ranked; the lights, the lifecycle funnel. Every chart and card drills down to the project list with the
// filters that produced its number. The briefing of the same scope and period is one click away.

const YI = 100_000_000;
/** Rates and 亿元 as the offices publish them (domain/statistics): one decimal, trailing zeros trimmed. */
export const pct = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '—' : formatPercentOf(rate, 1);
export const yi = (yuan: number) => formatYiOf(yuan, 2);

/** Reads year, month and region from the URL (bookmarkable), defaulting to this year's last closed month. */
export function useStatsParams(): [StatsParams, (next: Partial<StatsParams>) => void] {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || dayjs().year();
  const month = Number(params.get('month')) || undefined;
  const regionId = params.get('regionId') ?? undefined;
  const set = (next: Partial<StatsParams>) => {
    const merged = { year, month, regionId, ...next };
    const out = new URLSearchParams(params);
    for (const [k, v] of Object.entries(merged)) {
      if (v === undefined || v === null || v === '') out.delete(k);
      else out.set(k, String(v));
    }
    setParams(out);
  };
  return [{ year, month, regionId }, set];
}

function gapText(rate: number | null, schedule: number): string {
  return rate === null ? '无年度计划' : scheduleGapText(rate, schedule);
}

function MeasureLine({ label, m, unit = '个' }: { label: string; m: Measure; unit?: string }) {
  return (
    <Flex justify="space-between" gap={8}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <span>
        {m.value}
        {m.of !== null ? ` / ${m.of}` : ''} {unit}
        <Typography.Text strong style={{ marginLeft: 8 }}>
          {pct(m.rate)}
        </Typography.Text>
      </span>
    </Flex>
  );
}

function TierCard({
  tier,
  o,
  onOpen,
}: {
  tier: TierStats;
  o: StatsOverview;
  onOpen: (query: string) => void;
}) {
  const behind = tier.gapPoints !== null && tier.gapPoints < 0;
  return (
    <Card
      size="small"
      hoverable
      title={`${LIBRARY_LEVEL_LABELS[tier.level]}项目 ${tier.projects} 个`}
      onClick={() => onOpen(`level=${tier.level}&year=${o.year}`)}
      data-testid={`tier-${tier.level}`}
    >
      <Statistic
        title={`投资完成率（序时 ${pct(o.schedule)}）`}
        value={pct(tier.investment.rate)}
        valueStyle={{ color: behind ? '#cf1322' : '#389e0d' }}
      />
      <Typography.Text type={behind ? 'danger' : 'secondary'}>
        {yi(tier.investment.value)} / {tier.investment.of === null ? '—' : yi(tier.investment.of)} 亿元，
        {gapText(tier.investment.rate, o.schedule)}
      </Typography.Text>
      <Flex vertical gap={4} style={{ marginTop: 12 }}>
        <MeasureLine label="开工率（新建项目）" m={tier.starts} />
        <MeasureLine label="竣工率" m={tier.completions} />
        <MeasureLine label="新入库 / 年度目标" m={tier.entries} />
      </Flex>
    </Card>
  );
}

export function investmentOption(o: StatsOverview, dark = false) {
  const plan = o.investment.of;
  const months = o.investmentByMonth.map((m) => `${m.month}月`);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${Number(v).toFixed(2)} 亿元` },
    legend: { top: 0, ...(dark ? { textStyle: { color: '#d9d9d9' } } : {}) },
    grid: { left: 56, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: '亿元' },
    series: [
      {
        name: '本月完成',
        type: 'bar',
        data: o.investmentByMonth.map((m) => m.monthYuan / YI),
        itemStyle: { color: '#91caff' },
      },
      {
        name: '累计完成',
        type: 'line',
        data: o.investmentByMonth.map((m) => m.cumulativeYuan / YI),
        itemStyle: { color: '#1677ff' },
      },
      ...(plan
        ? [
            {
              name: '序时进度',
              type: 'line',
              symbol: 'none',
              lineStyle: { type: 'dashed' },
              itemStyle: { color: '#faad14' },
              data: o.investmentByMonth.map((m) => (plan * m.month) / 12 / YI),
            },
          ]
        : []),
    ],
  };
}

export function childrenOption(o: StatsOverview, dark = false) {
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (items: { dataIndex: number }[]) => {
        const c = o.children[items[0]?.dataIndex ?? 0];
        if (!c) return '';
        return `${escapeHtml(c.regionName)}<br/>项目 ${c.projects} 个<br/>投资完成率 ${pct(c.investment.rate)}（${yi(c.investment.value)}亿元）<br/>综合得分 ${c.composite.score.toFixed(1)}（第${c.ranks.composite}名）`;
      },
    },
    grid: { left: 48, right: 16, top: 24, bottom: 64 },
    xAxis: {
      type: 'category',
      data: o.children.map((c) => c.regionName),
      axisLabel: { interval: 0, rotate: 30, ...(dark ? { color: '#d9d9d9' } : {}) },
    },
    yAxis: {
      type: 'value',
      name: '%',
      max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10),
    },
    series: [
      {
        name: '投资完成率',
        type: 'bar',
        data: o.children.map((c) =>
          c.investment.rate === null ? 0 : Math.round(c.investment.rate * 1000) / 10,
        ),
        itemStyle: { color: '#4096ff' },
        markLine: {
          symbol: 'none',
          label: { position: 'insideEndTop', formatter: `序时 ${pct(o.schedule)}` },
          lineStyle: { color: '#faad14', type: 'dashed' },
          data: [{ yAxis: Math.round(o.schedule * 1000) / 10 }],
        },
      },
    ],
  };
}

export function lightsOption(o: StatsOverview, dark = false) {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 个（{d}%）' },
    legend: { bottom: 0, ...(dark ? { textStyle: { color: '#d9d9d9' } } : {}) },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        label: { formatter: '{b} {c}', ...(dark ? { color: '#f0f0f0' } : {}) },
        data: [
          { name: '红灯', value: o.lights.red, itemStyle: { color: LIGHT_COLORS.red } },
          { name: '黄灯', value: o.lights.yellow, itemStyle: { color: LIGHT_COLORS.yellow } },
          { name: '绿灯', value: o.lights.green, itemStyle: { color: LIGHT_COLORS.green } },
        ],
      },
    ],
  };
}

export function funnelOption(o: StatsOverview, dark = false) {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 个' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: 16,
        width: '62%',
        top: 8,
        bottom: 8,
        label: { position: 'right', formatter: '{b} {c}', ...(dark ? { color: '#f0f0f0' } : {}) },
        data: o.funnel.map((f) => ({ name: f.label, value: f.count })),
      },
    ],
  };
}

function RankingTable({ o, onOpen }: { o: StatsOverview; onOpen: (c: ChildStats) => void }) {
  const weights = Object.entries(o.weights)
    .map(([k, w]) => `${METRIC_LABELS[k] ?? k} ${Math.round(w * 100)}%`)
    .join('、');
  return (
    <Table<ChildStats>
      size="small"
      rowKey={(c) => c.regionId}
      pagination={false}
      dataSource={[...o.children].sort((a, b) => a.ranks.composite - b.ranks.composite)}
      onRow={(c) => ({ onClick: () => onOpen(c), style: { cursor: 'pointer' } })}
      scroll={{ x: 760 }}
      columns={[
        { title: '综合排名', render: (_, c) => c.ranks.composite, width: 80, align: 'center' },
        { title: o.region.level === 'district' ? '板块' : '区域', render: (_, c) => c.regionName },
        { title: '项目', render: (_, c) => c.projects, align: 'right', width: 60 },
        {
          title: '投资完成率',
          render: (_, c) => `${pct(c.investment.rate)}（${c.ranks.investment}）`,
          align: 'right',
        },
        { title: '开工率', render: (_, c) => `${pct(c.starts.rate)}（${c.ranks.starts}）`, align: 'right' },
        {
          title: '入库完成率',
          render: (_, c) => `${pct(c.entries.rate)}（${c.ranks.entries}）`,
          align: 'right',
        },
        {
          title: '问题办结率',
          render: (_, c) => `${pct(c.problems.rate)}（${c.ranks.problems}）`,
          align: 'right',
        },
        {
          title: (
            <Tooltip title={`综合得分 = Σ 指标完成率（封顶100%）× 权重：${weights}；无目标的指标记0分`}>
              综合得分
            </Tooltip>
          ),
          render: (_, c) => (
            <Tooltip
              title={c.composite.parts
                .map(
                  (p) =>
                    `${METRIC_LABELS[p.metric] ?? p.metric} ${pct(p.rate)} × ${Math.round(p.weight * 100)}% = ${p.points.toFixed(1)}`,
                )
                .join('；')}
            >
              <Typography.Text strong>{c.composite.score.toFixed(1)}</Typography.Text>
            </Tooltip>
          ),
          align: 'right',
        },
      ]}
    />
  );
}

/** The composite score's metrics by name (shared with the 板块 summary sheet). */
export const METRIC_LABELS = COMPOSITE_METRIC_LABELS;

/** The standard reports of the period and scope shown, as the offices exchange them (Excel). */
function ReportsMenu({ year, month, regionId }: { year: number; month: number; regionId: string }) {
  const q = `year=${year}&month=${month}&regionId=${regionId}`;
  const items = [
    ...(['province', 'city', 'district'] as const).map((level) => ({
      key: level,
      label: (
        <a href={`/api/stats/reports/progress?level=${level}&${q}`} download>
          {LIBRARY_LEVEL_LABELS[level]}项目月度推进表
        </a>
      ),
    })),
    {
      key: 'subareas',
      label: (
        <a href={`/api/stats/reports/subareas?${q}`} download>
          分板块汇总表
        </a>
      ),
    },
    {
      key: 'problems',
      label: (
        <a href={`/api/stats/reports/problems?${q}`} download>
          问题台账
        </a>
      ),
    },
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      <Button icon={<DownloadOutlined />}>导出报表</Button>
    </Dropdown>
  );
}

function BriefingDrawer({
  params,
  period,
  open,
  onClose,
}: {
  params: StatsParams;
  /** The period and scope the cockpit shows, which a saved briefing is generated for. */
  period: { year: number; month: number; regionId: string } | undefined;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const canWrite = useCan('stats.write');
  const create = useCreateBriefing();
  const briefing = useBriefing(params, open);
  const b = briefing.data;
  const text = b ? [b.title, ...b.paragraphs].join('\n') : '';
  return (
    <Drawer open={open} onClose={onClose} title="简报" width={720}>
      {briefing.error && <ErrorAlert error={briefing.error} onRetry={() => briefing.refetch()} />}
      {!b ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Title level={4} style={{ textAlign: 'center' }} data-testid="briefing-title">
            {b.title}
          </Typography.Title>
          {b.paragraphs.map((p) => (
            <Typography.Paragraph key={p} style={{ textIndent: '2em', margin: 0 }}>
              {p}
            </Typography.Paragraph>
          ))}
          {b.redList.length > 0 && (
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => r.projectId}
              dataSource={b.redList}
              columns={[
                { title: '红灯项目', dataIndex: 'name' },
                { title: '板块', dataIndex: 'regionName', width: 120 },
                { title: '原因', dataIndex: 'explanation' },
              ]}
            />
          )}
          {b.problems.length > 0 && (
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => r.id}
              dataSource={b.problems}
              columns={[
                { title: '主要问题', render: (_, p) => `${p.problemNo} ${p.title}` },
                { title: '项目', dataIndex: 'projectName' },
                { title: '办理时限', dataIndex: 'dueOn', width: 110 },
              ]}
            />
          )}
          <Button
            icon={<CopyOutlined />}
            onClick={() =>
              void copyText(text).then((ok) =>
                ok ? message.success('已复制简报正文') : message.error('复制失败，请手动选择文字复制'),
              )
            }
          >
            复制正文
          </Button>
          {canWrite && period && (
            <Button
              type="primary"
              icon={<EditOutlined />}
              loading={create.isPending}
              data-testid="save-briefing"
              onClick={() =>
                create.mutate(period, {
                  onSuccess: (res) => navigate(`/statistics/briefings/${res.id}`),
                  onError: (e) => void message.error(e.message),
                })
              }
            >
              存为草稿，修改后印发
            </Button>
          )}
        </Flex>
      )}
    </Drawer>
  );
}

export function CockpitPage() {
  const navigate = useNavigate();
  const [params, setParams] = useStatsParams();
  const overview = useStatsOverview(params);
  const o = overview.data;
  const [briefingOpen, setBriefingOpen] = useState(false);
  const openList = (query: string) => navigate(`/projects?${query}`);
  const options = useMemo(
    () =>
      o
        ? {
            investment: investmentOption(o),
            children: childrenOption(o),
            lights: lightsOption(o),
            funnel: funnelOption(o),
          }
        : undefined,
    [o],
  );

  return (
    <PageContainer
      title="领导驾驶舱"
      description={
        o
          ? `${o.region.name} · ${o.year}年1至${o.month}月 · 序时进度 ${pct(o.schedule)}（已过 ${o.month} 个月） · 数据时间 ${dayjs(o.computedAt).format('HH:mm:ss')}。点击任一卡片、柱或扇区查看对应项目清单`
          : '各层级重大项目的投资、开工、竣工、入库与亮灯'
      }
      extra={
        <Flex gap={8} wrap>
          <StatsFilters params={params} setParams={setParams} overview={o} />
          <Button icon={<FileTextOutlined />} onClick={() => setBriefingOpen(true)}>
            生成简报
          </Button>
          {o && <ReportsMenu year={o.year} month={o.month} regionId={o.region.id} />}
          <Button
            icon={<DesktopOutlined />}
            onClick={() =>
              navigate(
                `/statistics/big-screen?year=${params.year}${params.month ? `&month=${params.month}` : ''}${params.regionId ? `&regionId=${params.regionId}` : ''}`,
              )
            }
          >
            大屏
          </Button>
        </Flex>
      }
    >
      {overview.error && <ErrorAlert error={overview.error} onRetry={() => overview.refetch()} />}
      {!o || !options ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Row gutter={[16, 16]}>
            {o.tiers.map((t) => (
              <Col key={t.level} xs={24} md={8}>
                <TierCard tier={t} o={o} onOpen={openList} />
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <Card
                size="small"
                title={`投资完成（列入年度计划的 ${o.plannedProjects} 个项目）：${yi(o.investment.value)} 亿元，${pct(o.investment.rate)}，${gapText(o.investment.rate, o.schedule)}`}
              >
                <EChart option={options.investment} testId="chart-investment" />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card
                size="small"
                title={`亮灯分布（${o.lightsMonth ? `${o.lightsMonth}关账时的正式亮灯` : '当前'}，点击查看红黄灯清单）`}
              >
                <EChart
                  option={options.lights}
                  testId="chart-lights"
                  onClick={(e: ChartClick) =>
                    e.name === '绿灯'
                      ? undefined
                      : navigate(`/scheduling/lights?light=${e.name === '红灯' ? 'red' : 'yellow'}`)
                  }
                />
              </Card>
            </Col>
          </Row>
          {o.children.length > 0 && (
            <Card
              size="small"
              title={`各${o.region.level === 'district' ? '板块' : '区域'}投资完成率（点击柱查看该${o.region.level === 'district' ? '板块' : '区域'}的项目）`}
            >
              <EChart
                option={options.children}
                height={320}
                testId="chart-children"
                onClick={(e) => {
                  const c = o.children[e.dataIndex];
                  if (c) openList(`regionId=${c.regionId}`);
                }}
              />
            </Card>
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card size="small" title="项目全生命周期漏斗（点击查看该阶段及以后的项目）">
                <EChart
                  option={options.funnel}
                  testId="chart-funnel"
                  onClick={(e) => {
                    const f = o.funnel[e.dataIndex];
                    if (f) openList(`state=${f.states.join(',')}`);
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card
                size="small"
                title={`问题办结率 ${pct(o.problems.rate)}（${o.problems.value}/${o.problems.of ?? 0}）· 帮办满意率 ${pct(o.satisfaction.rate)}（${o.satisfaction.value}/${o.satisfaction.of ?? 0}）`}
              >
                {o.children.length > 0 ? (
                  <RankingTable o={o} onOpen={(c) => openList(`regionId=${c.regionId}`)} />
                ) : (
                  <Empty description="本级没有下级区域可比较" />
                )}
              </Card>
            </Col>
          </Row>
        </Flex>
      )}
      <BriefingDrawer
        params={params}
        period={o ? { year: o.year, month: o.month, regionId: o.region.id } : undefined}
        open={briefingOpen}
        onClose={() => setBriefingOpen(false)}
      />
    </PageContainer>
  );
}
