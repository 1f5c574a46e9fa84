import type { ApprovalQueueItem } from '@groundbreak/contract';
import { APPROVAL_STATUS_LABELS } from '@groundbreak/contract';
import { APPROVAL_STATUSES } from '@groundbreak/domain';
import { Alert, Button, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { formatDate } from '../../lib/format';
import { useCurrentUser } from '../auth/use-current-user';
import { useApprovalQueue } from './api';
import { ApprovalItemDrawer, ApprovalStatusTag, deptLabel, limitLabel, SlaTag } from './approval-parts';

// 审批待办: the department's items over every project in its scope that are 受理 (or in 预审), soonest due
// first — the list a 部门经办 works down each morning. 区发改 sees every department's.

const FILTERS: ListFilter[] = [
  { key: 'q', label: '搜索', kind: 'text', placeholder: '事项、项目名称或编号' },
  {
    key: 'sla',
    label: '时限',
    kind: 'select',
    options: [
      { value: 'overdue', label: '超期' },
      { value: 'due_soon', label: '临期（按审批规则的剩余工作日）' },
    ],
  },
  {
    key: 'status',
    label: '状态',
    kind: 'multi-select',
    options: APPROVAL_STATUSES.map((s) => ({ value: s, label: APPROVAL_STATUS_LABELS[s] })),
    isSecondary: true,
  },
];

const COLUMNS: ListColumn<ApprovalQueueItem>[] = [
  { key: 'name', title: '审批事项', sortField: 'name', isRequired: true, width: 220, render: (i) => i.name },
  {
    key: 'project',
    title: '项目',
    isRequired: true,
    render: (i) => (
      <span>
        {i.project.name}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {i.project.internalNo} · {i.project.regionName}
        </Typography.Text>
      </span>
    ),
  },
  {
    key: 'dept',
    title: '主管部门',
    width: 130,
    isHiddenByDefault: true,
    render: (i) => deptLabel(i.deptKind),
  },
  { key: 'status', title: '状态', width: 110, render: (i) => <ApprovalStatusTag item={i} /> },
  {
    key: 'accepted',
    title: '受理日期',
    sortField: 'acceptedOn',
    width: 110,
    render: (i) => formatDate(i.acceptedOn),
  },
  { key: 'limit', title: '时限', width: 100, render: (i) => limitLabel(i) },
  { key: 'due', title: '到期日', sortField: 'dueOn', width: 110, render: (i) => formatDate(i.dueOn) },
  { key: 'sla', title: '时限状态', width: 190, render: (i) => <SlaTag item={i} /> },
];

export function ApprovalQueuePage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const state = useListSearchParams({
    filters: FILTERS,
    sortFields: ['dueOn', 'acceptedOn', 'name'],
    defaultSort: 'dueOn',
  });
  const result = useApprovalQueue(state.query);
  const [selected, setSelected] = useState<ApprovalQueueItem>();
  const current = selected ? (result.data?.items.find((i) => i.id === selected.id) ?? selected) : undefined;
  return (
    <PageContainer
      title="审批待办"
      description={`${user.orgName}：范围内项目已受理、容缺受理和预审中的审批事项，按到期日排序；时限按法定工作日计算`}
    >
      {result.data?.totalCapped && (
        <Alert
          type="info"
          showIcon
          title="待办超过 1000 项：列表只列出到期最早的 1000 项，请用搜索或时限筛选缩小范围"
        />
      )}
      <ListPage<ApprovalQueueItem>
        listId="approval-queue"
        state={state}
        filters={FILTERS}
        columns={COLUMNS}
        result={result}
        rowKey={(i) => i.id}
        onRowClick={setSelected}
        emptyText="没有待办的审批事项"
      />
      {current && (
        <ApprovalItemDrawer
          projectId={current.project.id}
          item={current}
          onClose={() => setSelected(undefined)}
          extra={
            <Button onClick={() => navigate(`/projects/${current.project.id}?tab=approvals`)}>
              查看项目
            </Button>
          }
        />
      )}
    </PageContainer>
  );
}
