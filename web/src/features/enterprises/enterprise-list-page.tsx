import type { Enterprise } from '@groundbreak/contract';
import { Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ListActions } from '../../components/list-actions';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { exportHref, useListSearchParams } from '../../components/use-list-search-params';
import { useCan } from '../auth/use-current-user';
import { useEnterpriseList } from './api';
import { EnterpriseDetailDrawer } from './enterprise-detail-drawer';
import { EnterpriseFormModal } from './enterprise-form-modal';

const SORT_FIELDS = ['name', 'uscc', 'createdAt'] as const;
const FILTERS: ListFilter[] = [
  { key: 'q', label: '关键词', kind: 'text', placeholder: '企业名称或统一社会信用代码' },
];

function DemoTag({ enterprise }: { enterprise: Enterprise }) {
  if (!enterprise.isDemo) return null;
  return (
    <Tooltip title="演示环境自动生成的数据，不是真实企业">
      <Tag color="orange" variant="outlined">
        演示数据
      </Tag>
    </Tooltip>
  );
}

const COLUMNS: ListColumn<Enterprise>[] = [
  {
    key: 'name',
    title: '企业名称',
    sortField: 'name',
    isRequired: true,
    render: (enterprise) => (
      <span>
        {enterprise.name} <DemoTag enterprise={enterprise} />
      </span>
    ),
  },
  {
    key: 'uscc',
    title: '统一社会信用代码',
    sortField: 'uscc',
    render: (enterprise) => <Typography.Text code>{enterprise.uscc}</Typography.Text>,
  },
  { key: 'regionName', title: '所属区划', render: (enterprise) => enterprise.regionName },
];

/** 企业库: the companies behind projects, identified by 统一社会信用代码. */
export function EnterpriseListPage() {
  const state = useListSearchParams({ filters: FILTERS, sortFields: SORT_FIELDS, defaultSort: 'name' });
  const result = useEnterpriseList(state.query);
  const canWrite = useCan('enterprise.write');
  const [selected, setSelected] = useState<Enterprise>();
  const [editing, setEditing] = useState<{ enterprise?: Enterprise }>();

  return (
    <PageContainer
      title="企业库"
      description="项目业主和投资企业，以统一社会信用代码识别，同一企业只登记一次"
    >
      <ListPage<Enterprise>
        listId="enterprises"
        state={state}
        filters={FILTERS}
        columns={COLUMNS}
        result={result}
        rowKey={(enterprise) => enterprise.id}
        actions={
          <ListActions
            canCreate={canWrite}
            onCreate={() => setEditing({})}
            onExport={() => window.location.assign(exportHref('/api/enterprises/export', state.query))}
            unavailableReason="企业批量导入功能建设中"
          />
        }
        onRowClick={setSelected}
        emptyText={
          canWrite ? '暂无企业，点击"新建"登记企业' : '暂无企业，项目登记时填写的企业会自动加入企业库'
        }
      />
      <EnterpriseDetailDrawer
        enterprise={selected}
        onClose={() => setSelected(undefined)}
        onEdit={canWrite ? (enterprise) => setEditing({ enterprise }) : undefined}
      />
      <EnterpriseFormModal
        open={editing !== undefined}
        enterprise={editing?.enterprise}
        onClose={() => setEditing(undefined)}
        onSaved={(saved) => {
          setEditing(undefined);
          setSelected(saved);
        }}
      />
    </PageContainer>
  );
}
