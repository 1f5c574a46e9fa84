import { ReloadOutlined } from '@ant-design/icons';
import type { ListResult } from '@groundbreak/contract';
import { PAGE_SIZES } from '@groundbreak/contract';
import type { TableProps } from 'antd';
import { Button, Card, Empty, Flex, Skeleton, Table, Tooltip } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import type { Key, ReactNode } from 'react';
import { useEffect, useMemo } from 'react';
import { isForbidden } from '../lib/error-kinds';
import { formatTotal } from '../lib/format';
import type { ChoosableColumn } from './column-chooser';
import { ColumnChooser, useColumnVisibility } from './column-chooser';
import { ErrorAlert } from './error-alert';
import { ForbiddenResult } from './forbidden-result';
import { ListFilters } from './list-filters';
import type { ListFilter, ListState } from './use-list-search-params';

export interface ListColumn<T> extends ChoosableColumn {
  render: (record: T) => ReactNode;
  /** The API's sort field for this column; a column without one is not sortable. */
  sortField?: string;
  width?: number;
  align?: 'left' | 'right' | 'center';
  ellipsis?: boolean;
  /** Keeps the column in view while the table scrolls sideways (row actions on the right). */
  fixed?: 'left' | 'right';
}

/** The parts of a TanStack Query result the list needs. */
export interface ListQueryResult<T> {
  data: ListResult<T> | undefined;
  error: unknown;
  isPending: boolean;
  isFetching: boolean;
  refetch: () => unknown;
}

export interface ListPageProps<T> {
  /** Remembers the column choice per list, e.g. 'orgs'. */
  listId: string;
  state: ListState;
  filters: readonly ListFilter[];
  columns: readonly ListColumn<T>[];
  result: ListQueryResult<T>;
  rowKey: (record: T) => string;
  /** 新建 / 导入 / 导出 on the right of the toolbar. */
  actions?: ReactNode;
  onRowClick?: (record: T) => void;
  /** What to do when the list is empty, e.g. 暂无项目，点击"新建"或"导入". */
  emptyText: ReactNode;
  /** Rows that open in place to show more (e.g. the summary of an audit entry). */
  expandable?: TableProps<T>['expandable'];
}

function toSortOrder(sort: string | undefined, field: string | undefined) {
  if (!sort || !field) return null;
  if (sort === field) return 'ascend' as const;
  if (sort === `-${field}`) return 'descend' as const;
  return null;
}

function fromSorter<T>(sorter: SorterResult<T> | SorterResult<T>[]): string | undefined {
  const single = Array.isArray(sorter) ? sorter[0] : sorter;
  const field = single?.columnKey;
  if (!single?.order || typeof field !== 'string') return undefined;
  return single.order === 'descend' ? `-${field}` : field;
}

/**
 * The list page every module uses (ui.md "Lists"): filters above, toolbar actions on the right,
 * a server-paged, server-sorted table with a column chooser and 共 N 条, state in the URL.
 */
export function ListPage<T>(props: ListPageProps<T>) {
  const { listId, state, filters, columns, result, rowKey, actions, onRowClick, emptyText, expandable } =
    props;
  const { data, error, isPending, isFetching } = result;
  const visibility = useColumnVisibility(listId, columns);

  // A bookmarked page past the end (rows were deleted since): go to the last page instead of an empty one.
  const lastPage = data ? Math.max(1, Math.ceil(data.total / state.pageSize)) : undefined;
  useEffect(() => {
    if (lastPage !== undefined && data && data.items.length === 0 && state.page > lastPage) {
      state.setPage(lastPage, state.pageSize);
    }
  }, [lastPage, data, state]);

  const tableColumns = useMemo<NonNullable<TableProps<T>['columns']>>(
    () =>
      columns
        .filter((column) => visibility.isVisible(column.key))
        .map((column) => ({
          key: column.sortField ?? column.key,
          title: column.title,
          width: column.width,
          align: column.align,
          ellipsis: column.ellipsis,
          fixed: column.fixed,
          render: (_: unknown, record: T) => column.render(record),
          sorter: column.sortField !== undefined,
          sortDirections: ['ascend', 'descend'],
          sortOrder: toSortOrder(state.sort, column.sortField),
        })),
    [columns, visibility, state.sort],
  );

  const handleTableChange: TableProps<T>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') state.setSort(fromSorter(sorter));
    else if (extra.action === 'paginate') {
      state.setPage(pagination.current ?? 1, pagination.pageSize ?? state.pageSize);
    }
  };

  const empty = state.hasActiveFilters ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合筛选条件的记录，请调整或清空筛选条件">
      <Button onClick={state.resetFilters}>清空筛选</Button>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
  );

  // Not this user's list at all: 无权访问 instead of an error above an empty table.
  if (isForbidden(error)) return <ForbiddenResult />;

  return (
    <Card variant="borderless" style={{ minWidth: 0 }}>
      <Flex vertical gap={16}>
        <ListFilters filters={filters} state={state} />
        <Flex justify="flex-end" align="center" gap={8} wrap>
          {actions}
          <Tooltip title="刷新">
            <Button icon={<ReloadOutlined />} aria-label="刷新" onClick={() => result.refetch()} />
          </Tooltip>
          <ColumnChooser
            columns={columns}
            isVisible={visibility.isVisible}
            onChange={visibility.setVisibleKeys}
            onReset={visibility.reset}
          />
        </Flex>
        {error ? <ErrorAlert error={error} onRetry={() => result.refetch()} /> : null}
        {isPending && !data ? (
          <Skeleton active title={false} paragraph={{ rows: 8 }} />
        ) : (
          <Table<T>
            rowKey={(record) => rowKey(record) as Key}
            columns={tableColumns}
            dataSource={data?.items ?? []}
            loading={isFetching && !isPending}
            size="middle"
            scroll={{ x: 'max-content' }}
            showSorterTooltip={{ title: '点击排序' }}
            locale={{ emptyText: empty }}
            expandable={expandable}
            onChange={handleTableChange}
            onRow={
              onRowClick
                ? (record) => ({ onClick: () => onRowClick(record), style: { cursor: 'pointer' } })
                : undefined
            }
            pagination={{
              current: state.page,
              pageSize: state.pageSize,
              total: data?.total ?? 0,
              pageSizeOptions: PAGE_SIZES.map(String),
              showSizeChanger: true,
              showQuickJumper: (data?.total ?? 0) > state.pageSize * 5,
              showTotal: formatTotal,
            }}
          />
        )}
      </Flex>
    </Card>
  );
}
