import { EditOutlined } from '@ant-design/icons';
import type { Parcel, ProjectMatch } from '@groundbreak/contract';
import {
  LAND_SOURCE_LABELS,
  PARCEL_STATUS_LABELS,
  PARCEL_USE_LABELS,
  PROJECT_STATE_LABELS,
} from '@groundbreak/contract';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Select,
  Skeleton,
  Tabs,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { isNotFound } from '../../lib/error-kinds';
import { formatArea, formatDate, formatNumber } from '../../lib/format';
import { isApiError } from '../../lib/http';
import { HistoryTimeline } from '../audit/audit-timeline';
import {
  useIdleCases,
  useLandMap,
  useMoveParcel,
  useOpenIdleCase,
  useParcel,
  useParcelHistory,
  useWaitingProjects,
} from './api';
import { IdleCasePanel } from './idle-case-panel';
import { LandMapChart } from './land-map-chart';
import { MatchTable } from './match-table';
import { ParcelFormModal } from './parcel-form-modal';
import { ParcelListTab } from './parcel-list-tab';
import { ParcelSupplyTab } from './parcel-supply-tab';
import { ApprovedUnsuppliedTag, IdleLight, ListProgress, ParcelStatusTag } from './parcel-tags';

const TABS = ['info', 'list', 'supply', 'waiting', 'idle', 'history'] as const;
type TabKey = (typeof TABS)[number];

const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v * 100, 0)}%`);

function InfoTab({ parcel }: { parcel: Parcel }) {
  const map = useLandMap({ regionId: parcel.regionId });
  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <Card size="small" variant="borderless">
          <Descriptions
            size="small"
            bordered
            column={2}
            styles={{ label: { whiteSpace: 'nowrap' } }}
            items={[
              { key: 'no', label: '地块编号', children: parcel.parcelNo },
              { key: 'unit', label: '宗地代码', children: parcel.unitCode ?? '—' },
              { key: 'region', label: '所属板块', children: parcel.regionName },
              { key: 'area', label: '面积', children: formatArea(parcel.areaM2) },
              { key: 'use', label: '规划用途', children: PARCEL_USE_LABELS[parcel.use] },
              { key: 'source', label: '土地来源', children: LAND_SOURCE_LABELS[parcel.source] },
              { key: 'location', label: '坐落', span: 2, children: parcel.location ?? '—' },
              { key: 'boundary', label: '四至', span: 2, children: parcel.boundary ?? '—' },
              {
                key: 'ratio',
                label: '容积率',
                children:
                  parcel.plotRatioMin === null && parcel.plotRatioMax === null
                    ? '—'
                    : `${parcel.plotRatioMin ?? '—'} ~ ${parcel.plotRatioMax ?? '—'}`,
              },
              { key: 'coverage', label: '建筑密度 ≥', children: pct(parcel.buildingCoverageMin) },
              { key: 'green', label: '绿地率 ≤', children: pct(parcel.greenRatioMax) },
              {
                key: 'height',
                label: '限高',
                children: parcel.heightLimitM === null ? '—' : `${parcel.heightLimitM} 米`,
              },
              {
                key: 'intensity',
                label: '投资强度 ≥',
                children:
                  parcel.intensityMinWanPerMu === null ? '—' : `${parcel.intensityMinWanPerMu} 万元/亩`,
              },
              {
                key: 'tax',
                label: '亩均税收 ≥',
                children: parcel.taxMinWanPerMu === null ? '—' : `${parcel.taxMinWanPerMu} 万元/亩`,
              },
              {
                key: 'industries',
                label: '准入产业',
                span: 2,
                children: parcel.industries.length > 0 ? parcel.industries.join('、') : '不限',
              },
              { key: 'batch', label: '农转用批次', span: 2, children: parcel.conversionBatch ?? '—' },
              {
                key: 'approval',
                label: '批准文号',
                children: parcel.conversionApprovalNo
                  ? `${parcel.conversionApprovalNo}（${parcel.conversionAuthority ?? ''} ${formatDate(parcel.conversionApprovedOn)}）`
                  : '—',
              },
              { key: 'valid', label: '批文有效期至', children: formatDate(parcel.conversionValidUntil) },
              { key: 'ready', label: '净地日期', children: formatDate(parcel.readyOn) },
              {
                key: 'project',
                label: '关联项目',
                children: parcel.projectId ? (
                  <Link to={`/projects/${parcel.projectId}?tab=land`}>
                    {parcel.projectName}
                    {parcel.projectState ? `（${PROJECT_STATE_LABELS[parcel.projectState]}）` : ''}
                  </Link>
                ) : (
                  '待供'
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" variant="borderless" title="位置" styles={{ body: { padding: 0 } }}>
          {!parcel.hasGeometry ? (
            <Empty style={{ padding: 24 }} description="尚无地块边界：在地块台账“导入边界”导入 GeoJSON" />
          ) : map.data ? (
            <LandMapChart map={map.data} focusParcelId={parcel.id} height={420} showProjects={false} />
          ) : (
            <Skeleton active style={{ padding: 16 }} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

function WaitingTab({ parcel }: { parcel: Parcel }) {
  const waiting = useWaitingProjects(parcel.id, true);
  if (waiting.error) return <ErrorAlert error={waiting.error} onRetry={() => waiting.refetch()} />;
  return (
    <Card size="small" variant="borderless">
      <Typography.Paragraph type="secondary">
        已签约或已立项、填写了用地需求、尚无地块的项目，按与本地块的匹配度排序（地等项目）。
      </Typography.Paragraph>
      <MatchTable<ProjectMatch>
        rows={waiting.data?.items ?? []}
        rowKey={(r) => r.projectId}
        loading={waiting.isPending}
        empty="暂无等待用地的项目"
        columns={[
          {
            title: '项目',
            width: 240,
            render: (_, r) => <Link to={`/projects/${r.projectId}?tab=land`}>{r.name}</Link>,
          },
          { title: '板块', width: 130, dataIndex: 'regionName' },
          { title: '状态', width: 90, render: (_, r) => PROJECT_STATE_LABELS[r.state] },
          { title: '需求面积', width: 170, render: (_, r) => formatArea(r.areaM2) },
        ]}
      />
    </Card>
  );
}

function IdleTab({ parcel }: { parcel: Parcel }) {
  const cases = useIdleCases({ parcelId: parcel.id, pageSize: 20 });
  if (cases.error) return <ErrorAlert error={cases.error} onRetry={() => cases.refetch()} />;
  const items = cases.data?.items ?? [];
  return (
    <Flex vertical gap={12}>
      {parcel.idleLight !== 'none' ? (
        <Card size="small" variant="borderless">
          <IdleLight light={parcel.idleLight} days={parcel.idleDays} />
          {parcel.idleReason ? (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {parcel.idleReason}（{formatDate(parcel.idleCheckedOn)} 检查）
            </Typography.Paragraph>
          ) : null}
        </Card>
      ) : null}
      {items.length === 0 && !cases.isPending ? <Empty description="没有闲置土地处置案件" /> : null}
      {items.map((c) => (
        <IdleCasePanel key={c.id} c={c} canAdvance={parcel.abilities.idleCase} />
      ))}
    </Flex>
  );
}

function MoveModal({ parcel, onClose }: { parcel: Parcel; onClose: () => void }) {
  const { message } = App.useApp();
  const move = useMoveParcel();
  const [error, setError] = useState<unknown>();
  return (
    <Modal
      title="变更地块状态"
      open
      onCancel={onClose}
      okText="确定"
      okButtonProps={{ htmlType: 'submit', form: 'move-form', loading: move.isPending }}
      destroyOnHidden
    >
      <Form<{ to: string; reason?: string }>
        id="move-form"
        layout="vertical"
        initialValues={{ to: parcel.nextStatuses[0] }}
        onFinish={(values) =>
          move.mutate(
            {
              id: parcel.id,
              to: values.to,
              version: parcel.version,
              ...(values.reason ? { reason: values.reason } : {}),
            },
            {
              onSuccess: () => {
                message.success('地块状态已变更');
                onClose();
              },
              onError: setError,
            },
          )
        }
      >
        <SubmitErrorAlert error={error} />
        <Typography.Paragraph>
          当前状态：
          <ParcelStatusTag status={parcel.status} />
        </Typography.Paragraph>
        <Form.Item name="to" label="变更为" rules={[{ required: true }]}>
          <Select options={parcel.nextStatuses.map((s) => ({ value: s, label: PARCEL_STATUS_LABELS[s] }))} />
        </Form.Item>
        <Form.Item name="reason" label="说明">
          <Input maxLength={200} />
        </Form.Item>
        <Typography.Text type="secondary">
          供地请在“供地”页登记出让记录，地块随之变为“已供未开工”。
        </Typography.Text>
      </Form>
    </Modal>
  );
}

function OpenCaseModal({ parcel, onClose }: { parcel: Parcel; onClose: () => void }) {
  const { message } = App.useApp();
  const open = useOpenIdleCase();
  const [error, setError] = useState<unknown>();
  return (
    <Modal
      title="启动闲置土地调查"
      open
      onCancel={onClose}
      okText="启动调查"
      okButtonProps={{ htmlType: 'submit', form: 'open-case-form', loading: open.isPending }}
      destroyOnHidden
    >
      <Form<{ noticeOn: Dayjs; note?: string }>
        id="open-case-form"
        layout="vertical"
        initialValues={{ noticeOn: dayjs() }}
        onFinish={(values) =>
          open.mutate(
            {
              parcelId: parcel.id,
              noticeOn: values.noticeOn.format('YYYY-MM-DD'),
              ...(values.note ? { note: values.note } : {}),
            },
            {
              onSuccess: () => {
                message.success('已启动调查，土地使用权人应在 30 日内说明情况');
                onClose();
              },
              onError: setError,
            },
          )
        }
      >
        <SubmitErrorAlert error={error} />
        <Form.Item name="noticeOn" label="调查通知书送达日期" rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea maxLength={300} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One parcel: its facts and polygon, its 用地清单, its supply, the projects waiting for it, idle land, history. */
export function ParcelDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const parcel = useParcel(id);
  const history = useParcelHistory(id);
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('tab');
  const tab: TabKey = TABS.find((key) => key === requested) ?? 'info';
  const [dialog, setDialog] = useState<'edit' | 'move' | 'case'>();

  if (parcel.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!parcel.data) {
    if (isNotFound(parcel.error) || (isApiError(parcel.error) && parcel.error.status === 400)) {
      return (
        <Result
          status="404"
          title="地块不存在"
          subTitle="该地块可能已删除，或不在您的数据范围内。"
          extra={<Button onClick={() => navigate('/land/parcels')}>返回地块台账</Button>}
        />
      );
    }
    return <ErrorAlert error={parcel.error} onRetry={() => parcel.refetch()} />;
  }
  const p = parcel.data;

  return (
    <Flex vertical gap={16}>
      <Card variant="borderless">
        <Flex justify="space-between" align="flex-start" wrap gap={16}>
          <Flex vertical gap={8}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {p.name} <Typography.Text type="secondary">{p.parcelNo}</Typography.Text>
            </Typography.Title>
            <Flex gap={8} align="center" wrap>
              <ParcelStatusTag status={p.status} />
              <ApprovedUnsuppliedTag show={p.approvedUnsupplied} status={p.status} />
              <IdleLight light={p.idleLight} days={p.idleDays} />
              <Typography.Text type="secondary">
                {p.regionName} · {formatArea(p.areaM2)} · {PARCEL_USE_LABELS[p.use]}
              </Typography.Text>
            </Flex>
            <Flex gap={8} align="center">
              <Typography.Text type="secondary">用地清单</Typography.Text>
              <ListProgress done={p.list.done} total={p.list.total} />
            </Flex>
          </Flex>
          <Flex gap={8} wrap>
            {p.abilities.edit ? (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                编辑
              </Button>
            ) : null}
            {p.abilities.move && p.nextStatuses.length > 0 ? (
              <Button onClick={() => setDialog('move')}>变更状态</Button>
            ) : null}
            {p.abilities.idleCase ? <Button onClick={() => setDialog('case')}>启动闲置调查</Button> : null}
          </Flex>
        </Flex>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          setSearchParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              if (key === 'info') next.delete('tab');
              else next.set('tab', key);
              return next;
            },
            { replace: true },
          )
        }
        items={[
          { key: 'info', label: '基本信息', children: <InfoTab parcel={p} /> },
          {
            key: 'list',
            label: `用地清单 ${p.list.done}/${p.list.total}`,
            children: <ParcelListTab parcel={p} />,
          },
          { key: 'supply', label: '供地', children: <ParcelSupplyTab parcel={p} /> },
          { key: 'waiting', label: '等待的项目', children: <WaitingTab parcel={p} /> },
          { key: 'idle', label: '闲置处置', children: <IdleTab parcel={p} /> },
          {
            key: 'history',
            label: '变更记录',
            children: (
              <Card size="small" variant="borderless">
                <HistoryTimeline history={history} />
              </Card>
            ),
          },
        ]}
      />
      <ParcelFormModal
        open={dialog === 'edit'}
        parcel={p}
        onClose={() => setDialog(undefined)}
        onSaved={() => setDialog(undefined)}
      />
      {dialog === 'move' ? <MoveModal parcel={p} onClose={() => setDialog(undefined)} /> : null}
      {dialog === 'case' ? <OpenCaseModal parcel={p} onClose={() => setDialog(undefined)} /> : null}
    </Flex>
  );
}
