import { LockOutlined } from '@ant-design/icons';
import type { LightListResponse } from '@groundbreak/contract';
import { LIBRARY_LEVEL_LABELS, LIGHT_LABELS, LIGHT_RULE_LABELS } from '@groundbreak/contract';
import { LIBRARY_LEVELS, LIGHT_RULES } from '@groundbreak/domain';
import { App, Button, Card, Flex, Modal, Select, Space, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Light } from '../../components/light';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { formatDate, formatDateTime } from '../../lib/format';
import { useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useCloseMonth, useLightList, useTrackingMonths } from './api';

// 红黄灯: the red and yellow projects of the scope, each with the rules that lit it in words and numbers —
// live (recomputed when a fact changes and every night) or as frozen at a month's close. 区发改 closes the
// month here.

type Row = LightListResponse['items'][number];

const COLUMNS: ListColumn<Row>[] = [
  {
    key: 'light',
    title: '亮灯',
    sortField: 'light',
    width: 90,
    render: (r) => <Light color={r.light} explanation={LIGHT_LABELS[r.light]} showText />,
  },
  {
    key: 'project',
    title: '项目',
    sortField: 'internalNo',
    isRequired: true,
    width: 260,
    render: (r) => (
      <span>
        {r.project.name}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {r.project.internalNo} · {r.project.regionName}
          {r.project.levels.length > 0 &&
            ` · ${r.project.levels.map((l) => LIBRARY_LEVEL_LABELS[l as (typeof LIBRARY_LEVELS)[number]] ?? l).join('、')}`}
        </Typography.Text>
      </span>
    ),
  },
  { key: 'since', title: '亮灯日期', sortField: 'since', width: 110, render: (r) => formatDate(r.since) },
  {
    key: 'why',
    title: '说明',
    isRequired: true,
    width: 640,
    render: (r) => (
      <Flex vertical gap={2} data-testid="light-findings">
        {r.findings.map((f) => (
          <span key={f.rule} style={{ display: 'flex', gap: 6, alignItems: 'baseline' }}>
            <Light color={f.light} explanation={LIGHT_LABELS[f.light]} />
            <Typography.Text>
              <Typography.Text type="secondary">{LIGHT_RULE_LABELS[f.rule]}：</Typography.Text>
              {f.explanation}
            </Typography.Text>
          </span>
        ))}
        {r.stale && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            数据已变化，亮灯将在几分钟内重算
          </Typography.Text>
        )}
      </Flex>
    ),
  },
];

function CloseMonthButton({ next }: { next: { month: string; defaultCloseOn: string } }) {
  const { message } = App.useApp();
  const close = useCloseMonth();
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button icon={<LockOutlined />} onClick={() => setOpen(true)}>
        月度关账
      </Button>
      <Modal
        open={isOpen}
        title={`关账 ${next.month}`}
        okText="确认关账"
        okButtonProps={{ danger: true, loading: close.isPending }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          close.mutate(next.month, {
            onSuccess: (res) => {
              setOpen(false);
              void message.success(`${res.month} 已关账，冻结 ${res.projects} 个项目的正式亮灯`);
            },
          })
        }
      >
        <Typography.Paragraph>
          关账后：{next.month} 的月报不能再修改或提交；序时进度按 {next.month}
          计算；今天的亮灯冻结为该月正式亮灯，可随时回看。
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          未手动关账的月份将在默认关账日（{formatDate(next.defaultCloseOn)}）次日凌晨自动关账。关账不可撤销。
        </Typography.Paragraph>
        <SubmitErrorAlert error={close.error} />
      </Modal>
    </>
  );
}

export function LightsPage() {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const regions = useRegions();
  const months = useTrackingMonths();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? '';
  const filters = useMemo<ListFilter[]>(
    () => [
      { key: 'q', label: '关键词', kind: 'text', placeholder: '项目名称或编号' },
      {
        key: 'light',
        label: '灯色',
        kind: 'select',
        options: [
          { value: 'red', label: '红灯' },
          { value: 'yellow', label: '黄灯' },
        ],
      },
      {
        key: 'rule',
        label: '规则',
        kind: 'select',
        options: LIGHT_RULES.map((r) => ({ value: r, label: LIGHT_RULE_LABELS[r] })),
      },
      {
        key: 'regionId',
        label: '板块',
        kind: 'tree-select',
        treeData: regions.data
          ? toRegionTreeOptions(
              regions.data.items,
              user.regionScopes.map((r) => r.id),
            )
          : [],
      },
      {
        key: 'level',
        label: '级别',
        kind: 'select',
        options: LIBRARY_LEVELS.map((l) => ({ value: l, label: LIBRARY_LEVEL_LABELS[l] })),
      },
    ],
    [regions.data, user.regionScopes],
  );
  const state = useListSearchParams({ filters, sortFields: ['light', 'since', 'internalNo'] });
  const result = useLightList({ ...state.query, ...(month ? { month } : {}) });
  const counts = result.data?.counts;
  const setMonth = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set('month', value);
    else next.delete('month');
    next.delete('page');
    setParams(next);
  };
  return (
    <PageContainer
      title="红黄灯"
      description="按亮灯规则自动计算：事实变化后即时或几分钟内重算，每晚全量重算；月度关账时冻结为当月正式亮灯。每条说明写明规则、数据和亮灯日期。"
      extra={
        <Space wrap>
          <Select
            aria-label="亮灯口径"
            style={{ width: 200 }}
            value={month}
            onChange={setMonth}
            options={[
              { value: '', label: '实时亮灯' },
              ...(months.data?.items ?? []).map((m) => ({
                value: m.month,
                label: `${m.month} 正式亮灯（${formatDate(m.closedOn)}关账）`,
              })),
            ]}
          />
          {months.data?.canClose && <CloseMonthButton next={months.data.next} />}
        </Space>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Card
          size="small"
          hoverable
          onClick={() => state.setFilter('light', 'red')}
          style={{ minWidth: 140 }}
        >
          <Statistic
            title={<Light color="red" explanation="红灯" showText />}
            value={counts?.red ?? '—'}
            suffix="个"
          />
        </Card>
        <Card
          size="small"
          hoverable
          onClick={() => state.setFilter('light', 'yellow')}
          style={{ minWidth: 140 }}
        >
          <Statistic
            title={<Light color="yellow" explanation="黄灯" showText />}
            value={counts?.yellow ?? '—'}
            suffix="个"
          />
        </Card>
        <Typography.Text type="secondary" style={{ alignSelf: 'flex-end' }}>
          {month
            ? `${month} 关账时的正式亮灯`
            : result.data?.computedAt
              ? `最近计算 ${formatDateTime(result.data.computedAt)}`
              : ''}
        </Typography.Text>
      </Flex>
      <ListPage<Row>
        listId="lights"
        state={state}
        filters={filters}
        columns={COLUMNS}
        result={result}
        rowKey={(r) => r.project.id}
        onRowClick={(r) => navigate(`/projects/${r.project.id}?tab=tracking`)}
        emptyText={month ? `${month} 关账时没有红黄灯项目` : '当前没有红灯或黄灯项目'}
      />
    </PageContainer>
  );
}
