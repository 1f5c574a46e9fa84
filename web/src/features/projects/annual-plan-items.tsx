import { PAGE_SIZES, START_CATEGORY_LABELS } from '@groundbreak/contract';
import { START_CATEGORIES } from '@groundbreak/domain';
import type { TableProps } from 'antd';
import { Flex, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { formatTotal, formatWan } from '../../lib/format';
import { useAnnualPlanItems } from './plans-api';

interface PlanItem {
  projectId: string;
  internalNo: string;
  name: string;
  regionName: string;
  startCategory: (typeof START_CATEGORIES)[number];
  completing: boolean;
  plannedInvestment: number;
}

/** The projects of one approved version of the annual plan, paged and sorted on the server. */
export function PlanItems({ year, version }: { year: number; version: number }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[0]);
  const [sort, setSort] = useState<string>('-plannedInvestment');
  const [startCategory, setStartCategory] = useState<string>();
  const query = { version, page, pageSize, sort, startCategory };
  const { data, error, isPending, isFetching, refetch } = useAnnualPlanItems(year, query, true);

  const columns: TableProps<PlanItem>['columns'] = [
    { key: 'internalNo', title: '内部编号', render: (_, item) => item.internalNo },
    {
      key: 'name',
      title: '项目名称',
      sorter: true,
      sortOrder: sort === 'name' ? 'ascend' : sort === '-name' ? 'descend' : null,
      render: (_, item) => <Link to={`/projects/${item.projectId}`}>{item.name}</Link>,
    },
    { key: 'regionName', title: '所属板块', render: (_, item) => item.regionName },
    {
      key: 'category',
      title: '计划类别',
      render: (_, item) => (
        <Flex gap={4}>
          <Tag variant="filled">{START_CATEGORY_LABELS[item.startCategory]}</Tag>
          {item.completing && <Tag color="green">当年竣工</Tag>}
        </Flex>
      ),
    },
    {
      key: 'plannedInvestment',
      title: '年度计划投资（万元）',
      align: 'right',
      sorter: true,
      sortOrder: sort === 'plannedInvestment' ? 'ascend' : sort === '-plannedInvestment' ? 'descend' : null,
      render: (_, item) => formatWan(item.plannedInvestment),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center">
        <span>计划类别</span>
        <Select
          value={startCategory}
          onChange={(next: string | undefined) => {
            setStartCategory(next);
            setPage(1);
          }}
          allowClear
          placeholder="全部计划类别"
          aria-label="计划类别"
          style={{ width: 180 }}
          options={START_CATEGORIES.map((value) => ({ value, label: START_CATEGORY_LABELS[value] }))}
        />
      </Flex>
      {error ? <ErrorAlert error={error} onRetry={() => refetch()} /> : null}
      <Table<PlanItem>
        rowKey="projectId"
        size="middle"
        loading={isPending || isFetching}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort') {
            const single = Array.isArray(sorter) ? sorter[0] : sorter;
            const field = single?.columnKey === 'name' ? 'name' : 'plannedInvestment';
            setSort(
              single?.order === 'ascend'
                ? field
                : single?.order === 'descend'
                  ? `-${field}`
                  : '-plannedInvestment',
            );
            setPage(1);
          } else {
            setPage(pagination.pageSize !== pageSize ? 1 : (pagination.current ?? 1));
            setPageSize(pagination.pageSize ?? pageSize);
          }
        }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES.map(String),
          showSizeChanger: true,
          showTotal: formatTotal,
        }}
      />
    </Flex>
  );
}
