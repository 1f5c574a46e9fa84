import { DownloadOutlined } from '@ant-design/icons';
import type { AuditEntry } from '@groundbreak/contract';
import { AUDIT_ACTION_LABELS, AUDIT_RESULT_LABELS, AUDIT_RESULTS } from '@groundbreak/contract';
import { Button, Typography } from 'antd';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { exportHref, useListSearchParams } from '../../components/use-list-search-params';
import { EMPTY_VALUE, formatDateTime } from '../../lib/format';
import { useAuditList } from './api';
import { AuditResultTag, AuditSummary, auditActionLabel, auditRolesLabel } from './audit-labels';

const SORT_FIELDS = ['at'] as const;

const FILTERS: ListFilter[] = [
  { key: 'from', label: '开始日期', kind: 'date' },
  { key: 'to', label: '结束日期', kind: 'date' },
  { key: 'username', label: '用户名', kind: 'text', placeholder: '操作人的用户名' },
  {
    key: 'action',
    label: '操作',
    kind: 'select',
    options: Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label })),
  },
  {
    key: 'result',
    label: '结果',
    kind: 'select',
    options: AUDIT_RESULTS.map((result) => ({ value: result, label: AUDIT_RESULT_LABELS[result] })),
    isSecondary: true,
  },
  {
    key: 'objectType',
    label: '对象类型',
    kind: 'text',
    placeholder: '如 user、enterprise',
    isSecondary: true,
  },
  { key: 'objectId', label: '对象编号', kind: 'text', isSecondary: true },
];

function Code({ value }: { value: string | null }) {
  if (!value) return <Typography.Text type="secondary">{EMPTY_VALUE}</Typography.Text>;
  return (
    <Typography.Text code copyable={{ text: value, tooltips: ['复制', '已复制'] }} style={{ fontSize: 12 }}>
      {value.length > 13 ? `${value.slice(0, 8)}…${value.slice(-4)}` : value}
    </Typography.Text>
  );
}

const COLUMNS: ListColumn<AuditEntry>[] = [
  {
    key: 'at',
    title: '时间',
    sortField: 'at',
    isRequired: true,
    render: (entry) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</span>,
  },
  { key: 'username', title: '用户', render: (entry) => entry.username ?? EMPTY_VALUE },
  { key: 'roles', title: '角色', render: (entry) => auditRolesLabel(entry.roles) || EMPTY_VALUE },
  { key: 'action', title: '操作', render: (entry) => auditActionLabel(entry.action) },
  { key: 'objectType', title: '对象类型', render: (entry) => entry.objectType ?? EMPTY_VALUE },
  { key: 'objectId', title: '对象编号', render: (entry) => <Code value={entry.objectId} /> },
  { key: 'result', title: '结果', render: (entry) => <AuditResultTag result={entry.result} /> },
  { key: 'ip', title: 'IP 地址', render: (entry) => entry.ip ?? EMPTY_VALUE },
  {
    key: 'requestId',
    title: '请求编号',
    render: (entry) => <Code value={entry.requestId} />,
    isHiddenByDefault: true,
  },
];

/** 审计日志: who did what, when, from where, and with what result (audit administrator; read-only). */
export function AuditLogPage() {
  const state = useListSearchParams({ filters: FILTERS, sortFields: SORT_FIELDS, defaultSort: '-at' });
  const result = useAuditList(state.query);

  return (
    <PageContainer
      title="审计日志"
      description="登录、账号与权限变更、业务数据修改的完整记录，只可查询，不可修改或删除；点击行首 + 查看详情"
    >
      <ListPage<AuditEntry>
        listId="audit"
        state={state}
        filters={FILTERS}
        columns={COLUMNS}
        result={result}
        rowKey={(entry) => entry.id}
        actions={
          <Button icon={<DownloadOutlined />} href={exportHref('/api/audit/export', state.query)}>
            导出
          </Button>
        }
        emptyText="没有审计记录"
        expandable={{
          expandedRowRender: (entry) => <AuditSummary summary={entry.summary} />,
          rowExpandable: (entry) => entry.summary !== null && entry.summary !== undefined,
        }}
      />
    </PageContainer>
  );
}
