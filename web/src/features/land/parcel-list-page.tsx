import { GlobalOutlined, UploadOutlined } from '@ant-design/icons';
import type { ParcelListItem } from '@groundbreak/contract';
import { PARCEL_STATUS_LABELS, PARCEL_STATUSES, PARCEL_USE_LABELS } from '@groundbreak/contract';
import { Button, Flex, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ListActions } from '../../components/list-actions';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { exportHref, useListSearchParams } from '../../components/use-list-search-params';
import { formatArea } from '../../lib/format';
import { useCan, useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useParcelList } from './api';
import { GeojsonImportModal } from './geojson-import-modal';
import { ParcelFormModal } from './parcel-form-modal';
import { ApprovedUnsuppliedTag, IdleLight, ListProgress, ParcelStatusTag } from './parcel-tags';

const SORT_FIELDS = ['parcelNo', 'areaM2', 'status', 'updatedAt', 'idleDays'] as const;

const COLUMNS: ListColumn<ParcelListItem>[] = [
  {
    key: 'parcelNo',
    title: '地块编号',
    sortField: 'parcelNo',
    isRequired: true,
    width: 130,
    render: (p) => <Typography.Text strong>{p.parcelNo}</Typography.Text>,
  },
  {
    key: 'name',
    title: '地块名称',
    isRequired: true,
    render: (p) => (
      <span>
        {p.name}{' '}
        {p.isDemo ? (
          <Tag color="orange" variant="outlined">
            演示
          </Tag>
        ) : null}
      </span>
    ),
  },
  { key: 'regionName', title: '所属板块', width: 150, render: (p) => p.regionName },
  {
    key: 'areaM2',
    title: '面积',
    sortField: 'areaM2',
    align: 'right',
    width: 200,
    render: (p) => formatArea(p.areaM2),
  },
  { key: 'use', title: '规划用途', width: 110, render: (p) => PARCEL_USE_LABELS[p.use] },
  {
    key: 'status',
    title: '状态',
    sortField: 'status',
    width: 190,
    render: (p) => (
      <Flex gap={4} wrap>
        <ParcelStatusTag status={p.status} />
        <ApprovedUnsuppliedTag show={p.approvedUnsupplied} status={p.status} />
      </Flex>
    ),
  },
  {
    key: 'list',
    title: '用地清单',
    width: 210,
    render: (p) => <ListProgress done={p.listDone} total={p.listTotal} />,
  },
  {
    key: 'idle',
    title: '闲置预警',
    sortField: 'idleDays',
    width: 160,
    render: (p) => <IdleLight light={p.idleLight} days={p.idleDays} />,
  },
  {
    key: 'projectName',
    title: '关联项目',
    ellipsis: true,
    render: (p) => p.projectName ?? <Typography.Text type="secondary">待供</Typography.Text>,
  },
];

/** 地块台账: every parcel in the caller's scope, filterable by 板块, status, 批而未供, idle light and list. */
export function ParcelListPage() {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const regions = useRegions();
  const canWrite = useCan('land.write');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const filters: ListFilter[] = useMemo(
    () => [
      { key: 'q', label: '关键词', kind: 'text', placeholder: '地块编号、名称或宗地代码' },
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
        key: 'status',
        label: '状态',
        kind: 'multi-select',
        options: PARCEL_STATUSES.map((s) => ({ value: s, label: PARCEL_STATUS_LABELS[s] })),
      },
      {
        key: 'approvedUnsupplied',
        label: '批而未供',
        kind: 'select',
        options: [
          { value: 'true', label: '批而未供' },
          { value: 'false', label: '非批而未供' },
        ],
      },
      {
        key: 'idle',
        label: '闲置预警',
        kind: 'select',
        options: [
          { value: 'any', label: '黄灯或疑似闲置' },
          { value: 'yellow', label: '黄灯' },
          { value: 'suspected', label: '疑似闲置' },
        ],
        isSecondary: true,
      },
      {
        key: 'listComplete',
        label: '用地清单',
        kind: 'select',
        options: [
          { value: 'true', label: '清单完备' },
          { value: 'false', label: '清单未完备' },
        ],
        isSecondary: true,
      },
      {
        key: 'use',
        label: '规划用途',
        kind: 'select',
        options: Object.entries(PARCEL_USE_LABELS).map(([value, label]) => ({ value, label })),
        isSecondary: true,
      },
    ],
    [regions.data, user.regionScopes],
  );
  const state = useListSearchParams({ filters, sortFields: SORT_FIELDS, defaultSort: '-updatedAt' });
  const result = useParcelList(state.query);

  return (
    <PageContainer
      title="地块台账"
      description="规划预留、批而未供、储备净地到供地、开工和闲置处置，一宗地一条记录；“地等项目”从这里开始"
      extra={
        <Flex gap={8}>
          <Button icon={<GlobalOutlined />} onClick={() => navigate('/land/map')}>
            地图
          </Button>
          {canWrite ? (
            <Tooltip title="从 GIS 导出的 GeoJSON 导入地块红线">
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                导入边界
              </Button>
            </Tooltip>
          ) : null}
        </Flex>
      }
    >
      <ListPage<ParcelListItem>
        listId="parcels"
        state={state}
        filters={filters}
        columns={COLUMNS}
        result={result}
        rowKey={(p) => p.id}
        actions={
          <ListActions
            canCreate={canWrite}
            onCreate={() => setCreating(true)}
            onImport={canWrite ? () => navigate('/land/parcels/import') : undefined}
            onExport={() => window.location.assign(exportHref('/api/parcels/export', state.query))}
            unavailableReason="地块台账由自然资源和规划部门维护"
          />
        }
        onRowClick={(p) => navigate(`/land/parcels/${p.id}`)}
        emptyText={canWrite ? '暂无地块，点击“新建”或“导入”登记地块' : '您的数据范围内暂无地块'}
      />
      <ParcelFormModal
        open={creating}
        parcel={undefined}
        onClose={() => setCreating(false)}
        onSaved={(p) => {
          setCreating(false);
          navigate(`/land/parcels/${p.id}`);
        }}
      />
      <GeojsonImportModal open={importing} onClose={() => setImporting(false)} />
    </PageContainer>
  );
}
