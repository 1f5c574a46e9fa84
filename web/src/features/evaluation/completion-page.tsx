import type { CompletionListItem, CompletionMetrics } from '@groundbreak/contract';
import { COMPLETION_STATUS_LABELS } from '@groundbreak/contract';
import { COMPLETION_STATUSES, PROJECT_STATE_LABELS, type ProjectState } from '@groundbreak/domain';
import { Card, Col, Flex, Row, Select, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { EMPTY_VALUE, formatDate, formatNumber, formatRate } from '../../lib/format';
import { useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useCompletionList, useCompletionMetrics } from './api';
import { CompletionStatusTag, CountCard, TitleDaysTag } from './evaluation-parts';

// 竣工即发证: the integrated applications of the caller's scope — where each stands and how many days the
// title took after joint acceptance — and the metric of §9.1: the share of completed projects that got the
// title the same day, and the average days, in total and per 板块. A row opens the project's tab.

const COLUMNS: ListColumn<CompletionListItem>[] = [
  {
    key: 'projectName',
    title: '项目',
    sortField: 'projectName',
    isRequired: true,
    render: (c) => (
      <span>
        {c.projectName}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {PROJECT_STATE_LABELS[c.projectState as ProjectState] ?? c.projectState}
        </Typography.Text>
      </span>
    ),
  },
  { key: 'region', title: '板块', width: 140, render: (c) => c.regionName },
  { key: 'status', title: '状态', width: 90, render: (c) => <CompletionStatusTag status={c.status} /> },
  {
    key: 'appliedOn',
    title: '申请日期',
    sortField: 'appliedOn',
    width: 110,
    render: (c) => formatDate(c.appliedOn),
  },
  { key: 'jointAcceptanceOn', title: '联合验收', width: 110, render: (c) => formatDate(c.jointAcceptanceOn) },
  {
    key: 'filingOn',
    title: '竣工备案',
    width: 110,
    render: (c) => formatDate(c.filingOn),
    isHiddenByDefault: true,
  },
  {
    key: 'titleOn',
    title: '发证日期',
    sortField: 'titleOn',
    width: 110,
    render: (c) => formatDate(c.titleOn),
  },
  { key: 'titleNo', title: '不动产权证书号', width: 200, render: (c) => c.titleNo ?? EMPTY_VALUE },
  {
    key: 'days',
    title: '验收到发证',
    sortField: 'daysAcceptanceToTitle',
    width: 130,
    render: (c) => <TitleDaysTag days={c.daysAcceptanceToTitle} />,
  },
];

const thisYear = new Date().getFullYear();
const YEAR_OPTIONS = Array.from({ length: 8 }, (_, i) => thisYear - i).map((y) => ({
  value: y,
  label: `${y}年`,
}));

function Metrics({ metrics }: { metrics: CompletionMetrics }) {
  const { total } = metrics;
  return (
    <Flex vertical gap={12}>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <CountCard title="已发证项目" value={total.issued} testId="completion-issued" />
        </Col>
        <Col xs={12} md={6}>
          <CountCard title="同日发证" value={total.sameDay} testId="completion-same-day" />
        </Col>
        <Col xs={12} md={6}>
          <CountCard
            title="同日发证占比"
            value={formatRate(total.sameDayShare)}
            extra="竣工项目中联合验收当日取得不动产权证书的比例"
            testId="completion-share"
          />
        </Col>
        <Col xs={12} md={6}>
          <CountCard
            title="验收到发证平均用时"
            value={total.averageDays === null ? EMPTY_VALUE : formatNumber(total.averageDays, 1)}
            suffix={total.averageDays === null ? undefined : '天'}
            extra="目标 0 天"
          />
        </Col>
      </Row>
      <Table
        size="small"
        rowKey="regionId"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={metrics.byRegion}
        locale={{ emptyText: '尚无发证的项目' }}
        columns={[
          { key: 'region', title: '板块', render: (_, r) => r.regionName },
          { key: 'issued', title: '已发证', align: 'right', render: (_, r) => r.issued },
          { key: 'sameDay', title: '同日发证', align: 'right', render: (_, r) => r.sameDay },
          {
            key: 'share',
            title: '同日发证占比',
            align: 'right',
            render: (_, r) => formatRate(r.sameDayShare),
          },
          {
            key: 'avg',
            title: '平均用时',
            align: 'right',
            render: (_, r) => (r.averageDays === null ? EMPTY_VALUE : `${formatNumber(r.averageDays, 1)} 天`),
          },
        ]}
      />
    </Flex>
  );
}

export function CompletionPage() {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const regions = useRegions();
  const [year, setYear] = useState<number>();
  const metrics = useCompletionMetrics(year);
  const filters = useMemo<ListFilter[]>(
    () => [
      { key: 'q', label: '项目', kind: 'text', placeholder: '项目名称' },
      {
        key: 'status',
        label: '状态',
        kind: 'select',
        options: COMPLETION_STATUSES.map((s) => ({ value: s, label: COMPLETION_STATUS_LABELS[s] })),
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
    ],
    [regions.data, user.regionScopes],
  );
  const state = useListSearchParams({
    filters,
    sortFields: ['titleOn', 'appliedOn', 'projectName', 'daysAcceptanceToTitle'],
    defaultSort: '-appliedOn',
  });
  const result = useCompletionList(state.query);
  return (
    <PageContainer
      title="竣工即发证"
      description="一并申请联合验收、竣工验收备案和不动产首次登记，三项结果同步发放；在项目的「竣工即发证」页签中申请和发证"
    >
      <Flex vertical gap={16}>
        <Card
          size="small"
          title="同日发证情况"
          extra={
            <Select
              allowClear
              placeholder="全部年度"
              aria-label="发证年度"
              style={{ width: 140 }}
              value={year}
              options={YEAR_OPTIONS}
              onChange={(v?: number) => setYear(v)}
            />
          }
        >
          {metrics.error && <ErrorAlert error={metrics.error} onRetry={() => void metrics.refetch()} />}
          {metrics.data && <Metrics metrics={metrics.data} />}
        </Card>
        <ListPage<CompletionListItem>
          listId="completion"
          state={state}
          filters={filters}
          columns={COLUMNS}
          result={result}
          rowKey={(c) => c.id}
          onRowClick={(c) => navigate(`/projects/${c.projectId}?tab=completion`)}
          emptyText="暂无竣工即发证申请：在建项目可在项目的「竣工即发证」页签中一并申请"
        />
      </Flex>
    </PageContainer>
  );
}
