import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { TargetMetric } from '@groundbreak/contract';
import { TARGET_METRICS } from '@groundbreak/contract';
import type { TableProps } from 'antd';
import { Button, Card, Empty, Flex, Progress, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { formatNumber, formatRate, formatYi } from '../../lib/format';
import { useRegions } from '../regions/api';
import { useTargets } from './plans-api';
import type { EditingTarget } from './target-modal';
import { isMoney, metricName, metricTitle, TargetModal } from './target-modal';

interface Target {
  regionId: string;
  regionName: string;
  metric: TargetMetric;
  value: number;
  actual: number | null;
  version: number;
}

interface RegionRow {
  regionId: string;
  regionName: string;
  byMetric: Partial<Record<TargetMetric, Target>>;
}

const formatAmount = (metric: TargetMetric, value: number) =>
  isMoney(metric) ? formatYi(value) : formatNumber(value, 0);

function TargetCell({ row, metric, onEdit }: { row: RegionRow; metric: TargetMetric; onEdit?: () => void }) {
  const target = row.byMetric[metric];
  const name = `${row.regionName} ${metricName(metric)}`;
  if (!target) {
    return (
      <Tooltip title={onEdit ? '未设目标，可点击右上角"设定目标"' : '未设目标'}>
        <Typography.Text type="secondary">—</Typography.Text>
      </Tooltip>
    );
  }
  const rate = target.actual !== null && target.value > 0 ? target.actual / target.value : null;
  return (
    <Flex role="group" aria-label={name} vertical gap={2} style={{ minWidth: 140 }}>
      <Flex align="baseline" gap={4}>
        {target.actual === null ? (
          <Tooltip title="年度完成投资随月报统计，月报模块上线后显示">
            <Typography.Text type="secondary">待统计</Typography.Text>
          </Tooltip>
        ) : (
          <Typography.Text strong style={{ fontSize: 16 }}>
            {formatAmount(metric, target.actual)}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">/ {formatAmount(metric, target.value)}</Typography.Text>
        {onEdit && (
          <Button
            type="text"
            size="small"
            icon={<EditOutlined />}
            onClick={onEdit}
            aria-label={`调整目标 ${name}`}
            style={{ marginInlineStart: 'auto' }}
          />
        )}
      </Flex>
      {rate !== null && (
        <Flex align="center" gap={8}>
          <Progress
            percent={Math.min(100, rate * 100)}
            showInfo={false}
            size="small"
            strokeColor={rate >= 1 ? '#52c41a' : '#1677ff'}
            style={{ margin: 0, flex: 1 }}
          />
          <span style={{ fontSize: 12, minWidth: 44, textAlign: 'right' }}>{formatRate(rate)}</span>
        </Flex>
      )}
    </Flex>
  );
}

/** 目标完成情况: one row per region, one column per metric — actual / target and the rate with a bar. */
export function TargetsCard({ year, canEdit }: { year: number; canEdit: boolean }) {
  const { data, error, isPending, refetch } = useTargets(year);
  const regions = useRegions();
  const [editing, setEditing] = useState<EditingTarget>();

  const { rows, metrics } = useMemo(() => {
    const byRegion = new Map<string, RegionRow>();
    for (const target of data ?? []) {
      const row = byRegion.get(target.regionId) ?? {
        regionId: target.regionId,
        regionName: target.regionName,
        byMetric: {},
      };
      row.byMetric[target.metric] = target;
      byRegion.set(target.regionId, row);
    }
    const regionOf = (id: string) => regions.data?.items.find((region) => region.id === id);
    const rank = (id: string) => {
      const region = regionOf(id);
      return region ? (region.level === 'subarea' ? 1000 : 0) + region.sortOrder : 2000;
    };
    const sorted = [...byRegion.values()].sort((a, b) => rank(a.regionId) - rank(b.regionId));
    const present = TARGET_METRICS.filter((metric) =>
      (data ?? []).some((target) => target.metric === metric),
    );
    return { rows: sorted, metrics: present };
  }, [data, regions.data]);

  const columns: TableProps<RegionRow>['columns'] = [
    {
      key: 'region',
      title: '区划',
      fixed: 'left',
      render: (_, row) => <Typography.Text strong>{row.regionName}</Typography.Text>,
    },
    ...metrics.map((metric) => ({
      key: metric,
      title: metricTitle(metric),
      render: (_: unknown, row: RegionRow) => (
        <TargetCell
          row={row}
          metric={metric}
          onEdit={
            canEdit
              ? () =>
                  setEditing({
                    regionId: row.regionId,
                    metric,
                    value: row.byMetric[metric]?.value,
                    version: row.byMetric[metric]?.version,
                  })
              : undefined
          }
        />
      ),
    })),
  ];

  return (
    <Card
      variant="borderless"
      title={`${year}年目标完成情况`}
      extra={
        canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing({})}>
            设定目标
          </Button>
        )
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          完成数按区划统计（含下属板块）：新入库按入库日期计入当年，新开工、竣工按实际日期计入当年；完成率保留一位小数。
        </Typography.Text>
        {error ? <ErrorAlert error={error} onRetry={() => refetch()} /> : null}
        <Table<RegionRow>
          rowKey="regionId"
          size="middle"
          loading={isPending}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={canEdit ? `尚未设定${year}年目标，点击"设定目标"` : `尚未设定${year}年目标`}
              />
            ),
          }}
        />
      </Flex>
      <TargetModal year={year} editing={editing} onClose={() => setEditing(undefined)} />
    </Card>
  );
}
