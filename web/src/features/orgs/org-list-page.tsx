import type { Org } from '@groundbreak/contract';
import { ORG_KIND_LABELS, ORG_KINDS } from '@groundbreak/contract';
import { Tag } from 'antd';
import { useMemo, useState } from 'react';
import { ListActions } from '../../components/list-actions';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { exportHref, useListSearchParams } from '../../components/use-list-search-params';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useOrgList } from './api';
import { OrgDetailDrawer } from './org-detail-drawer';

const SORT_FIELDS = ['name', 'kind', 'code'] as const;
const KIND_OPTIONS = ORG_KINDS.map((kind) => ({ value: kind, label: ORG_KIND_LABELS[kind] }));

const COLUMNS: ListColumn<Org>[] = [
  { key: 'name', title: '名称', sortField: 'name', isRequired: true, render: (org) => org.name },
  { key: 'shortName', title: '简称', render: (org) => org.shortName },
  {
    key: 'kind',
    title: '机构类型',
    sortField: 'kind',
    render: (org) => <Tag variant="filled">{ORG_KIND_LABELS[org.kind]}</Tag>,
  },
  { key: 'code', title: '机构代码', sortField: 'code', render: (org) => org.code },
  { key: 'regionName', title: '所属区划', render: (org) => org.regionName },
];

/** 组织机构: departments, 板块 committees and enterprises that projects and tasks are assigned to. */
export function OrgListPage() {
  const regions = useRegions();
  const filters = useMemo<ListFilter[]>(
    () => [
      { key: 'q', label: '关键词', kind: 'text', placeholder: '名称、简称或代码' },
      { key: 'kind', label: '机构类型', kind: 'select', options: KIND_OPTIONS },
      {
        key: 'regionId',
        label: '所属区划',
        kind: 'tree-select',
        treeData: regions.data ? toRegionTreeOptions(regions.data.items) : [],
        isSecondary: true,
      },
    ],
    [regions.data],
  );
  const state = useListSearchParams({ filters, sortFields: SORT_FIELDS, defaultSort: 'name' });
  const result = useOrgList(state.query);
  const [selected, setSelected] = useState<Org>();

  return (
    <PageContainer
      title="组织机构"
      description="区级部门、板块管委会/镇政府和企业；项目、审批事项和问题都交办到这里的单位"
    >
      <ListPage<Org>
        listId="orgs"
        state={state}
        filters={filters}
        columns={COLUMNS}
        result={result}
        rowKey={(org) => org.id}
        actions={
          <ListActions
            onExport={() => window.location.assign(exportHref('/api/orgs/export', state.query))}
            unavailableReason="组织机构维护功能建设中"
          />
        }
        onRowClick={setSelected}
        emptyText="暂无组织机构，请联系管理员导入组织机构名录"
      />
      <OrgDetailDrawer org={selected} onClose={() => setSelected(undefined)} onSaved={setSelected} />
    </PageContainer>
  );
}
