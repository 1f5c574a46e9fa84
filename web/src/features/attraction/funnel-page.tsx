import type { FunnelResponse, FunnelStage } from '@groundbreak/contract';
import { FUNNEL_STAGE_LABELS, FUNNEL_STAGES } from '@groundbreak/contract';
import type { TableProps } from 'antd';
import { Card, Col, DatePicker, Flex, Radio, Row, Skeleton, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { EChart } from '../../components/echart';
import { ErrorAlert } from '../../components/error-alert';
import { ForbiddenResult } from '../../components/forbidden-result';
import { PageContainer } from '../../components/page-container';
import { isForbidden } from '../../lib/error-kinds';
import { EMPTY_VALUE, formatNumber, formatRate } from '../../lib/format';
import { useFunnel } from './api';

// 招商漏斗: how many leads registered in a period reached each stage (线索 → 在谈 → 签约 → 立项 → 开工), the
// conversion from each stage to the next and the median days spent in it — for the scope, and per 板块 or
// per 招商来源 side by side.

type Figures = FunnelResponse['total'];

/** Short stage names for the conversion columns (线索→在谈), so the table fits a laptop. */
const SHORT: Record<FunnelStage, string> = {
  LEAD: '线索',
  NEGOTIATING: '在谈',
  SIGNED: '签约',
  FILED: '立项',
  STARTED: '开工',
};
type GroupBy = 'region' | 'source';

const days = (value: number | null | undefined) =>
  value === null || value === undefined ? EMPTY_VALUE : `${formatNumber(value, 1)} 天`;

function rateOf(f: Figures, from: FunnelStage): number | null {
  return f.rates.find((r) => r.from === from)?.rate ?? null;
}

function funnelOption(total: Figures) {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 个' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: 16,
        width: '60%',
        top: 8,
        bottom: 8,
        minSize: '8%',
        label: { position: 'right', formatter: '{b} {c}' },
        data: FUNNEL_STAGES.map((s) => ({ name: FUNNEL_STAGE_LABELS[s], value: total.counts[s] ?? 0 })),
      },
    ],
  };
}

/** 阶段 · 数量 · 转化到下一阶段 · 停留天数（中位数）for the whole scope. */
function StageTable({ total }: { total: Figures }) {
  const rows = FUNNEL_STAGES.map((stage, index) => ({ stage, next: FUNNEL_STAGES[index + 1] }));
  return (
    <Table
      size="small"
      rowKey="stage"
      pagination={false}
      dataSource={rows}
      data-testid="funnel-stages"
      columns={[
        { key: 'stage', title: '阶段', render: (_, r) => FUNNEL_STAGE_LABELS[r.stage] },
        { key: 'count', title: '数量', align: 'right', render: (_, r) => total.counts[r.stage] ?? 0 },
        {
          key: 'rate',
          title: '转化率',
          align: 'right',
          render: (_, r) =>
            r.next ? `${formatRate(rateOf(total, r.stage))} → ${FUNNEL_STAGE_LABELS[r.next]}` : EMPTY_VALUE,
        },
        {
          key: 'days',
          title: '停留天数（中位数）',
          align: 'right',
          render: (_, r) => (r.next ? days(total.medianDays[r.stage]) : EMPTY_VALUE),
        },
      ]}
    />
  );
}

/** One row per 板块 or 来源: the count of each stage, the conversions and the median days. */
function GroupTable({ data }: { data: FunnelResponse }) {
  const columns: TableProps<Figures>['columns'] = [
    {
      key: 'label',
      title: data.groupBy === 'region' ? '板块' : '招商来源',
      fixed: 'left',
      render: (_, g) => g.label,
    },
    ...FUNNEL_STAGES.map((stage) => ({
      key: `count-${stage}`,
      title: FUNNEL_STAGE_LABELS[stage],
      align: 'right' as const,
      render: (_: unknown, g: Figures) => g.counts[stage] ?? 0,
    })),
    ...FUNNEL_STAGES.slice(0, -1).map((stage, index) => {
      const next = FUNNEL_STAGES[index + 1] as FunnelStage;
      return {
        key: `rate-${stage}`,
        title: `${SHORT[stage]}→${SHORT[next]}`,
        align: 'right' as const,
        render: (_: unknown, g: Figures) => (
          <Flex vertical gap={0} align="flex-end">
            <span>{formatRate(rateOf(g, stage))}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {days(g.medianDays[stage])}
            </Typography.Text>
          </Flex>
        ),
      };
    }),
  ];
  return (
    <Table<Figures>
      size="small"
      rowKey="key"
      pagination={false}
      columns={columns}
      dataSource={data.groups}
      scroll={{ x: 'max-content' }}
      data-testid="funnel-groups"
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>
            <Typography.Text strong>合计</Typography.Text>
          </Table.Summary.Cell>
          {FUNNEL_STAGES.map((stage, index) => (
            <Table.Summary.Cell key={stage} index={index + 1} align="right">
              <Typography.Text strong>{data.total.counts[stage] ?? 0}</Typography.Text>
            </Table.Summary.Cell>
          ))}
          {FUNNEL_STAGES.slice(0, -1).map((stage, index) => (
            <Table.Summary.Cell key={`r-${stage}`} index={FUNNEL_STAGES.length + index + 1} align="right">
              <Typography.Text strong>{formatRate(rateOf(data.total, stage))}</Typography.Text>
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      )}
    />
  );
}

export function FunnelPage() {
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const groupBy: GroupBy = params.get('groupBy') === 'source' ? 'source' : 'region';
  const query = useMemo(() => ({ from, to, groupBy }), [from, to, groupBy]);
  const funnel = useFunnel(query);
  const option = useMemo(() => (funnel.data ? funnelOption(funnel.data.total) : undefined), [funnel.data]);

  function set(next: Record<string, string | undefined>) {
    setParams((previous) => {
      const out = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(next)) {
        if (value) out.set(key, value);
        else out.delete(key);
      }
      return out;
    });
  }

  if (isForbidden(funnel.error)) return <ForbiddenResult />;
  const year = dayjs().year();
  return (
    <PageContainer
      title="招商漏斗"
      description="按登记日期统计期内登记的线索走到了哪一步：各阶段数量、转化率和停留天数（中位数）"
    >
      <Card size="small" variant="borderless">
        <Flex gap={16} wrap align="center">
          <Flex gap={8} align="center">
            <span>登记日期</span>
            <DatePicker.RangePicker
              aria-label="登记日期"
              value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
              allowEmpty={[true, true]}
              presets={[
                { label: '今年', value: [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)] },
                { label: '去年', value: [dayjs(`${year - 1}-01-01`), dayjs(`${year - 1}-12-31`)] },
                { label: '近 12 个月', value: [dayjs().subtract(12, 'month'), dayjs()] },
              ]}
              onChange={(range) =>
                set({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
              }
            />
          </Flex>
          <Radio.Group
            optionType="button"
            value={groupBy}
            onChange={(event) => set({ groupBy: event.target.value === 'source' ? 'source' : undefined })}
            options={[
              { value: 'region', label: '按板块' },
              { value: 'source', label: '按来源' },
            ]}
          />
          {!from && !to && <Typography.Text type="secondary">未选日期：全部线索</Typography.Text>}
        </Flex>
      </Card>
      {funnel.error ? <ErrorAlert error={funnel.error} onRetry={() => void funnel.refetch()} /> : null}
      {!funnel.data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={11}>
              <Card size="small" title="漏斗">
                {option && <EChart option={option} height={300} testId="funnel-chart" />}
              </Card>
            </Col>
            <Col xs={24} lg={13}>
              <Card size="small" title="各阶段转化">
                <StageTable total={funnel.data.total} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={groupBy === 'region' ? '分板块' : '分招商来源'}>
            <GroupTable data={funnel.data} />
          </Card>
        </>
      )}
    </PageContainer>
  );
}
