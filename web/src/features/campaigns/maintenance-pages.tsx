import { EditOutlined, FormOutlined } from '@ant-design/icons';
import type { MaintenancePoint, MaintenancePointResponse } from '@groundbreak/contract';
import { POINT_STATUS_LABELS, type PointStatus } from '@groundbreak/domain';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert, useConflictReload } from '../../components/submit-error-alert';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDate } from '../../lib/format';
import { useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useCampaigns } from './api';
import { useMaintenancePoint, useMaintenancePoints, useUpdatePoint } from './maintenance-api';
import { InspectionDrawer } from './maintenance-inspection';
import {
  InspectionEntry,
  NextInspection,
  OpenOrderCard,
  OrderDue,
  OrdersCard,
  PointStatusTag,
} from './maintenance-parts';

// 长效管护 (domain.md §11.3): the 管护台账 of accepted points — who keeps each, when it was and is next due for
// inspection, whether it rebounded and its 整改单 — and one point with its inspection history and 整改单 (drawn by
// maintenance-parts.tsx), where the inspector records the next inspection (maintenance-inspection.tsx).

const COLUMNS: ListColumn<MaintenancePoint>[] = [
  {
    key: 'point',
    title: '点位',
    isRequired: true,
    render: (p) => (
      <span>
        {p.task.pointName}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {p.task.taskNo} · {p.task.categoryName}
        </Typography.Text>
      </span>
    ),
  },
  {
    key: 'region',
    title: '板块',
    width: 160,
    render: (p) => <span style={{ whiteSpace: 'nowrap' }}>{p.regionName}</span>,
  },
  {
    key: 'keeper',
    title: '管护责任村(社区)/责任人',
    width: 180,
    render: (p) => (
      <span>
        {p.keeper}
        {p.keeperPerson && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {p.keeperPerson}
          </Typography.Text>
        )}
      </span>
    ),
  },
  {
    key: 'inspections',
    title: '上次巡查 / 下次巡查',
    sortField: 'lastInspectedOn',
    width: 175,
    render: (p) => (
      <span>
        {p.lastInspectedOn ? (
          formatDate(p.lastInspectedOn)
        ) : (
          <Typography.Text type="secondary">未巡查</Typography.Text>
        )}
        <span style={{ display: 'block' }}>
          <NextInspection point={p} />
        </span>
      </span>
    ),
  },
  { key: 'status', title: '状态', width: 110, render: (p) => <PointStatusTag status={p.status} /> },
  {
    key: 'rebounds',
    title: '反弹次数',
    width: 90,
    align: 'right',
    render: (p) =>
      p.rebounds > 0 ? <Typography.Text type="danger">{p.rebounds}</Typography.Text> : p.rebounds,
  },
  {
    key: 'order',
    title: '整改单',
    width: 190,
    render: (p) =>
      p.openOrder ? (
        <span>
          {p.openOrder.orderNo}
          <span style={{ display: 'block', fontSize: 12 }}>
            <OrderDue order={p.openOrder} />
          </span>
        </span>
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      ),
  },
  {
    key: 'entered',
    title: '纳入管护',
    sortField: 'enteredOn',
    width: 110,
    isHiddenByDefault: true,
    render: (p) => formatDate(p.enteredOn),
  },
];

/**
 * On a phone the table scrolls sideways: the point's cell also says where it stands, so that an inspector
 * sees which points are due without scrolling.
 */
const PHONE_POINT_COLUMN: ListColumn<MaintenancePoint> = {
  key: 'point',
  title: '点位',
  isRequired: true,
  render: (p) => (
    <Flex vertical gap={2} style={{ maxWidth: 220 }}>
      <span>{p.task.pointName}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {p.task.taskNo} · {p.task.categoryName}
      </Typography.Text>
      <Flex wrap gap={4} align="center" style={{ fontSize: 12 }}>
        <PointStatusTag status={p.status} />
        {p.openOrder ? (
          <OrderDue order={p.openOrder} />
        ) : (
          <>
            下次巡查 <NextInspection point={p} />
          </>
        )}
      </Flex>
    </Flex>
  ),
};

export function MaintenancePointsPage() {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const regions = useRegions();
  const campaigns = useCampaigns();
  const filters = useMemo<ListFilter[]>(
    () => [
      {
        key: 'status',
        label: '状态',
        kind: 'select',
        options: (Object.keys(POINT_STATUS_LABELS) as PointStatus[]).map((s) => ({
          value: s,
          label: POINT_STATUS_LABELS[s],
        })),
      },
      {
        key: 'regionId',
        label: '板块',
        kind: 'tree-select',
        treeData: regions.data
          ? toRegionTreeOptions(
              regions.data.items,
              user.regionScopes.map((r) => r.id),
            )
          : [],
      },
      { key: 'q', label: '关键字', kind: 'text', placeholder: '点位名称或管护责任村(社区)' },
      {
        key: 'campaignId',
        label: '专项行动',
        kind: 'select',
        isSecondary: true,
        options: (campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
      },
    ],
    [regions.data, campaigns.data, user.regionScopes],
  );
  const state = useListSearchParams({
    filters,
    sortFields: ['enteredOn', 'lastInspectedOn'],
    defaultSort: '-enteredOn',
  });
  const result = useMaintenancePoints(state.query);
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const columns = useMemo(() => (isPhone ? [PHONE_POINT_COLUMN, ...COLUMNS.slice(1)] : COLUMNS), [isPhone]);
  return (
    <PageContainer
      title="管护台账"
      description="验收销号的点位纳入长效管护：按周期巡查，不合格即为反弹并生成整改单，复查合格后销号"
    >
      <ListPage<MaintenancePoint>
        listId="maintenance-points"
        state={state}
        filters={filters}
        columns={columns}
        result={result}
        rowKey={(p) => p.id}
        onRowClick={(p) => navigate(`/campaigns/maintenance/${p.id}`)}
        emptyText="暂无管护点位：整治任务验收销号后，点位自动纳入管护台账"
      />
    </PageContainer>
  );
}

type KeeperValues = { keeper: string; keeperPerson?: string; everyDays: number };

function KeeperModal({
  detail,
  open,
  onClose,
  onReload,
}: {
  detail: MaintenancePointResponse;
  open: boolean;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}) {
  const { message } = App.useApp();
  const point = detail.point;
  const update = useUpdatePoint(point.id);
  const [form] = Form.useForm<KeeperValues>();
  const [submitError, setSubmitError] = useState<unknown>();
  const reload = useConflictReload(onReload, () => setSubmitError(undefined));
  function handleFinish(values: KeeperValues) {
    setSubmitError(undefined);
    update.mutate(
      {
        version: point.version,
        keeper: values.keeper.trim(),
        keeperPerson: values.keeperPerson?.trim() || null,
        everyDays: values.everyDays,
      },
      {
        onSuccess: () => {
          void message.success('管护信息已保存');
          onClose();
        },
        onError: (e) => {
          if (!applyFieldErrors(form, e, ['keeper', 'keeperPerson', 'everyDays'])) setSubmitError(e);
        },
      },
    );
  }
  return (
    <Modal
      open={open}
      title="编辑管护信息"
      okText="保存"
      destroyOnHidden
      okButtonProps={{ loading: update.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<KeeperValues>
        form={form}
        layout="vertical"
        initialValues={{
          keeper: point.keeper,
          keeperPerson: point.keeperPerson ?? undefined,
          everyDays: point.everyDays,
        }}
        onFinish={handleFinish}
      >
        <Form.Item
          label="管护责任村(社区)"
          name="keeper"
          rules={[{ required: true, whitespace: true, message: '请填写管护责任村（社区）' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="管护责任人" name="keeperPerson" extra="姓名及职务，如：张三（村委会主任）">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          label="巡查周期"
          name="everyDays"
          rules={[{ required: true, message: '请填写巡查周期' }]}
          extra="两次巡查的间隔；按月巡查填 30"
        >
          <InputNumber min={1} max={365} precision={0} prefix="每" suffix="天" style={{ width: 200 }} />
        </Form.Item>
        <SubmitErrorAlert error={submitError} {...reload} />
      </Form>
    </Modal>
  );
}

export function MaintenancePointPage() {
  const { id = '' } = useParams();
  const query = useMaintenancePoint(id);
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const [isInspecting, setInspecting] = useState(false);
  const [isEditing, setEditing] = useState(false);
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton active />;
  const detail = query.data;
  const p = detail.point;
  return (
    <PageContainer
      title={
        <Flex gap={8} align="center" wrap>
          {p.task.pointName}
          <PointStatusTag status={p.status} testId="point-status" />
          {p.rebounds > 0 && <Tag color="error">反弹{p.rebounds}次</Tag>}
        </Flex>
      }
      description={
        <>
          <Link to={`/campaigns/tasks/${p.task.id}`}>{p.task.taskNo}</Link> · {p.task.categoryName} ·{' '}
          {p.regionName}
          {p.task.village ? ` · ${p.task.village}` : ''}
        </>
      }
      extra={
        <Flex gap={8} vertical={isPhone} style={isPhone ? { width: '100%' } : undefined}>
          {detail.canInspect && (
            <Button
              type="primary"
              size={isPhone ? 'large' : 'middle'}
              block={isPhone}
              icon={<FormOutlined />}
              onClick={() => setInspecting(true)}
              data-testid="inspect-button"
            >
              填写巡查
            </Button>
          )}
          {detail.canEdit && (
            <Button
              size={isPhone ? 'large' : 'middle'}
              block={isPhone}
              icon={<EditOutlined />}
              onClick={() => setEditing(true)}
            >
              编辑管护信息
            </Button>
          )}
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        {p.openOrder && <OpenOrderCard order={p.openOrder} />}
        <Card size="small" title="管护信息">
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
            <Descriptions.Item label="管护责任村(社区)">{p.keeper}</Descriptions.Item>
            <Descriptions.Item label="管护责任人">{p.keeperPerson ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="巡查周期">每{p.everyDays}天</Descriptions.Item>
            <Descriptions.Item label="纳入管护">{formatDate(p.enteredOn)}</Descriptions.Item>
            <Descriptions.Item label="上次巡查">
              {p.lastInspectedOn ? formatDate(p.lastInspectedOn) : '未巡查'}
            </Descriptions.Item>
            <Descriptions.Item label="下次巡查">
              <NextInspection point={p} />
            </Descriptions.Item>
            <Descriptions.Item label="管护标准" span={{ xs: 1, md: 2, xl: 3 }}>
              <Flex vertical gap={4}>
                <Flex wrap gap={4}>
                  {detail.checklist.map((item) => (
                    <Tag key={item}>{item}</Tag>
                  ))}
                </Flex>
                <Typography.Text type="secondary">合格线 {detail.passScore} 分，且各项合格</Typography.Text>
              </Flex>
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card size="small" title={`巡查记录（${detail.inspections.length}）`}>
          {detail.inspections.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={detail.canInspect ? '尚未巡查，点击"填写巡查"记录第一次巡查' : '尚未巡查'}
            />
          ) : (
            <Flex vertical gap={16}>
              {detail.inspections.map((inspection, i) => (
                <div
                  key={inspection.id}
                  style={i > 0 ? { borderTop: '1px solid #f0f0f0', paddingTop: 16 } : undefined}
                >
                  <InspectionEntry detail={detail} inspection={inspection} />
                </div>
              ))}
            </Flex>
          )}
        </Card>
        <OrdersCard detail={detail} />
      </Flex>
      {detail.canInspect && (
        <InspectionDrawer
          detail={detail}
          open={isInspecting}
          isPhone={isPhone}
          onClose={() => setInspecting(false)}
        />
      )}
      {detail.canEdit && (
        <KeeperModal
          detail={detail}
          open={isEditing}
          onClose={() => setEditing(false)}
          onReload={() => query.refetch()}
        />
      )}
    </PageContainer>
  );
}
