import type { AuditEntry } from '@groundbreak/contract';
import { Button, Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { isNotFound } from '../../lib/error-kinds';
import { formatDateTime, formatTotal } from '../../lib/format';
import { AuditResultTag, AuditSummary, auditActionLabel } from './audit-labels';

const TIMELINE_COLORS: Record<AuditEntry['result'], string> = {
  success: 'blue',
  failure: 'red',
  denied: 'gray',
};

function TimelineEntry({ entry }: { entry: AuditEntry }) {
  const [isOpen, setOpen] = useState(false);
  const hasSummary = entry.summary !== null && entry.summary !== undefined;
  return (
    <Flex vertical gap={2}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(entry.at)}
      </Typography.Text>
      <Flex align="center" gap={8} wrap>
        <Typography.Text strong>{auditActionLabel(entry.action)}</Typography.Text>
        {entry.result !== 'success' && <AuditResultTag result={entry.result} />}
        <Typography.Text type="secondary">{entry.username ?? '系统'}</Typography.Text>
        {hasSummary && (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen((open) => !open)}>
            {isOpen ? '收起详情' : '查看详情'}
          </Button>
        )}
      </Flex>
      {isOpen && <AuditSummary summary={entry.summary} />}
    </Flex>
  );
}

interface AuditTimelineProps {
  entries: AuditEntry[];
  total: number | undefined;
  error: unknown;
  isPending: boolean;
  hasMore: boolean;
  isLoadingMore: boolean;
  onLoadMore: () => void;
  onRetry: () => void;
}

/** 变更记录: a record's audit entries as a timeline, newest first, with 加载更多. */
export function AuditTimeline(props: AuditTimelineProps) {
  const { entries, total, error, isPending, hasMore, isLoadingMore, onLoadMore, onRetry } = props;
  if (isPending) return <Skeleton active title={false} paragraph={{ rows: 4 }} />;
  if (isNotFound(error)) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该记录不存在或已不在您的数据范围内" />;
  }
  if (error && entries.length === 0) return <ErrorAlert error={error} onRetry={onRetry} />;
  if (entries.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无变更记录" />;
  }
  return (
    <Flex vertical gap={8}>
      <Timeline
        items={entries.map((entry) => ({
          key: entry.id,
          color: TIMELINE_COLORS[entry.result],
          content: <TimelineEntry entry={entry} />,
        }))}
      />
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{total !== undefined ? formatTotal(total) : null}</Typography.Text>
        {hasMore && (
          <Button onClick={onLoadMore} loading={isLoadingMore}>
            加载更多
          </Button>
        )}
      </Flex>
    </Flex>
  );
}

/** The paged history query an object's page loads (useInfiniteQuery over a list of audit entries). */
export interface HistoryQuery {
  data?: { pages: { items: AuditEntry[]; total: number }[] } | undefined;
  error: unknown;
  isPending: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): unknown;
  refetch(): unknown;
}

/** An object's change history from its paged query, loading more on demand. */
export function HistoryTimeline({ history }: { history: HistoryQuery }) {
  return (
    <AuditTimeline
      entries={history.data?.pages.flatMap((page) => page.items) ?? []}
      total={history.data?.pages[0]?.total}
      error={history.error}
      isPending={history.isPending}
      hasMore={history.hasNextPage}
      isLoadingMore={history.isFetchingNextPage}
      onLoadMore={() => history.fetchNextPage()}
      onRetry={() => history.refetch()}
    />
  );
}
