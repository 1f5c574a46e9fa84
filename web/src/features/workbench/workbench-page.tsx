import { Card, Col, Empty, Row, Skeleton } from 'antd';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { formatDate } from '../../lib/format';
import { useWorkbench } from './api';
import type { TodoSectionProps } from './todo-section';
import { TodoSection } from './todo-section';

const EMPTY_MESSAGE = '暂无待办事项 — 各模块上线后，您的逾期和即将到期事项会显示在这里';

/** 工作台: what this user must do today, overdue first (ui.md "The frame"). */
export function WorkbenchPage() {
  const { data, error, isPending, refetch } = useWorkbench();

  const sections: TodoSectionProps[] = data
    ? [
        {
          title: '已逾期',
          color: 'red',
          explanation: '已超过办理期限',
          emptyText: '没有逾期事项',
          items: data.overdue,
        },
        {
          title: '即将到期',
          color: 'yellow',
          explanation: '即将到达办理期限，请尽快办理',
          emptyText: '没有即将到期的事项',
          items: data.dueSoon,
        },
        {
          title: '其他',
          color: 'grey',
          explanation: '未到期',
          emptyText: '没有其他待办事项',
          items: data.later,
        },
      ]
    : [];
  const total = sections.reduce((sum, section) => sum + section.items.length, 0);

  return (
    <PageContainer
      title="工作台"
      description={data ? `您需要办理的事项，数据截至 ${formatDate(data.asOf)}` : '您需要办理的事项'}
    >
      {error ? <ErrorAlert error={error} onRetry={() => refetch()} /> : null}
      {isPending && (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      )}
      {data && total === 0 && (
        <Card variant="borderless">
          <Empty description={EMPTY_MESSAGE} />
        </Card>
      )}
      {data && (
        <Row gutter={[16, 16]}>
          {sections.map((section) => (
            <Col key={section.title} xs={24} lg={8}>
              <TodoSection {...section} />
            </Col>
          ))}
        </Row>
      )}
    </PageContainer>
  );
}
