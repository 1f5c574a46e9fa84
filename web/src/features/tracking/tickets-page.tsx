import { PrinterOutlined } from '@ant-design/icons';
import type { CreateTicketBody, TicketItem, TicketResponse } from '@groundbreak/contract';
import {
  RATING_LABELS,
  TICKET_KIND_LABELS,
  TICKET_KINDS,
  TICKET_STATUS_LABELS,
  TICKET_STATUSES,
  TICKET_STEPS,
  type TicketStatus,
  type TicketStep,
} from '@groundbreak/domain';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Rate,
  Segmented,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { formatDate, formatDateTime } from '../../lib/format';
import { usePeople } from '../projects/api';
import { useCreateTicket, useTicket, useTicketKpi, useTicketStep, useTickets } from './api';

// 帮办代办: the tickets of the scope (and those given to the caller as 帮办员), satisfaction per 板块 and per
// 帮办员; a ticket's page with its SLA dates, history, the steps the caller may take and the printable
// one-time notice (一次性告知单). An enterprise asks for help from its project's page.

const STATUS_COLORS: Partial<Record<TicketStatus, string>> = {
  pending: 'warning',
  accepted: 'processing',
  in_progress: 'processing',
  suspended: 'default',
  done: 'cyan',
  callback_pending: 'error',
  rectifying: 'error',
  closed: 'success',
};

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{TICKET_STATUS_LABELS[status]}</Tag>;
}

const SERVICE_ITEMS = [
  '水电气报装',
  '建筑工程施工许可',
  '环评审批',
  '能评审查',
  '不动产登记',
  '政策兑现',
  '用工',
  '融资',
];

export function RequestTicketModal({
  projectId,
  projectName,
  open,
  onClose,
}: {
  projectId: string;
  projectName: string;
  open: boolean;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const create = useCreateTicket();
  const [form] = Form.useForm<CreateTicketBody>();
  return (
    <Modal
      open={open}
      title="申请帮办代办"
      okText="提交申请"
      destroyOnHidden
      okButtonProps={{ loading: create.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">
        {projectName}：板块1个工作日内受理并指定帮办员，受理后2个工作日内出具一次性告知单。
      </Typography.Paragraph>
      <Form<CreateTicketBody>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'help', items: [] }}
        onFinish={(v) =>
          create.mutate(
            { ...v, projectId },
            {
              onSuccess: (res) => {
                onClose();
                navigate(`/tickets/${res.ticket.id}`);
              },
            },
          )
        }
      >
        <Form.Item label="服务类型" name="kind">
          <Segmented options={TICKET_KINDS.map((k) => ({ value: k, label: TICKET_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item
          label="服务事项"
          name="items"
          rules={[{ required: true, message: '请至少选择一项服务事项' }]}
        >
          <Select
            mode="tags"
            options={SERVICE_ITEMS.map((i) => ({ value: i, label: i }))}
            aria-label="服务事项"
          />
        </Form.Item>
        <Form.Item
          label="需求说明"
          name="description"
          rules={[{ required: true, message: '请说明需要帮办的事项' }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <SubmitErrorAlert error={create.error} />
      </Form>
    </Modal>
  );
}

const COLUMNS: ListColumn<TicketItem>[] = [
  { key: 'no', title: '工单号', sortField: 'ticketNo', width: 120, render: (t) => t.ticketNo },
  {
    key: 'project',
    title: '项目与事项',
    isRequired: true,
    render: (t) => (
      <span>
        {t.project.name}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {TICKET_KIND_LABELS[t.kind]} · {t.items.join('、')} · {t.project.regionName}
        </Typography.Text>
      </span>
    ),
  },
  { key: 'status', title: '状态', width: 140, render: (t) => <TicketStatusTag status={t.status} /> },
  { key: 'helper', title: '帮办员', width: 120, render: (t) => t.helperName ?? '—' },
  {
    key: 'rating',
    title: '评价',
    width: 110,
    render: (t) => (t.rating ? RATING_LABELS[t.rating as 1 | 2 | 3 | 4 | 5] : '—'),
  },
  {
    key: 'requested',
    title: '申请日期',
    sortField: 'requestedOn',
    width: 110,
    render: (t) => formatDate(t.requestedOn),
  },
];

const FILTERS: ListFilter[] = [
  {
    key: 'status',
    label: '状态',
    kind: 'select',
    options: TICKET_STATUSES.map((s) => ({ value: s, label: TICKET_STATUS_LABELS[s] })),
  },
  { key: 'mine', label: '我的', kind: 'select', options: [{ value: 'true', label: '我是帮办员' }] },
];

function KpiTable() {
  const [by, setBy] = useState<'region' | 'helper'>('region');
  const kpi = useTicketKpi(by);
  if (kpi.error) return <ErrorAlert error={kpi.error} onRetry={() => void kpi.refetch()} />;
  return (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={by}
        onChange={(v) => setBy(v as 'region' | 'helper')}
        options={[
          { value: 'region', label: '按板块' },
          { value: 'helper', label: '按帮办员' },
        ]}
      />
      <Table
        size="small"
        rowKey="id"
        loading={kpi.isPending}
        pagination={false}
        dataSource={kpi.data?.rows ?? []}
        locale={{ emptyText: '暂无工单' }}
        columns={[
          { title: by === 'region' ? '板块' : '帮办员', dataIndex: 'name' },
          { title: '工单', dataIndex: 'tickets', align: 'right' },
          { title: '办理中', dataIndex: 'open', align: 'right' },
          { title: '已评价', dataIndex: 'rated', align: 'right' },
          {
            title: '满意率',
            dataIndex: 'satisfaction',
            align: 'right',
            render: (v: string | null) => v ?? '—',
          },
          { title: '差评', dataIndex: 'poor', align: 'right' },
        ]}
      />
      <Typography.Text type="secondary">满意率 =（非常满意 + 满意 + 基本满意）÷ 评价数</Typography.Text>
    </>
  );
}

export function TicketsPage() {
  const navigate = useNavigate();
  const [view, setView] = useState<'list' | 'kpi'>('list');
  const state = useListSearchParams({
    filters: FILTERS,
    sortFields: ['requestedOn', 'ticketNo'],
    defaultSort: '-requestedOn',
  });
  const result = useTickets(state.query, view === 'list');
  return (
    <PageContainer
      title="帮办代办"
      description="企业申请 → 板块受理并指定帮办员 → 一次性告知 → 办理 → 办结 → 企业评价；差评1日内回访、15日内整改并复评"
      extra={
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'list' | 'kpi')}
          options={[
            { value: 'list', label: '工单' },
            { value: 'kpi', label: '满意度' },
          ]}
        />
      }
    >
      {view === 'kpi' ? (
        <KpiTable />
      ) : (
        <ListPage<TicketItem>
          listId="tickets"
          state={state}
          filters={FILTERS}
          columns={COLUMNS}
          result={result}
          rowKey={(t) => t.id}
          onRowClick={(t) => navigate(`/tickets/${t.id}`)}
          emptyText="暂无工单；企业可在项目页的“亮灯与月报”中申请帮办代办"
        />
      )}
    </PageContainer>
  );
}

const ORDER: TicketStep[] = [
  'accept',
  'start',
  'resume',
  'finish',
  'rate',
  'callback',
  'rectified',
  'rerate',
  'suspend',
  'withdraw',
];

function StepModal({
  detail,
  step,
  onClose,
}: {
  detail: TicketResponse;
  step: TicketStep;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const mutation = useTicketStep(detail.ticket.id);
  const operators = usePeople('subarea_operator');
  const drc = usePeople('drc');
  const [form] = Form.useForm();
  const label = TICKET_STEPS[step].label;
  return (
    <Modal
      open
      title={label}
      okText={label}
      destroyOnHidden
      okButtonProps={{ loading: mutation.isPending, danger: step === 'withdraw' }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          mutation.mutate(
            { ...v, step, version: detail.ticket.version },
            {
              onSuccess: () => {
                onClose();
                void message.success(`已${label}`);
              },
            },
          )
        }
      >
        {step === 'accept' && (
          <Form.Item label="帮办员" name="helperUserId" rules={[{ required: true, message: '请指定帮办员' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={[...(operators.data ?? []), ...(drc.data ?? [])].map((p) => ({
                value: p.id,
                label: `${p.displayName}（${p.orgName}）`,
              }))}
            />
          </Form.Item>
        )}
        {(step === 'rate' || step === 'rerate') && (
          <Form.Item label="评价" name="rating" rules={[{ required: true, message: '请选择评价' }]}>
            <Rate tooltips={[1, 2, 3, 4, 5].map((r) => RATING_LABELS[r as 1 | 2 | 3 | 4 | 5])} />
          </Form.Item>
        )}
        {!['accept', 'start', 'resume', 'finish', 'withdraw'].includes(step) && (
          <Form.Item
            label={
              {
                suspend: '需企业补充的材料',
                callback: '回访记录',
                rectified: '整改情况',
                rate: '意见（可选）',
                rerate: '意见（可选）',
              }[step as string] ?? '说明'
            }
            name="note"
            rules={
              ['suspend', 'callback', 'rectified'].includes(step)
                ? [{ required: true, message: '请填写' }]
                : []
            }
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {step === 'withdraw' && (
          <Typography.Paragraph>撤回后工单关闭，如需帮办请重新申请。</Typography.Paragraph>
        )}
        <SubmitErrorAlert error={mutation.error} />
      </Form>
    </Modal>
  );
}

export function TicketPage() {
  const { id = '' } = useParams();
  const query = useTicket(id);
  const [step, setStep] = useState<TicketStep>();
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton active />;
  const detail = query.data;
  const t = detail.ticket;
  const steps = ORDER.filter((s) => detail.can[s]);
  return (
    <PageContainer
      title={
        <Space>
          {t.ticketNo}
          <TicketStatusTag status={t.status} />
        </Space>
      }
      description={`${TICKET_KIND_LABELS[t.kind]} · ${t.items.join('、')}`}
      extra={
        <Space wrap>
          {steps.map((s, i) => (
            <Button
              key={s}
              type={i === 0 ? 'primary' : 'default'}
              danger={s === 'withdraw'}
              onClick={() => setStep(s)}
            >
              {TICKET_STEPS[s].label}
            </Button>
          ))}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印一次性告知单
          </Button>
        </Space>
      }
    >
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
            <Descriptions.Item label="项目">
              <Link to={`/projects/${t.project.id}?tab=tracking`}>
                {t.project.internalNo} {t.project.name}
              </Link>
            </Descriptions.Item>
            <Descriptions.Item label="板块">{t.project.regionName}</Descriptions.Item>
            <Descriptions.Item label="帮办员">{t.helperName ?? '待受理'}</Descriptions.Item>
            <Descriptions.Item label="申请日期">{formatDate(t.requestedOn)}</Descriptions.Item>
            <Descriptions.Item label="受理时限">{formatDate(t.deadlines.acceptBy)}</Descriptions.Item>
            <Descriptions.Item label="告知单时限">{formatDate(t.deadlines.noticeBy)}</Descriptions.Item>
            {t.rating && (
              <Descriptions.Item label="评价">
                {RATING_LABELS[t.rating as 1 | 2 | 3 | 4 | 5]}
                {t.ratingNote ? `：${t.ratingNote}` : ''}
              </Descriptions.Item>
            )}
            {t.deadlines.callbackBy && (
              <Descriptions.Item label="回访时限">{formatDate(t.deadlines.callbackBy)}</Descriptions.Item>
            )}
            {t.deadlines.rectifyBy && (
              <Descriptions.Item label="整改时限">{formatDate(t.deadlines.rectifyBy)}</Descriptions.Item>
            )}
            {t.rerating && (
              <Descriptions.Item label="复评">
                {RATING_LABELS[t.rerating as 1 | 2 | 3 | 4 | 5]}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="需求说明" span={3}>
              {t.description}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card size="small" title="一次性告知单（尚待办理的审批事项）" data-testid="notice">
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={detail.notice}
            locale={{ emptyText: '该项目没有尚待办理的审批事项' }}
            columns={[
              { title: '事项', dataIndex: 'name' },
              {
                title: '承诺时限（工作日）',
                dataIndex: 'promisedDays',
                width: 150,
                align: 'right',
                render: (v: number | null) => v ?? '—',
              },
              {
                title: '办结时限',
                dataIndex: 'dueOn',
                width: 120,
                render: (v: string | null) => formatDate(v),
              },
            ]}
          />
        </Card>
        <Card size="small" title="办理记录">
          <Timeline
            items={detail.events.map((e) => ({
              children: (
                <div>
                  <Typography.Text strong>
                    {e.step === 'request' ? '申请' : (TICKET_STEPS[e.step as TicketStep]?.label ?? e.step)}
                  </Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {formatDateTime(e.at)} · {e.actorName}
                    {e.toStatus ? ` · ${TICKET_STATUS_LABELS[e.toStatus as TicketStatus] ?? e.toStatus}` : ''}
                  </Typography.Text>
                  {e.note && <div>{e.note}</div>}
                </div>
              ),
            }))}
          />
        </Card>
      </Flex>
      {step && <StepModal detail={detail} step={step} onClose={() => setStep(undefined)} />}
    </PageContainer>
  );
}
