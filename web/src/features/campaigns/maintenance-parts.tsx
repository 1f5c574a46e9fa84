import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { MaintenancePoint, MaintenancePointResponse } from '@groundbreak/contract';
import { POINT_STATUS_LABELS, type PointStatus } from '@groundbreak/domain';
import { Card, Flex, Image, Table, Tag, Typography } from 'antd';
import { formatDate } from '../../lib/format';
import { LIGHT_COLORS } from '../../theme';
import { inspectionPhotoUrl } from './maintenance-api';

// What the 长效管护 screens show of a point: its status tag, when it is next due for inspection, its open
// 整改单, one inspection of its history (✓/✗ per item, score, explanation, photos) and all its 整改单.

const STATUS_COLORS: Record<PointStatus, string> = {
  ok: 'success',
  rectifying: 'error',
  inspection_due: 'warning',
};

export function PointStatusTag({ status, testId }: { status: PointStatus; testId?: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId}>
      {POINT_STATUS_LABELS[status]}
    </Tag>
  );
}

/** 下次巡查 with 逾期N天 in red once past, or 今日应巡查 on the day. */
export function NextInspection({ point }: { point: MaintenancePoint }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {formatDate(point.nextInspectionOn)}
      {point.daysOverdue > 0 ? (
        <Typography.Text type="danger"> 逾期{point.daysOverdue}天</Typography.Text>
      ) : (
        point.status === 'inspection_due' && <Typography.Text type="warning"> 今日应巡查</Typography.Text>
      )}
    </span>
  );
}

export function OrderDue({ order }: { order: NonNullable<MaintenancePoint['openOrder']> }) {
  return (
    <span>
      <span style={{ whiteSpace: 'nowrap' }}>整改期限 {formatDate(order.dueOn)}</span>
      {order.overdue && (
        <Tag color="error" style={{ marginInlineStart: 6 }}>
          逾期
        </Tag>
      )}
    </span>
  );
}

export function OpenOrderCard({ order }: { order: NonNullable<MaintenancePoint['openOrder']> }) {
  return (
    <Card
      size="small"
      data-testid="open-order"
      title={
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="danger">整改单 {order.orderNo}</Typography.Text>
          <Tag color="error">整改中</Tag>
        </Flex>
      }
      style={{ borderColor: '#ffa39e', background: '#fff1f0' }}
    >
      <Flex vertical gap={6}>
        <Typography.Text>{order.requirement}</Typography.Text>
        <span>
          <OrderDue order={order} />
        </span>
        <Typography.Text type="secondary">下次巡查即为复查：合格则整改单销号。</Typography.Text>
      </Flex>
    </Card>
  );
}

type Inspection = MaintenancePointResponse['inspections'][number];

export function InspectionEntry({
  detail,
  inspection,
}: {
  detail: MaintenancePointResponse;
  inspection: Inspection;
}) {
  const order = inspection.orderId ? detail.orders.find((o) => o.id === inspection.orderId) : undefined;
  return (
    <Flex vertical gap={8} data-testid="inspection-entry">
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{formatDate(inspection.inspectedOn)}</Typography.Text>
        <Typography.Text type="secondary">{inspection.inspectorName}</Typography.Text>
        <Tag color={inspection.passed ? 'success' : 'error'}>{inspection.passed ? '合格' : '不合格'}</Tag>
        {inspection.orderId && <Tag color="processing">复查{order ? ` ${order.orderNo}` : ''}</Tag>}
        <Typography.Text>{inspection.score}分</Typography.Text>
      </Flex>
      <Flex wrap gap="4px 16px">
        {inspection.results.map((r) => (
          <span key={r.item}>
            {r.passed ? (
              <CheckCircleFilled style={{ color: LIGHT_COLORS.green }} aria-label="合格" />
            ) : (
              <CloseCircleFilled style={{ color: LIGHT_COLORS.red }} aria-label="不合格" />
            )}{' '}
            {r.item}
            {r.note && <Typography.Text type="secondary">（{r.note}）</Typography.Text>}
          </span>
        ))}
      </Flex>
      <Typography.Text type={inspection.passed ? 'secondary' : 'danger'}>
        {inspection.explanation}
      </Typography.Text>
      {inspection.note && (
        <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{inspection.note}</Typography.Text>
      )}
      {inspection.photos.length > 0 && (
        <Image.PreviewGroup>
          <Flex wrap gap={8}>
            {inspection.photos.map((p) => (
              <Image
                key={p.id}
                src={inspectionPhotoUrl(detail.point.id, p.id)}
                alt={p.fileName}
                width={80}
                height={80}
                style={{ objectFit: 'cover', borderRadius: 4 }}
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
    </Flex>
  );
}

export function OrdersCard({ detail }: { detail: MaintenancePointResponse }) {
  if (detail.orders.length === 0) return null;
  return (
    <Card size="small" title={`整改单（${detail.orders.length}）`}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={detail.orders}
        columns={[
          { title: '编号', dataIndex: 'orderNo', width: 130 },
          { title: '整改要求', dataIndex: 'requirement' },
          { title: '期限', dataIndex: 'dueOn', width: 110, render: (d: string) => formatDate(d) },
          {
            title: '状态',
            key: 'status',
            width: 170,
            render: (_: unknown, o: MaintenancePointResponse['orders'][number]) =>
              o.status === 'closed' ? (
                <Tag color="success">已销号 {formatDate(o.closedOn)}</Tag>
              ) : (
                <Tag color="error">{o.overdue ? '整改中 · 逾期' : '整改中'}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
