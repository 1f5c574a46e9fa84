import {
  DeleteOutlined,
  FileWordOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  SendOutlined,
} from '@ant-design/icons';
import type { BriefingSummary, SavedBriefing } from '@groundbreak/contract';
import { BRIEFING_STATUS_LABELS, LIBRARY_LEVEL_LABELS } from '@groundbreak/contract';
import { lastClosedMonth, periodText } from '@groundbreak/domain';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { formatDateTime } from '../../lib/format';
import { useCan, useCurrentUser } from '../auth/use-current-user';
import {
  useBriefings,
  useCreateBriefing,
  useDeleteBriefing,
  useIssueBriefing,
  useSavedBriefing,
  useUpdateBriefing,
} from './api';
import { pct, yi } from './cockpit-page';

// 简报: the briefings of the scope. One is generated from the statistics of a scope and period and kept
// as a draft with the figures it was computed from; the draft's title and paragraphs are edited here,
// then it is issued as 第N期 of its region and year and no longer changes. Each downloads as .docx.

const periodOf = (b: { year: number; month: number }) => `${b.year}年${periodText(1, b.month, 'quarter')}`;

const COLUMNS: ListColumn<BriefingSummary>[] = [
  {
    key: 'title',
    title: '简报',
    isRequired: true,
    render: (b) => (
      <span>
        {b.title}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {b.regionName} · 数据截至 {formatDateTime(b.computedAt)}
        </Typography.Text>
      </span>
    ),
  },
  { key: 'period', title: '期间', sortField: 'period', width: 140, render: periodOf },
  {
    key: 'status',
    title: '状态',
    width: 140,
    render: (b) =>
      b.status === 'issued' ? (
        <Tag color="success">
          {BRIEFING_STATUS_LABELS.issued} · {b.issueYear}年第{b.issueNo}期
        </Tag>
      ) : (
        <Tag color="processing">{BRIEFING_STATUS_LABELS.draft}</Tag>
      ),
  },
  {
    key: 'createdAt',
    title: '生成',
    sortField: 'createdAt',
    width: 170,
    render: (b) => (
      <span>
        {formatDateTime(b.createdAt)}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {b.createdByName ?? '—'}
        </Typography.Text>
      </span>
    ),
  },
  {
    key: 'issuedAt',
    title: '印发',
    width: 170,
    render: (b) =>
      b.issuedAt ? (
        <span>
          {formatDateTime(b.issuedAt)}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {b.issuedByName ?? '—'}
          </Typography.Text>
        </span>
      ) : (
        '—'
      ),
  },
];

const FILTERS: ListFilter[] = [
  {
    key: 'status',
    label: '状态',
    kind: 'select',
    options: (['draft', 'issued'] as const).map((s) => ({ value: s, label: BRIEFING_STATUS_LABELS[s] })),
  },
];

/** Generate a briefing: scope and period, then the draft opens for editing. */
export function NewBriefingModal({
  open,
  onClose,
  initial,
}: {
  open: boolean;
  onClose: () => void;
  initial?: { year: number; month?: number; regionId?: string };
}) {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const create = useCreateBriefing();
  const [form] = Form.useForm();
  // The server's default period: the last closed month.
  const lastMonth = dayjs(`${lastClosedMonth(dayjs().format('YYYY-MM-DD'))}-01`);
  return (
    <Modal
      open={open}
      title="生成简报"
      okText="生成草稿"
      destroyOnHidden
      okButtonProps={{ loading: create.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">
        按所选范围和期间的统计数据生成简报正文、红灯项目和主要问题，存为草稿；修改后印发。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          period: dayjs(
            `${initial?.year ?? lastMonth.year()}-${String(initial?.month ?? lastMonth.month() + 1).padStart(2, '0')}-01`,
          ),
          regionId: initial?.regionId ?? user.regionScopes[0]?.id,
        }}
        onFinish={(v) => {
          const d = v.period as dayjs.Dayjs;
          create.mutate(
            { year: d.year(), month: d.month() + 1, ...(v.regionId ? { regionId: v.regionId } : {}) },
            {
              onSuccess: (res) => {
                onClose();
                navigate(`/statistics/briefings/${res.id}`);
              },
            },
          );
        }}
      >
        <Form.Item label="期间（截至月份）" name="period" rules={[{ required: true, message: '请选择月份' }]}>
          <DatePicker picker="month" allowClear={false} />
        </Form.Item>
        {user.regionScopes.length > 0 && (
          <Form.Item label="范围" name="regionId">
            <Select options={user.regionScopes.map((r) => ({ value: r.id, label: r.name }))} />
          </Form.Item>
        )}
        <SubmitErrorAlert error={create.error} />
      </Form>
    </Modal>
  );
}

export function BriefingsPage() {
  const navigate = useNavigate();
  const canWrite = useCan('stats.write');
  const [isCreating, setCreating] = useState(false);
  const state = useListSearchParams({
    filters: FILTERS,
    sortFields: ['createdAt', 'period'],
    defaultSort: '-createdAt',
  });
  const result = useBriefings(state.query);
  return (
    <PageContainer
      title="简报"
      description="按范围和期间由统计数据生成，修改后印发；已印发的留档并保留计算所用的数据"
    >
      <ListPage<BriefingSummary>
        listId="briefings"
        state={state}
        filters={FILTERS}
        columns={COLUMNS}
        result={result}
        rowKey={(b) => b.id}
        onRowClick={(b) => navigate(`/statistics/briefings/${b.id}`)}
        actions={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              生成简报
            </Button>
          )
        }
        emptyText="暂无简报"
      />
      <NewBriefingModal open={isCreating} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}

/** The figures the text was computed from: each tier against plan, 序时 and targets. */
function SnapshotCard({ b }: { b: SavedBriefing }) {
  const s = b.snapshot;
  return (
    <Card
      size="small"
      title={`计算所用数据（${s.region.name}，${s.year}年1—${s.month}月，序时进度${pct(s.schedule)}）`}
      extra={<Typography.Text type="secondary">数据截至 {formatDateTime(b.computedAt)}</Typography.Text>}
    >
      <Table
        size="small"
        pagination={false}
        rowKey="level"
        dataSource={s.tiers}
        columns={[
          { title: '层级', render: (_v, t) => LIBRARY_LEVEL_LABELS[t.level] },
          { title: '项目数', dataIndex: 'projects', align: 'right' },
          {
            title: '年度计划（亿元）',
            align: 'right',
            render: (_v, t) => (t.investment.of === null ? '—' : yi(t.investment.of)),
          },
          { title: '完成投资（亿元）', align: 'right', render: (_v, t) => yi(t.investment.value) },
          { title: '完成率', align: 'right', render: (_v, t) => pct(t.investment.rate) },
          {
            title: '开工',
            align: 'right',
            render: (_v, t) => `${t.starts.value}/${t.starts.of ?? 0}（${pct(t.starts.rate)}）`,
          },
          {
            title: '新增入库/目标',
            align: 'right',
            render: (_v, t) => `${t.entries.value}/${t.entries.of ?? '未设'}`,
          },
        ]}
      />
    </Card>
  );
}

/** The draft's title and paragraphs; tells the page whether what is typed differs from what is saved. */
function Editor({
  b,
  onSaved,
  onDirty,
}: {
  b: SavedBriefing;
  onSaved: () => void;
  onDirty: (dirty: boolean) => void;
}) {
  const { message } = App.useApp();
  const update = useUpdateBriefing(b.id);
  const [form] = Form.useForm();
  useEffect(() => {
    form.setFieldsValue({ title: b.title, paragraphs: b.paragraphs });
    onDirty(false);
  }, [form, b.title, b.paragraphs, onDirty]);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ title: b.title, paragraphs: b.paragraphs }}
      onValuesChange={(_, all: { title?: string; paragraphs?: string[] }) =>
        onDirty(
          all.title !== b.title || JSON.stringify(all.paragraphs ?? []) !== JSON.stringify(b.paragraphs),
        )
      }
      onFinish={(v) =>
        update.mutate(
          { version: b.version, title: v.title, paragraphs: v.paragraphs },
          {
            onSuccess: () => {
              void message.success('已保存');
              onSaved();
            },
          },
        )
      }
    >
      <Form.Item
        label="标题"
        name="title"
        rules={[{ required: true, whitespace: true, message: '请填写标题' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.List name="paragraphs">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} align="start">
                <Form.Item
                  name={field.name}
                  label={i === 0 ? '正文（每段一框）' : undefined}
                  style={{ flex: 1 }}
                  rules={[{ required: true, whitespace: true, message: '段落不能为空，不要的段落请删除' }]}
                >
                  <Input.TextArea
                    autoSize={{ minRows: 2, maxRows: 10 }}
                    maxLength={4000}
                    aria-label={`第${i + 1}段`}
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label={`删除第${i + 1}段`}
                  disabled={fields.length <= 1}
                  onClick={() => remove(field.name)}
                  style={{ marginTop: i === 0 ? 30 : 0 }}
                />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} block>
              添加一段
            </Button>
          </>
        )}
      </Form.List>
      <SubmitErrorAlert error={update.error} />
      <Button type="primary" htmlType="submit" loading={update.isPending} style={{ marginTop: 16 }}>
        保存修改
      </Button>
    </Form>
  );
}

export function BriefingPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const query = useSavedBriefing(id);
  const issue = useIssueBriefing(id);
  const remove = useDeleteBriefing(id);
  const b = query.data;
  // 印发 issues what is saved: with unsaved edits it waits for 保存修改, so that nothing typed is lost.
  const [dirty, setDirty] = useState(false);
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  if (!b) return <Skeleton active />;
  return (
    <PageContainer
      title={b.title}
      description={
        <>
          <Link to="/statistics/briefings">简报</Link> · {b.regionName} · {periodOf(b)}
        </>
      }
      extra={
        <Space wrap>
          {b.status === 'issued' ? (
            <Tag color="success" data-testid="briefing-status">
              已印发 · {b.issueYear}年第{b.issueNo}期
            </Tag>
          ) : (
            <Tag color="processing" data-testid="briefing-status">
              草稿
            </Tag>
          )}
          <Button
            icon={<FileWordOutlined />}
            href={`/api/briefings/${b.id}/docx`}
            data-testid="briefing-docx"
          >
            下载 Word
          </Button>
          {b.canEdit && (
            <>
              <Popconfirm
                title="印发后正文和数据不再变化，确定印发？"
                okText="印发"
                onConfirm={() =>
                  issue.mutate(b.version, {
                    onSuccess: (res) => void message.success(`已印发：${res.issueYear}年第${res.issueNo}期`),
                    onError: (e) => void message.error(e.message),
                  })
                }
              >
                <Tooltip title={dirty ? '正文有未保存的修改，请先保存' : undefined}>
                  <Button type="primary" icon={<SendOutlined />} loading={issue.isPending} disabled={dirty}>
                    印发
                  </Button>
                </Tooltip>
              </Popconfirm>
              <Popconfirm
                title="删除这份草稿？"
                okText="删除"
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutate(b.version, {
                    onSuccess: () => {
                      void message.success('已删除草稿');
                      navigate('/statistics/briefings');
                    },
                    onError: (e) => void message.error(e.message),
                  })
                }
              >
                <Button danger icon={<DeleteOutlined />}>
                  删除草稿
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      }
    >
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              {
                key: 'c',
                label: '生成',
                children: `${formatDateTime(b.createdAt)} ${b.createdByName ?? ''}`,
              },
              {
                key: 'i',
                label: '印发',
                children: b.issuedAt ? `${formatDateTime(b.issuedAt)} ${b.issuedByName ?? ''}` : '未印发',
              },
              { key: 'd', label: '数据截至', children: formatDateTime(b.computedAt) },
            ]}
          />
        </Card>
        <Card size="small" title={b.canEdit ? '编辑正文' : '正文'}>
          {b.canEdit ? (
            <Editor b={b} onSaved={() => void query.refetch()} onDirty={setDirty} />
          ) : (
            <article>
              <Typography.Title level={4} style={{ textAlign: 'center' }} data-testid="briefing-title">
                {b.title}
              </Typography.Title>
              {b.paragraphs.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs are text in order; equal ones may repeat
                <Typography.Paragraph key={i} style={{ textIndent: '2em' }}>
                  {p}
                </Typography.Paragraph>
              ))}
            </article>
          )}
        </Card>
        <SnapshotCard b={b} />
        <Card
          size="small"
          title={
            b.redTotal > b.redList.length
              ? `红灯项目（共${b.redTotal}个，列前${b.redList.length}个）`
              : `红灯项目（${b.redTotal}个）`
          }
        >
          <Table
            size="small"
            pagination={false}
            rowKey="projectId"
            dataSource={b.redList}
            locale={{ emptyText: '无红灯项目' }}
            columns={[
              { title: '项目', render: (_v, r) => <Link to={`/projects/${r.projectId}`}>{r.name}</Link> },
              { title: '区域', dataIndex: 'regionName', width: 140 },
              { title: '亮灯原因', dataIndex: 'explanation' },
            ]}
          />
        </Card>
        <Card size="small" title="主要未办结问题">
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={b.problems}
            locale={{ emptyText: '无未办结问题' }}
            columns={[
              {
                title: '问题',
                render: (_v, p) => <Link to={`/problems/${p.id}`}>{`${p.problemNo} ${p.title}`}</Link>,
              },
              { title: '项目', dataIndex: 'projectName' },
              { title: '办理时限', dataIndex: 'dueOn', width: 110 },
            ]}
          />
        </Card>
      </Flex>
    </PageContainer>
  );
}
