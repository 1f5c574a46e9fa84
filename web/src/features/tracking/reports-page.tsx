import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { MonthlyReportListItem } from '@groundbreak/contract';
import { REPORT_KIND_LABELS, REPORT_STATUS_LABELS, REPORT_STATUSES } from '@groundbreak/domain';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Progress,
  Row,
  Segmented,
  Skeleton,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { formatDate, formatDateTime, yuanToWanText } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { useMissingReports, useMonthlyReports } from './api';
import { ReportStatusTag } from './report-parts';

// 月报: a month's reports in scope — the 板块's and 区发改's review list — and, per 板块, who owes the
// month's report and has not submitted it. A row opens the report; a missing project opens its form.

const FILTERS: ListFilter[] = [
  {
    key: 'status',
    label: '状态',
    kind: 'select',
    options: REPORT_STATUSES.map((s) => ({ value: s, label: REPORT_STATUS_LABELS[s] })),
  },
];

const COLUMNS: ListColumn<MonthlyReportListItem>[] = [
  { key: 'no', title: '编号', sortField: 'internalNo', width: 130, render: (r) => r.project.internalNo },
  {
    key: 'project',
    title: '项目',
    isRequired: true,
    render: (r) => (
      <span>
        {r.project.name}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {r.project.regionName} · {REPORT_KIND_LABELS[r.kind]}
        </Typography.Text>
      </span>
    ),
  },
  {
    key: 'status',
    title: '状态',
    width: 110,
    render: (r) => <ReportStatusTag status={r.status} />,
  },
  {
    key: 'month',
    title: '本月完成（万元）',
    width: 140,
    align: 'right',
    render: (r) => yuanToWanText(r.monthYuan),
  },
  {
    key: 'ytd',
    title: '自年初累计（万元）',
    width: 150,
    align: 'right',
    render: (r) => yuanToWanText(r.ytdYuan),
  },
  { key: 'progress', title: '形象进度', isHiddenByDefault: false, render: (r) => r.progressText ?? '—' },
  {
    key: 'submitted',
    title: '提交时间',
    sortField: 'submittedAt',
    width: 150,
    render: (r) => (r.submittedAt ? formatDateTime(r.submittedAt) : '—'),
  },
];

function MissingCards({ month }: { month: string }) {
  const missing = useMissingReports(month);
  if (missing.error) return <ErrorAlert error={missing.error} onRetry={() => void missing.refetch()} />;
  if (!missing.data) return <Skeleton active />;
  if (missing.data.regions.length === 0) return <Empty description={`${month} 没有应报月报的项目`} />;
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">
        截止日期 {formatDate(missing.data.dueOn)}；已提交（含审核中、已确认）计为已报。
      </Typography.Text>
      <Row gutter={[12, 12]}>
        {missing.data.regions.map((r) => (
          <Col key={r.regionId} xs={24} md={12} xl={8}>
            <Card size="small" title={r.regionName} data-testid={`missing-${r.regionName}`}>
              <Flex align="center" gap={12}>
                <Progress
                  type="circle"
                  size={56}
                  percent={r.owing === 0 ? 100 : Math.round((r.submitted / r.owing) * 100)}
                />
                <span>
                  应报 {r.owing} · 已报 {r.submitted} ·{' '}
                  <Typography.Text type={r.missing.length > 0 ? 'danger' : 'secondary'}>
                    未报 {r.missing.length}
                  </Typography.Text>
                </span>
              </Flex>
              {r.missing.slice(0, 8).map((p) => (
                <div key={p.id} style={{ marginTop: 4 }}>
                  <Link to={`/projects/${p.id}/reports/${month}`}>
                    {p.internalNo} {p.name}
                  </Link>
                </div>
              ))}
              {r.missing.length > 8 && (
                <Typography.Text type="secondary">另有 {r.missing.length - 8} 个项目未报</Typography.Text>
              )}
            </Card>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}

export function ReportsPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '')
    ? (params.get('month') as string)
    : dayjs().format('YYYY-MM');
  const [view, setView] = useState<'list' | 'missing'>('list');
  const canImport = useCan('report.write');
  const state = useListSearchParams({
    filters: FILTERS,
    sortFields: ['internalNo', 'submittedAt'],
    defaultSort: 'internalNo',
  });
  const result = useMonthlyReports({ ...state.query, month });
  return (
    <PageContainer
      title="月报"
      description="每月25日前（12月为20日）由企业或板块填报，板块审核、区发改确认后锁定；未开工项目填报前期工作进展"
      extra={
        <Flex gap={8} wrap>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            onChange={(d) => {
              if (!d) return;
              const next = new URLSearchParams(params);
              next.set('month', d.format('YYYY-MM'));
              next.delete('page');
              setParams(next);
            }}
            aria-label="报告期"
          />
          <Button icon={<DownloadOutlined />} href={`/api/monthly-reports/export?month=${month}`}>
            导出填报表
          </Button>
          {canImport && (
            <Button
              icon={<UploadOutlined />}
              onClick={() => navigate(`/scheduling/reports/import?month=${month}`)}
            >
              导入
            </Button>
          )}
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'list' | 'missing')}
            options={[
              { value: 'list', label: '已填报' },
              { value: 'missing', label: '未报情况' },
            ]}
          />
        </Flex>
      }
    >
      {view === 'missing' ? (
        <MissingCards month={month} />
      ) : (
        <ListPage<MonthlyReportListItem>
          listId="monthly-reports"
          state={state}
          filters={FILTERS}
          columns={COLUMNS}
          result={result}
          rowKey={(r) => r.id}
          onRowClick={(r) => navigate(`/projects/${r.project.id}/reports/${r.month}`)}
          emptyText={`${month} 尚无月报`}
        />
      )}
    </PageContainer>
  );
}
