import type { StatsOverview } from '@groundbreak/contract';
import { Button, DatePicker, Select } from 'antd';
import dayjs from 'dayjs';
import type { StatsParams } from './api';

// The period and scope of every statistics page (驾驶舱, 排名, 计划与目标): the year, the month the period
// runs to, and the region (the scope's own or one of its children). A fragment, so that each page puts
// its own buttons beside it in the same toolbar.

export function StatsFilters({
  params,
  setParams,
  overview,
}: {
  params: StatsParams;
  setParams: (next: Partial<StatsParams>) => void;
  overview: StatsOverview | undefined;
}) {
  const o = overview;
  return (
    <>
      <DatePicker
        picker="year"
        allowClear={false}
        value={dayjs(`${params.year}-01-01`)}
        onChange={(d) => d && setParams({ year: d.year(), month: undefined })}
        aria-label="年度"
      />
      <Select
        style={{ width: 110 }}
        value={o?.month ?? params.month}
        onChange={(m) => setParams({ month: m })}
        options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `截至${i + 1}月` }))}
        aria-label="截至月份"
      />
      <Select
        style={{ width: 180 }}
        value={o?.region.id}
        onChange={(id) => setParams({ regionId: id })}
        options={
          o
            ? [
                { value: o.region.id, label: o.region.name },
                ...o.children.map((c) => ({ value: c.regionId, label: `　${c.regionName}` })),
              ]
            : []
        }
        aria-label="统计范围"
      />
      {params.regionId && <Button onClick={() => setParams({ regionId: undefined })}>返回本级</Button>}
    </>
  );
}
