import { REGION_KIND_LABELS, REGION_LEVEL_LABELS } from '@groundbreak/contract';
import type { TableProps } from 'antd';
import { Card, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { formatTotal } from '../../lib/format';
import { useRegions } from './api';
import type { RegionNode } from './region-tree';
import { buildRegionTree } from './region-tree';

const columns: TableProps<RegionNode>['columns'] = [
  { key: 'name', title: '名称', dataIndex: 'name', width: 280 },
  {
    key: 'code',
    title: '区划代码',
    dataIndex: 'code',
    width: 140,
    render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
  },
  { key: 'level', title: '层级', width: 100, render: (_, region) => REGION_LEVEL_LABELS[region.level] },
  { key: 'kind', title: '类型', width: 150, render: (_, region) => REGION_KIND_LABELS[region.kind] },
  {
    key: 'aliases',
    title: '别名',
    render: (_, region) =>
      region.aliases.length === 0 ? (
        <Typography.Text type="secondary">—</Typography.Text>
      ) : (
        <Flex wrap gap={4}>
          {region.aliases.map((alias) => (
            <Tag key={alias} variant="filled">
              {alias}
            </Tag>
          ))}
        </Flex>
      ),
  },
];

/** 行政区划: the region tree every record belongs to (reference data, read-only here). */
export function RegionTreePage() {
  const { data, error, isPending, refetch } = useRegions();
  const tree = useMemo(() => (data ? buildRegionTree(data.items) : []), [data]);
  const allKeys = useMemo(() => data?.items.map((region) => region.id) ?? [], [data]);

  return (
    <PageContainer
      title="行政区划"
      description="省 > 市 > 区(县) > 板块，每个项目、地块和任务都归属于一个板块；别名用于导入时识别简称"
      extra={
        data ? <Typography.Text type="secondary">{formatTotal(data.items.length)}</Typography.Text> : null
      }
    >
      {error ? <ErrorAlert error={error} onRetry={() => refetch()} /> : null}
      <Card variant="borderless">
        {isPending ? (
          <Skeleton active title={false} paragraph={{ rows: 10 }} />
        ) : (
          <Table<RegionNode>
            // Remount when the data arrives so every node starts expanded.
            key={allKeys.length}
            rowKey="id"
            columns={columns}
            dataSource={tree}
            pagination={false}
            size="middle"
            expandable={{ defaultExpandedRowKeys: allKeys }}
            locale={{ emptyText: <Empty description="暂无行政区划数据，请联系管理员导入区划" /> }}
          />
        )}
      </Card>
    </PageContainer>
  );
}
