import type { ParcelMatch, ProjectMatch } from '@groundbreak/contract';
import { Flex, Popover, Progress, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';

// A matching score shown with its parts (地等项目): area fit, use and industry, planning conditions, list
// readiness and timing, each with its points out of its weight and the sentence that explains them.

type Scored = { total: number; parts: ParcelMatch['parts'] };

export function ScoreCell({ score }: { score: Scored }) {
  return (
    <Popover
      title={`匹配度 ${score.total.toFixed(0)} 分`}
      content={
        <Flex vertical gap={6} style={{ width: 320 }}>
          {score.parts.map((p) => (
            <div key={p.part}>
              <Flex justify="space-between">
                <Typography.Text strong>{p.label}</Typography.Text>
                <Typography.Text>
                  {p.points.toFixed(1)} / {p.weight}
                </Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.explanation}
              </Typography.Text>
            </div>
          ))}
        </Flex>
      }
    >
      <Flex align="center" gap={8} style={{ cursor: 'help' }}>
        <Progress percent={Math.round(score.total)} size={[80, 8]} showInfo={false} />
        <Typography.Text strong>{score.total.toFixed(0)}</Typography.Text>
      </Flex>
    </Popover>
  );
}

/** The parts as small columns, so that a list of matches can be compared at a glance. */
export function partColumns<T extends Scored>(): ColumnsType<T> {
  const labels = ['面积', '用途产业', '规划条件', '清单', '时间'];
  return labels.map((label, i) => ({
    title: label,
    width: 80,
    align: 'right' as const,
    render: (_: unknown, row: T) => {
      const part = row.parts[i];
      return part ? (
        <Popover content={part.explanation}>
          <span style={{ cursor: 'help' }}>
            {part.points.toFixed(0)}
            <Typography.Text type="secondary">/{part.weight}</Typography.Text>
          </span>
        </Popover>
      ) : null;
    },
  }));
}

export function MatchTable<T extends ParcelMatch | ProjectMatch>({
  rows,
  rowKey,
  columns,
  action,
  loading,
  empty,
}: {
  rows: T[];
  rowKey: (row: T) => string;
  columns: ColumnsType<T>;
  action?: (row: T, index: number) => ReactNode;
  loading: boolean;
  empty: ReactNode;
}) {
  return (
    <Table<T>
      size="small"
      rowKey={rowKey}
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: empty }}
      columns={[
        { title: '排名', width: 56, render: (_, __, i) => i + 1 },
        ...columns,
        { title: '匹配度', width: 150, render: (_, row) => <ScoreCell score={row} /> },
        ...partColumns<T>(),
        ...(action
          ? [{ title: '', width: 110, render: (_: unknown, row: T, i: number) => action(row, i) }]
          : []),
      ]}
    />
  );
}
