import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import type { MeetingResponse } from '@groundbreak/contract';
import { LIGHT_LABELS } from '@groundbreak/contract';
import {
  MEETING_STATUS_LABELS,
  MEETING_TYPE_LABELS,
  MEETING_TYPES,
  type MeetingType,
  PROBLEM_CATEGORIES,
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_STATUS_LABELS,
} from '@groundbreak/domain';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Light } from '../../components/light';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { formatDate } from '../../lib/format';
import { useCurrentUser } from '../auth/use-current-user';
import {
  useCreateMeeting,
  useMeeting,
  useMeetingDecision,
  useMeetings,
  useProblemUnits,
  useUpdateMeeting,
} from './api';

// 调度会: the meetings of the scope; a new one gets its agenda from the red lights and the overdue or
// escalated problems at once. A meeting's page shows the previous meeting's decisions and how they stand,
// the agenda (editable), the decisions recorded (each a problem with a lead unit and a time limit), the
// minutes, and the material to download.

type ListItem = {
  id: string;
  type: MeetingType;
  title: string;
  heldOn: string;
  chair: string;
  regionName: string;
  status: 'planned' | 'held';
  agendaCount: number;
  decisionCount: number;
};

const COLUMNS: ListColumn<ListItem>[] = [
  { key: 'heldOn', title: '日期', sortField: 'heldOn', width: 110, render: (m) => formatDate(m.heldOn) },
  {
    key: 'title',
    title: '会议',
    isRequired: true,
    render: (m) => (
      <span>
        {m.title}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {MEETING_TYPE_LABELS[m.type]} · {m.regionName} · 主持：{m.chair}
        </Typography.Text>
      </span>
    ),
  },
  {
    key: 'status',
    title: '状态',
    width: 90,
    render: (m) => (
      <Tag color={m.status === 'held' ? 'default' : 'processing'}>{MEETING_STATUS_LABELS[m.status]}</Tag>
    ),
  },
  { key: 'agenda', title: '议题', width: 80, align: 'right', render: (m) => m.agendaCount },
  { key: 'decisions', title: '议定事项', width: 100, align: 'right', render: (m) => m.decisionCount },
];

const FILTERS: ListFilter[] = [
  {
    key: 'type',
    label: '类型',
    kind: 'select',
    options: MEETING_TYPES.map((t) => ({ value: t, label: MEETING_TYPE_LABELS[t] })),
  },
];

function NewMeetingModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const create = useCreateMeeting();
  const units = useProblemUnits();
  const [form] = Form.useForm();
  return (
    <Modal
      open={open}
      title="新建调度会"
      okText="生成议题"
      destroyOnHidden
      okButtonProps={{ loading: create.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">
        议题按本范围内的红灯项目和超期、已升级的问题自动生成，生成后可增删。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ type: 'weekly', heldOn: dayjs(), regionId: user.regionScopes[0]?.id }}
        onFinish={(v) =>
          create.mutate(
            {
              type: v.type,
              title: v.title,
              heldOn: (v.heldOn as dayjs.Dayjs).format('YYYY-MM-DD'),
              chair: v.chair,
              unitIds: v.unitIds ?? [],
              regionId: v.regionId,
            },
            {
              onSuccess: (res) => {
                onClose();
                navigate(`/meetings/${res.meeting.id}`);
              },
            },
          )
        }
      >
        <Form.Item label="类型" name="type">
          <Select options={MEETING_TYPES.map((t) => ({ value: t, label: MEETING_TYPE_LABELS[t] }))} />
        </Form.Item>
        <Form.Item label="会议名称" name="title" rules={[{ required: true, message: '请填写会议名称' }]}>
          <Input placeholder="如：第15周重大项目调度会" />
        </Form.Item>
        <Form.Item label="日期" name="heldOn" rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item label="主持人" name="chair" rules={[{ required: true, message: '请填写主持人' }]}>
          <Input placeholder="如：常务副区长" />
        </Form.Item>
        <Form.Item label="范围" name="regionId">
          <Select options={user.regionScopes.map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
        <Form.Item label="参会单位" name="unitIds">
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <SubmitErrorAlert error={create.error} />
      </Form>
    </Modal>
  );
}

export function MeetingsPage() {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [isCreating, setCreating] = useState(false);
  const state = useListSearchParams({ filters: FILTERS, sortFields: ['heldOn'], defaultSort: '-heldOn' });
  const result = useMeetings(state.query);
  const canCreate = user.roles.includes('drc') || user.roles.includes('subarea_operator');
  return (
    <PageContainer
      title="调度会"
      description="周调度、月度调度、季度观摩和专题协调：议题自动生成，议定事项即交办"
    >
      <ListPage<ListItem>
        listId="meetings"
        state={state}
        filters={FILTERS}
        columns={COLUMNS}
        result={result}
        rowKey={(m) => m.id}
        onRowClick={(m) => navigate(`/meetings/${m.id}`)}
        actions={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建调度会
            </Button>
          )
        }
        emptyText="暂无调度会"
      />
      <NewMeetingModal open={isCreating} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}

type Decision = MeetingResponse['decisions'][number];

function DecisionTable({ rows }: { rows: Decision[] }) {
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '暂无议定事项' }}
      columns={[
        { title: '议定事项', render: (_v, d) => d.text },
        { title: '项目', width: 200, render: (_v, d) => d.project.name },
        { title: '主办单位', width: 140, render: (_v, d) => d.problem.leadOrgName ?? '—' },
        { title: '办理时限', width: 110, render: (_v, d) => formatDate(d.problem.dueOn) },
        {
          title: '落实情况',
          width: 170,
          render: (_v, d) => (
            <Link to={`/problems/${d.problem.id}`}>
              {PROBLEM_STATUS_LABELS[d.problem.status]}
              {d.problem.overdueWorkingDays > 0 && (
                <Typography.Text type="danger">，超期{d.problem.overdueWorkingDays}个工作日</Typography.Text>
              )}
            </Link>
          ),
        },
      ]}
    />
  );
}

function DecisionModal({ detail, onClose }: { detail: MeetingResponse; onClose: () => void }) {
  const { message } = App.useApp();
  const decide = useMeetingDecision(detail.meeting.id);
  const units = useProblemUnits();
  const [form] = Form.useForm();
  const projectId = Form.useWatch('projectId', form) as string | undefined;
  const problems = useMemo(
    () => detail.agenda.find((a) => a.projectId === projectId)?.problems ?? [],
    [detail.agenda, projectId],
  );
  return (
    <Modal
      open
      title="记录议定事项"
      okText="记录并交办"
      destroyOnHidden
      okButtonProps={{ loading: decide.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ limitWorkingDays: 10, category: 'other' }}
        onFinish={(v) =>
          decide.mutate(
            { ...v, coOrgIds: v.coOrgIds ?? [], version: detail.meeting.version },
            {
              onSuccess: () => {
                onClose();
                void message.success('已记录议定事项并交办');
              },
            },
          )
        }
      >
        <Form.Item label="议定事项" name="text" rules={[{ required: true, message: '请填写议定事项' }]}>
          <Input.TextArea rows={3} placeholder="如：请自然资源分局5个工作日内出具用地预审意见" />
        </Form.Item>
        <Form.Item label="项目" name="projectId" rules={[{ required: true, message: '请选择议题中的项目' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={detail.agenda.map((a) => ({
              value: a.projectId,
              label: `${a.project.internalNo} ${a.project.name}`,
            }))}
          />
        </Form.Item>
        <Form.Item label="更新已有问题（不选则新建问题）" name="problemId">
          <Select
            allowClear
            options={problems.map((p) => ({ value: p.id, label: `${p.problemNo} ${p.title}` }))}
          />
        </Form.Item>
        <Form.Item label="问题类别" name="category">
          <Select
            options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: PROBLEM_CATEGORY_LABELS[c] }))}
          />
        </Form.Item>
        <Form.Item label="主办单位" name="leadOrgId" rules={[{ required: true, message: '请选择主办单位' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item label="协办单位" name="coOrgIds">
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item label="办理时限（工作日）" name="limitWorkingDays" rules={[{ required: true }]}>
          <InputNumber min={1} max={120} />
        </Form.Item>
        <SubmitErrorAlert error={decide.error} />
      </Form>
    </Modal>
  );
}

export function MeetingPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const query = useMeeting(id);
  const update = useUpdateMeeting(id);
  const [isDeciding, setDeciding] = useState(false);
  const [minutes, setMinutes] = useState<string>();
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton active />;
  const detail = query.data;
  const m = detail.meeting;
  const removeItem = (projectId: string) =>
    update.mutate({
      version: m.version,
      agenda: detail.agenda
        .filter((a) => a.projectId !== projectId)
        .map(({ project: _p, problems: _q, ...item }) => item),
    });
  return (
    <PageContainer
      title={
        <Space>
          {m.title}
          <Tag color={m.status === 'held' ? 'default' : 'processing'}>{MEETING_STATUS_LABELS[m.status]}</Tag>
        </Space>
      }
      description={`${MEETING_TYPE_LABELS[m.type]} · ${formatDate(m.heldOn)} · 主持：${m.chair} · 范围：${m.regionName}`}
      extra={
        <Space wrap>
          {detail.canEdit && (
            <Button type="primary" onClick={() => setDeciding(true)}>
              记录议定事项
            </Button>
          )}
          {detail.canEdit && m.status === 'planned' && (
            <Button
              onClick={() =>
                update.mutate(
                  { version: m.version, status: 'held' },
                  { onSuccess: () => void message.success('已标记为已召开') },
                )
              }
            >
              标记已召开
            </Button>
          )}
          <Button icon={<FileWordOutlined />} href={`/api/meetings/${m.id}/material`} data-testid="material">
            下载会议材料
          </Button>
        </Space>
      }
    >
      <Flex vertical gap={16}>
        <SubmitErrorAlert error={update.error} />
        {m.units.length > 0 && (
          <Descriptions size="small">
            <Descriptions.Item label="参会单位">{m.units.map((u) => u.name).join('、')}</Descriptions.Item>
          </Descriptions>
        )}
        {detail.previous && (
          <Card
            size="small"
            title={
              <span>
                上次调度会议定事项落实情况（
                <Link to={`/meetings/${detail.previous.id}`}>
                  {detail.previous.title}，{formatDate(detail.previous.heldOn)}
                </Link>
                ）
              </span>
            }
          >
            <DecisionTable rows={detail.previous.decisions} />
          </Card>
        )}
        <Card size="small" title={`议题（${detail.agenda.length}个项目）`} data-testid="agenda">
          <Table
            size="small"
            rowKey="projectId"
            pagination={false}
            dataSource={detail.agenda}
            locale={{ emptyText: '本范围当前没有红灯项目或超期问题' }}
            columns={[
              {
                title: '项目',
                width: 260,
                render: (_v, a) => (
                  <span>
                    <Link to={`/projects/${a.projectId}?tab=tracking`}>{a.project.name}</Link>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {a.project.internalNo} · {a.project.regionName}
                    </Typography.Text>
                  </span>
                ),
              },
              {
                title: '亮灯',
                width: 80,
                render: (_v, a) =>
                  a.light ? <Light color={a.light} explanation={LIGHT_LABELS[a.light]} showText /> : '—',
              },
              { title: '说明', render: (_v, a) => a.reason },
              {
                title: '问题',
                width: 220,
                render: (_v, a) =>
                  a.problems.map((p) => (
                    <div key={p.id}>
                      <Link to={`/problems/${p.id}`}>
                        {p.problemNo} {p.title}
                      </Link>
                    </div>
                  )),
              },
              ...(detail.canEdit
                ? [
                    {
                      title: '',
                      width: 70,
                      render: (_v: unknown, a: (typeof detail.agenda)[number]) => (
                        <Button size="small" type="link" danger onClick={() => removeItem(a.projectId)}>
                          移出
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
        <Card size="small" title="议定事项">
          <DecisionTable rows={detail.decisions} />
        </Card>
        <Card size="small" title="会议纪要">
          {detail.canEdit ? (
            <Flex vertical gap={8}>
              <Input.TextArea
                rows={4}
                value={minutes ?? m.minutes ?? ''}
                onChange={(e) => setMinutes(e.target.value)}
                aria-label="会议纪要"
              />
              <Button
                style={{ alignSelf: 'flex-start' }}
                disabled={minutes === undefined}
                loading={update.isPending}
                onClick={() =>
                  update.mutate(
                    { version: m.version, minutes: minutes ?? null },
                    {
                      onSuccess: () => {
                        setMinutes(undefined);
                        void message.success('纪要已保存');
                      },
                    },
                  )
                }
              >
                保存纪要
              </Button>
            </Flex>
          ) : (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.minutes ?? '—'}</Typography.Paragraph>
          )}
        </Card>
      </Flex>
      {isDeciding && <DecisionModal detail={detail} onClose={() => setDeciding(false)} />}
    </PageContainer>
  );
}
