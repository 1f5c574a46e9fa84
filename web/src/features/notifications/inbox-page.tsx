import type { Notification } from '@groundbreak/contract';
import { NOTIFICATION_MODULE_LABELS, PAGE_SIZES } from '@groundbreak/contract';
import { App, Badge, Button, Card, Empty, Flex, List, Pagination, Segmented, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { formatDateTime, formatTotal } from '../../lib/format';
import { useInbox, useMarkAllRead, useMarkRead, useUnreadCount } from './api';

// 我的消息: what the platform told the signed-in user (交办, 退回, 到期, 督办, reminders), newest first;
// opening one marks it read and goes where it points.

const FILTERS: ListFilter[] = [
  {
    key: 'unread',
    label: '状态',
    kind: 'select',
    options: [
      { value: 'true', label: '未读' },
      { value: 'false', label: '已读' },
    ],
  },
];

function MessageItem({ item, onOpen }: { item: Notification; onOpen: (item: Notification) => void }) {
  const unread = item.readAt === null;
  return (
    <List.Item
      style={{ cursor: 'pointer', paddingInline: 8 }}
      onClick={() => onOpen(item)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(item);
      }}
      tabIndex={0}
      aria-label={`${unread ? '未读：' : ''}${item.title}`}
    >
      <Flex gap={10} align="flex-start" style={{ width: '100%', minWidth: 0 }}>
        <Badge status={unread ? 'processing' : 'default'} style={{ marginTop: 4 }} />
        <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Flex justify="space-between" gap={8} wrap>
            <Typography.Text strong={unread} style={{ minWidth: 0 }}>
              {item.title}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
              {formatDateTime(item.createdAt)}
            </Typography.Text>
          </Flex>
          {item.body && (
            <Typography.Paragraph
              type="secondary"
              style={{ margin: 0, whiteSpace: 'pre-line' }}
              ellipsis={{ rows: 3 }}
            >
              {item.body}
            </Typography.Paragraph>
          )}
          <div>
            <Tag variant="filled">{NOTIFICATION_MODULE_LABELS[item.module] ?? '系统'}</Tag>
          </div>
        </Flex>
      </Flex>
    </List.Item>
  );
}

export function InboxPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const state = useListSearchParams({ filters: FILTERS, sortFields: ['createdAt'] });
  const inbox = useInbox(state.query);
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const filter = state.filters.unread ?? 'all';
  const items = useMemo(() => inbox.data?.items ?? [], [inbox.data]);

  const open = (item: Notification) => {
    if (item.readAt === null) markRead.mutate([item.id]);
    if (item.link) navigate(item.link);
  };

  return (
    <PageContainer
      title="我的消息"
      description="交办、退回、到期提醒和督办都会发到这里；所在单位设置了企业微信、钉钉群或邮箱的，也会同时推送"
      extra={
        <Button
          disabled={(unread.data?.unread ?? 0) === 0}
          loading={markAll.isPending}
          onClick={() =>
            markAll.mutate(undefined, {
              onSuccess: (res) => message.success(`已将 ${res.updated} 条消息标为已读`),
            })
          }
        >
          全部标为已读
        </Button>
      }
    >
      <Card>
        <Flex vertical gap={12}>
          <Segmented
            value={filter}
            onChange={(v) => state.setFilter('unread', v === 'all' ? undefined : String(v))}
            options={[
              { value: 'all', label: '全部' },
              { value: 'true', label: `未读${unread.data ? `（${unread.data.unread}）` : ''}` },
              { value: 'false', label: '已读' },
            ]}
          />
          {inbox.error ? (
            <ErrorAlert error={inbox.error} onRetry={() => inbox.refetch()} />
          ) : (
            <List
              loading={inbox.isPending}
              dataSource={items}
              rowKey={(item) => item.id}
              locale={{
                emptyText: <Empty description={filter === 'true' ? '没有未读消息' : '暂无消息'} />,
              }}
              renderItem={(item) => <MessageItem item={item} onOpen={open} />}
            />
          )}
          {inbox.data && inbox.data.total > 0 && (
            <Flex justify="flex-end">
              <Pagination
                current={state.page}
                pageSize={state.pageSize}
                total={inbox.data.total}
                pageSizeOptions={PAGE_SIZES.map(String)}
                showSizeChanger
                showTotal={formatTotal}
                onChange={state.setPage}
              />
            </Flex>
          )}
        </Flex>
      </Card>
    </PageContainer>
  );
}
