import type { Enterprise } from '@groundbreak/contract';
import { Descriptions, Drawer, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ListActions } from '../../components/list-actions';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { useEnterpriseList } from './api';

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
];

/** 企业库: the companies behind projects, identified by 统一社会信用代码. */
export function EnterpriseListPage() {
  const state = useListSearchParams({ filters: FILTERS, sortFields: SORT_FIELDS, defaultSort: 'name' });
  const result = useEnterpriseList(state.query);
  const [selected, setSelected] = useState<Enterprise>();

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
        actions={<ListActions unavailableReason="企业维护功能建设中" />}
        onRowClick={setSelected}
        emptyText="暂无企业，项目登记时填写的企业会自动加入企业库"
      />
      <Drawer
        title={selected?.name ?? '企业'}
        open={selected !== undefined}
        onClose={() => setSelected(undefined)}
        size="large"
      >
        {selected && (
          <Descriptions
            column={1}
            bordered
            items={[
              { key: 'name', label: '企业名称', children: selected.name },
              {
                key: 'uscc',
                label: '统一社会信用代码',
                children: <Typography.Text copyable>{selected.uscc}</Typography.Text>,
              },
              { key: 'demo', label: '数据来源', children: selected.isDemo ? '演示数据' : '正式数据' },
            ]}
          />
        )}
      </Drawer>
    </PageContainer>
  );
}
