import type { Channel, CreateChannelBody, Delivery } from '@groundbreak/contract';
import {
  CHANNEL_KIND_LABELS,
  CHANNEL_KINDS,
  CHANNEL_MODE_LABELS,
  CHANNEL_MODES,
  DELIVERY_KIND_LABELS,
  DELIVERY_STATUS_LABELS,
  DELIVERY_STATUSES,
  type DeliveryStatus,
  NOTIFICATION_MODULE_LABELS,
  NOTIFICATION_MODULES,
} from '@groundbreak/contract';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import { RowActionButton } from '../../components/row-action-button';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { formatDateTime } from '../../lib/format';
import { OrgSelect } from '../orgs/org-select';
import {
  useChannelSettings,
  useChannels,
  useCreateChannel,
  useDeleteChannel,
  useDeliveries,
  useDelivery,
  useRetryDelivery,
  useTestChannel,
  useUpdateChannel,
} from './api';

// 消息推送 (system administrator): each organisation's 企业微信/钉钉 group robot, JSON webhook or mailbox
// that its people's messages also go to; a test message; the log of every delivery with each attempt, and
// sending a failed one again. The robot's key never comes back from the server: a hint is shown.

const STATUS_COLORS: Record<DeliveryStatus, string> = {
  pending: 'processing',
  held: 'default',
  batched: 'default',
  sent: 'success',
  failed: 'error',
};

function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{DELIVERY_STATUS_LABELS[status]}</Tag>;
}

const TARGET_HELP: Record<Channel['kind'], string> = {
  wecom:
    '群聊 › 添加群机器人 › 复制 Webhook 地址，形如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  dingtalk:
    '群设置 › 机器人 › 自定义机器人（安全设置选“加签”），形如 https://oapi.dingtalk.com/robot/send?access_token=…',
  json: '接收方的地址；平台以 POST 发送 JSON，设置密钥后带 X-Groundbreak-Signature（HMAC-SHA256）签名头',
  email: '一个或多个邮箱，用逗号、分号或换行分隔',
};

const SECRET_HELP: Partial<Record<Channel['kind'], string>> = {
  dingtalk: '“加签”的密钥（SEC 开头）；未启用加签可不填',
  json: '用于签名的密钥；不填则不签名',
};

type ChannelForm = CreateChannelBody & { secret?: string };

function ChannelModal({
  channel,
  open,
  onClose,
}: {
  channel: Channel | undefined;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ChannelForm>();
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const settings = useChannelSettings();
  const kind = Form.useWatch('kind', form) ?? channel?.kind ?? 'wecom';
  const editing = channel !== undefined;
  const mutation = editing ? update : create;

  const submit = (values: ChannelForm) => {
    const secret = values.secret?.trim() ? values.secret.trim() : undefined;
    if (editing) {
      update.mutate(
        {
          id: channel.id,
          version: channel.version,
          name: values.name,
          mode: values.mode,
          modules: values.modules,
          ...(values.target?.trim() ? { target: values.target.trim() } : {}),
          ...(secret ? { secret } : {}),
        },
        {
          onSuccess: () => {
            message.success('已保存');
            onClose();
          },
        },
      );
    } else {
      create.mutate(
        { ...values, ...(secret ? { secret } : { secret: undefined }) },
        {
          onSuccess: () => {
            message.success('已添加；可点“发送测试”确认群里能收到');
            onClose();
          },
        },
      );
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? `修改推送渠道：${channel.name}` : '添加推送渠道'}
      okText="保存"
      destroyOnHidden
      okButtonProps={{ loading: mutation.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={600}
    >
      <Form<ChannelForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          channel
            ? {
                orgId: channel.orgId,
                kind: channel.kind,
                name: channel.name,
                mode: channel.mode,
                modules: channel.modules,
              }
            : { kind: 'wecom', mode: 'instant', modules: [] }
        }
        onFinish={submit}
      >
        <Form.Item label="所属单位" name="orgId" rules={[{ required: true, message: '请选择单位' }]}>
          <OrgSelect initialName={channel?.orgName ?? null} disabled={editing} />
        </Form.Item>
        <Form.Item label="渠道类型" name="kind">
          <Radio.Group
            disabled={editing}
            optionType="button"
            options={CHANNEL_KINDS.map((k) => ({
              value: k,
              label: CHANNEL_KIND_LABELS[k],
              disabled: k === 'email' && settings.data?.emailAvailable === false,
            }))}
          />
        </Form.Item>
        {kind === 'email' && settings.data?.emailAvailable === false && (
          <Alert
            type="info"
            showIcon
            message="未配置邮件服务器（SMTP_URL），不能添加电子邮件渠道"
            style={{ marginBottom: 16 }}
          />
        )}
        <Form.Item label="名称" name="name" rules={[{ required: true, min: 2, message: '名称至少2个字' }]}>
          <Input placeholder="如：自然资源分局项目服务群" maxLength={50} />
        </Form.Item>
        <Form.Item
          label={kind === 'email' ? '邮箱地址' : 'Webhook 地址'}
          name="target"
          extra={editing ? `当前：${channel.targetHint}。留空则不变；填写新地址则替换` : TARGET_HELP[kind]}
          rules={editing ? [] : [{ required: true, message: kind === 'email' ? '请填写邮箱' : '请填写地址' }]}
        >
          {kind === 'email' ? <Input.TextArea rows={2} /> : <Input autoComplete="off" />}
        </Form.Item>
        {SECRET_HELP[kind] && (
          <Form.Item
            label="密钥"
            name="secret"
            extra={editing && channel.hasSecret ? '已设置；留空则不变' : SECRET_HELP[kind]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item label="推送方式" name="mode">
          <Radio.Group options={CHANNEL_MODES.map((m) => ({ value: m, label: CHANNEL_MODE_LABELS[m] }))} />
        </Form.Item>
        <Form.Item label="推送哪些消息" name="modules" extra="不选则推送全部">
          <Select
            mode="multiple"
            allowClear
            placeholder="全部"
            options={NOTIFICATION_MODULES.map((m) => ({ value: m, label: NOTIFICATION_MODULE_LABELS[m] }))}
          />
        </Form.Item>
        <SubmitErrorAlert error={mutation.error} />
      </Form>
    </Modal>
  );
}

function ChannelsTab() {
  const { message, modal } = App.useApp();
  const state = useListSearchParams({ filters: [], sortFields: ['name'] });
  const result = useChannels(state.query);
  const test = useTestChannel();
  const update = useUpdateChannel();
  const remove = useDeleteChannel();
  const [editing, setEditing] = useState<Channel | undefined>();
  const [creating, setCreating] = useState(false);

  const columns: ListColumn<Channel>[] = [
    { key: 'orgName', title: '单位', isRequired: true, render: (c) => c.orgName },
    {
      key: 'name',
      title: '名称',
      sortField: 'name',
      render: (c) => (
        <Space size={4} wrap>
          {c.name}
          {!c.enabled && <Tag>已停用</Tag>}
        </Space>
      ),
    },
    { key: 'kind', title: '类型', render: (c) => CHANNEL_KIND_LABELS[c.kind] },
    {
      key: 'target',
      title: '地址',
      render: (c) => (
        <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
          {c.targetHint}
        </Typography.Text>
      ),
    },
    {
      key: 'mode',
      title: '方式',
      render: (c) => (
        <Space size={4} wrap>
          {CHANNEL_MODE_LABELS[c.mode]}
          {c.modules.length > 0 && (
            <Typography.Text type="secondary">
              （{c.modules.map((m) => NOTIFICATION_MODULE_LABELS[m] ?? m).join('、')}）
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'last',
      title: '最近推送',
      render: (c) =>
        c.lastDelivery ? (
          <Space direction="vertical" size={0}>
            <Space size={4}>
              <DeliveryStatusTag status={c.lastDelivery.status} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(c.lastDelivery.at)}
              </Typography.Text>
            </Space>
            {c.lastDelivery.error && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {c.lastDelivery.error}
              </Typography.Text>
            )}
            {c.failedLast7Days > 0 && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                近7天失败 {c.failedLast7Days} 条
              </Typography.Text>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">尚未推送</Typography.Text>
        ),
    },
    {
      key: 'actions',
      title: '操作',
      isRequired: true,
      fixed: 'right',
      render: (c) => (
        <Space size={0} wrap>
          <RowActionButton
            label="发送测试"
            onClick={() =>
              test.mutate(c.id, {
                onSuccess: (res) =>
                  res.ok
                    ? message.success(`测试消息已送达（${c.name}）`)
                    : message.error(`测试消息发送失败：${res.error ?? '未知原因'}`, 8),
              })
            }
          />
          <RowActionButton label="修改" onClick={() => setEditing(c)} />
          <RowActionButton
            label={c.enabled ? '停用' : '启用'}
            onClick={() => update.mutate({ id: c.id, version: c.version, enabled: !c.enabled })}
          />
          <RowActionButton
            label="删除"
            isDanger
            onClick={() =>
              modal.confirm({
                title: `删除推送渠道“${c.name}”？`,
                content: '尚未发出的消息将记为未发送；推送记录保留。',
                okText: '删除',
                okButtonProps: { danger: true },
                onOk: () => remove.mutateAsync(c),
              })
            }
          />
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPage<Channel>
        listId="notification-channels"
        state={state}
        filters={[]}
        columns={columns}
        result={result}
        rowKey={(c) => c.id}
        actions={
          <Button type="primary" onClick={() => setCreating(true)}>
            添加渠道
          </Button>
        }
        emptyText="还没有推送渠道。添加单位的企业微信或钉钉群机器人后，交办、退回、到期和督办提醒会同时推送到群里"
      />
      <ChannelModal
        channel={editing}
        open={editing !== undefined || creating}
        onClose={() => {
          setEditing(undefined);
          setCreating(false);
        }}
      />
    </>
  );
}

function DeliveryDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { message } = App.useApp();
  const detail = useDelivery(id);
  const retry = useRetryDelivery();
  const d = detail.data?.delivery;
  return (
    <Drawer open={id !== undefined} onClose={onClose} title="推送记录" width={640}>
      {detail.error && <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} />}
      {d && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { width: 72, whiteSpace: 'nowrap' } }}
          >
            <Descriptions.Item label="渠道">
              {d.orgName} · {d.channelName}
            </Descriptions.Item>
            <Descriptions.Item label="消息">
              <Typography.Text strong>{d.title}</Typography.Text>
              {d.body && (
                <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-line', margin: '4px 0 0' }}>
                  {d.body}
                </Typography.Paragraph>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <Space wrap>
                <DeliveryStatusTag status={d.status} />
                {d.nextAttemptAt && <span>下次尝试 {formatDateTime(d.nextAttemptAt)}</span>}
                {d.sentAt && <span>送达于 {formatDateTime(d.sentAt)}</span>}
              </Space>
            </Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey={(a) => a.attempt}
            pagination={false}
            dataSource={d.attemptLog}
            locale={{ emptyText: '尚未尝试' }}
            columns={[
              { title: '次', dataIndex: 'attempt', width: 40 },
              { title: '时间', render: (_, a) => formatDateTime(a.at), width: 150 },
              {
                title: '结果',
                render: (_, a) => (a.ok ? <Tag color="success">成功</Tag> : <Tag color="error">失败</Tag>),
                width: 70,
              },
              { title: '应答', render: (_, a) => a.statusCode ?? '—', width: 60 },
              { title: '耗时', render: (_, a) => `${a.durationMs} ms`, width: 80 },
              { title: '错误', render: (_, a) => a.error ?? '' },
            ]}
          />
          {d.status === 'failed' && (
            <Button
              type="primary"
              loading={retry.isPending}
              onClick={() =>
                retry.mutate(d.id, {
                  onSuccess: () => message.success('已重新排队，一分钟内发送'),
                })
              }
            >
              重新发送
            </Button>
          )}
          <SubmitErrorAlert error={retry.error} />
        </Space>
      )}
    </Drawer>
  );
}

function DeliveriesTab() {
  const filters = useMemo<ListFilter[]>(
    () => [
      {
        key: 'status',
        label: '状态',
        kind: 'select',
        options: DELIVERY_STATUSES.map((s) => ({ value: s, label: DELIVERY_STATUS_LABELS[s] })),
      },
    ],
    [],
  );
  const state = useListSearchParams({ filters, sortFields: ['createdAt'], defaultSort: '-createdAt' });
  const result = useDeliveries(state.query);
  const [open, setOpen] = useState<string | undefined>();
  const columns: ListColumn<Delivery>[] = [
    { key: 'createdAt', title: '时间', sortField: 'createdAt', render: (d) => formatDateTime(d.createdAt) },
    { key: 'channel', title: '渠道', render: (d) => `${d.orgName} · ${d.channelName}` },
    {
      key: 'title',
      title: '消息',
      isRequired: true,
      render: (d) => (
        <Space size={4} wrap>
          {d.kind !== 'message' && <Tag>{DELIVERY_KIND_LABELS[d.kind]}</Tag>}
          {d.title}
        </Space>
      ),
    },
    { key: 'status', title: '状态', render: (d) => <DeliveryStatusTag status={d.status} /> },
    { key: 'attempts', title: '尝试', align: 'right', render: (d) => d.attempts },
    {
      key: 'error',
      title: '最近错误 / 下次尝试',
      render: (d) => (
        <Space direction="vertical" size={0}>
          {d.lastError && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {d.lastError}
            </Typography.Text>
          )}
          {d.nextAttemptAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              下次 {formatDateTime(d.nextAttemptAt)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <ListPage<Delivery>
        listId="notification-deliveries"
        state={state}
        filters={filters}
        columns={columns}
        result={result}
        rowKey={(d) => d.id}
        onRowClick={(d) => setOpen(d.id)}
        emptyText="暂无推送记录"
      />
      <DeliveryDrawer id={open} onClose={() => setOpen(undefined)} />
    </>
  );
}

export function ChannelsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const settings = useChannelSettings();
  const tab = searchParams.get('tab') === 'deliveries' ? 'deliveries' : 'channels';
  return (
    <PageContainer
      title="消息推送"
      description={
        settings.data
          ? `单位人员收到的站内消息同时推送到单位的群机器人、Webhook 或邮箱；失败的按 ${Math.round(settings.data.retryBaseSeconds / 60) || 1}、${Math.round((settings.data.retryBaseSeconds * 2) / 60) || 2}、${Math.round((settings.data.retryBaseSeconds * 4) / 60) || 4}… 分钟间隔重试，共 ${settings.data.maxAttempts} 次，不影响业务办理`
          : '单位人员收到的站内消息同时推送到单位的群机器人、Webhook 或邮箱'
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearchParams(key === 'channels' ? {} : { tab: key })}
        items={[
          { key: 'channels', label: '推送渠道', children: tab === 'channels' ? <ChannelsTab /> : null },
          { key: 'deliveries', label: '推送记录', children: tab === 'deliveries' ? <DeliveriesTab /> : null },
        ]}
      />
    </PageContainer>
  );
}
