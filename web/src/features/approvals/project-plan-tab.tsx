import type { Project, ProjectPlan, ScheduledPlanNode } from '@groundbreak/contract';
import { LIMIT_UNIT_LABELS, PLAN_STATUS_LABELS } from '@groundbreak/contract';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
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
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SubmitErrorAlert, useConflictReload } from '../../components/submit-error-alert';
import { describeError } from '../../lib/describe-error';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDate } from '../../lib/format';
import {
  useApprovePlan,
  useCreatePlan,
  usePlanTemplates,
  useProjectPlan,
  useRecordPlanActual,
  useRefreshPlan,
  useRevisePlan,
} from './api';
import { PlanGantt } from './plan-gantt';

// A project's 倒排计划 tab: choose a template and the target date of its anchor; the plan then shows every
// node's latest dates back from the target, the forecast from today and what has actually happened, the
// critical path and what is already late, on a Gantt chart; the 板块 and 区发改 approve it; a revision after
// approval says why and is measured against the baseline.

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

function CreatePlanForm({ projectId }: { projectId: string }) {
  const { message } = App.useApp();
  const templates = usePlanTemplates();
  const create = useCreatePlan(projectId);
  const [form] = Form.useForm<{ templateCode: 'A' | 'B' | 'C'; targetOn: Dayjs }>();
  return (
    <Card size="small" title="编制倒排计划" style={{ maxWidth: 640 }}>
      <Typography.Paragraph type="secondary">
        先定锚点节点（一般为开工或投产）的目标日期，系统按模板逐个节点倒排出最迟开始、最迟完成日期，并按今天和实际进度正排出预计日期。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) =>
          create.mutate(
            { templateCode: v.templateCode, targetOn: v.targetOn.format('YYYY-MM-DD') },
            {
              onSuccess: () => message.success('倒排计划已编制'),
              onError: (e) => applyFieldErrors(form, e, ['templateCode', 'targetOn']),
            },
          )
        }
      >
        <Form.Item name="templateCode" label="计划模板" rules={[{ required: true, message: '请选择模板' }]}>
          <Select
            style={{ width: 260 }}
            loading={templates.isPending}
            options={templates.data?.items.map((t) => ({ value: t.code, label: `${t.code}：${t.name}` }))}
          />
        </Form.Item>
        <Form.Item
          name="targetOn"
          label="锚点目标日期"
          rules={[{ required: true, message: '请选择目标日期' }]}
        >
          <DatePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          编制计划
        </Button>
      </Form>
      <div style={{ marginTop: 12 }}>
        <SubmitErrorAlert error={create.error} />
      </div>
    </Card>
  );
}

function ActualModal({
  projectId,
  plan,
  node,
  onClose,
}: {
  projectId: string;
  plan: ProjectPlan;
  node: ScheduledPlanNode | undefined;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const record = useRecordPlanActual(projectId);
  const reload = useConflictReload(useRefreshPlan(projectId), record.reset);
  const [form] = Form.useForm<{ actualStart: Dayjs | null; actualFinish: Dayjs | null }>();
  if (!node) return null;
  return (
    <Modal
      open
      title={`填报实际进度：${node.name}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={record.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'resp', label: '责任单位', children: node.responsible || '—' },
          { key: 'dur', label: '工期', children: `${node.duration} 个${LIMIT_UNIT_LABELS[node.unit]}` },
          { key: 'ls', label: '最迟开始', children: formatDate(node.lateStart) },
          { key: 'lf', label: '最迟完成', children: formatDate(node.lateFinish) },
        ]}
      />
      {node.approval && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="此节点关联审批事项：未填报时取事项的受理、办结日期"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          actualStart: node.actualStart ? dayjs(node.actualStart) : null,
          actualFinish: node.actualFinish ? dayjs(node.actualFinish) : null,
        }}
        onFinish={(v) =>
          record.mutate(
            {
              key: node.key,
              actualStart: day(v.actualStart),
              actualFinish: day(v.actualFinish),
              version: plan.version,
            },
            {
              onSuccess: () => {
                message.success('实际进度已保存，计划已重新推算');
                onClose();
              },
              onError: (e) => applyFieldErrors(form, e, ['actualStart', 'actualFinish']),
            },
          )
        }
      >
        <Flex gap={16}>
          <Form.Item name="actualStart" label="实际开始" style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="actualFinish" label="实际完成" style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
      <SubmitErrorAlert error={record.error} {...reload} />
    </Modal>
  );
}

function ReviseModal({
  projectId,
  plan,
  onClose,
}: {
  projectId: string;
  plan: ProjectPlan;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const revise = useRevisePlan(projectId);
  const reload = useConflictReload(useRefreshPlan(projectId), revise.reset);
  const [targetOn, setTargetOn] = useState<Dayjs | null>(dayjs(plan.targetOn));
  const [reason, setReason] = useState('');
  const [durations, setDurations] = useState<Record<string, number>>({});
  const needsReason = plan.baselineOn !== null;
  return (
    <Modal
      open
      width={720}
      title="调整倒排计划"
      okText="保存调整"
      cancelText="取消"
      confirmLoading={revise.isPending}
      okButtonProps={{ disabled: !targetOn || (needsReason && !reason.trim()) }}
      onCancel={onClose}
      onOk={() =>
        revise.mutate(
          {
            targetOn: day(targetOn) ?? plan.targetOn,
            durations: Object.entries(durations).map(([key, duration]) => ({ key, duration })),
            reason: reason.trim() || null,
            version: plan.version,
          },
          {
            onSuccess: () => {
              message.success(needsReason ? '已形成新版本，待重新审核' : '计划已调整');
              onClose();
            },
          },
        )
      }
    >
      <Flex vertical gap={12}>
        <Space>
          <span>锚点目标日期</span>
          <DatePicker value={targetOn} onChange={setTargetOn} allowClear={false} />
        </Space>
        {needsReason && (
          <Input.TextArea
            rows={2}
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="调整原因（计划已审定，调整须说明原因）"
            aria-label="调整原因"
          />
        )}
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ y: 320 }}
          dataSource={plan.nodes}
          columns={[
            { title: '节点', dataIndex: 'name' },
            {
              title: '工期',
              width: 200,
              render: (_v, n: ScheduledPlanNode) => (
                <InputNumber
                  size="small"
                  min={0}
                  max={3650}
                  precision={0}
                  value={durations[n.key] ?? n.duration}
                  suffix={LIMIT_UNIT_LABELS[n.unit]}
                  onChange={(v) =>
                    setDurations((d) => ({ ...d, [n.key]: typeof v === 'number' ? v : n.duration }))
                  }
                />
              ),
            },
          ]}
        />
        <SubmitErrorAlert error={revise.error} {...reload} />
      </Flex>
    </Modal>
  );
}

export function ProjectPlanTab({ project }: { project: Project }) {
  const { message } = App.useApp();
  const result = useProjectPlan(project.id);
  const approve = useApprovePlan(project.id);
  const [openKey, setOpenKey] = useState<string>();
  const [revising, setRevising] = useState(false);

  if (result.error) return <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />;
  if (!result.data) return <Skeleton active />;
  const { plan, canEdit, canApprove, recordable } = result.data;
  if (!plan) {
    return canEdit ? <CreatePlanForm projectId={project.id} /> : <Empty description="尚未编制倒排计划" />;
  }
  const late = plan.nodes.filter((n) => n.late);
  const anchor = plan.nodes.find((n) => n.key === plan.anchor);
  const statusColor =
    plan.status === 'approved' ? 'green' : plan.status === 'subarea_approved' ? 'blue' : 'default';

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          style={{ flex: 1, minWidth: 480 }}
          items={[
            {
              key: 'status',
              label: '状态',
              children: (
                <Space size={4}>
                  <Tag color={statusColor}>{PLAN_STATUS_LABELS[plan.status]}</Tag>
                  <span>第 {plan.revision} 版</span>
                </Space>
              ),
            },
            { key: 'target', label: `${anchor?.name ?? '锚点'}目标`, children: formatDate(plan.targetOn) },
            {
              key: 'forecast',
              label: '预计',
              children: (
                <Space size={4}>
                  <span data-testid="plan-forecast">{formatDate(plan.forecast)}</span>
                  {plan.infeasible ? (
                    <Tag color="red">晚 {plan.slipDays} 天</Tag>
                  ) : (
                    <Tag color="green">可按期</Tag>
                  )}
                </Space>
              ),
            },
            {
              key: 'baseline',
              label: '基线',
              children: plan.baselineOn
                ? `${formatDate(plan.baselineOn)} 审定，目标 ${formatDate(plan.baselineTargetOn)}`
                : '审定后冻结',
            },
          ]}
        />
        <Space>
          {canApprove && (
            <Button
              type="primary"
              loading={approve.isPending}
              onClick={() =>
                approve.mutate(
                  { version: plan.version },
                  {
                    onSuccess: () =>
                      message.success(
                        canApprove === 'subarea' ? '板块已审核，报区发改审定' : '计划已审定，基线已冻结',
                      ),
                    onError: (e) => message.error(`审核失败：${describeError(e).message}`),
                  },
                )
              }
            >
              {canApprove === 'subarea' ? '板块审核通过' : '区发改审定'}
            </Button>
          )}
          {canEdit && <Button onClick={() => setRevising(true)}>调整计划</Button>}
        </Space>
      </Flex>
      {plan.revisionReason && (
        <Alert type="info" showIcon title={`第 ${plan.revision} 版调整原因：${plan.revisionReason}`} />
      )}
      {late.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="plan-late"
          title={`已滞后：${late.map((n) => n.name).join('、')}`}
          description={`按目标日期，这些节点最迟应已开始（或完成）。按今天推算，${anchor?.name ?? '锚点'}最早 ${formatDate(plan.forecast)}${
            plan.infeasible ? `，比目标晚 ${plan.slipDays} 天` : ''
          }。`}
        />
      )}
      <PlanGantt plan={plan} recordable={recordable} onOpen={(n) => setOpenKey(n.key)} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        实色条为预计（红色为关键路径，绿色为已完成）；虚线框为按目标倒排的最迟开始至最迟完成；灰色短线为基线完成日期；黄线为今天，红色虚线为目标日期。
        {recordable.length > 0
          ? recordable.length === plan.nodes.length
            ? '点击节点填报实际进度。'
            : `点击您负责的节点（${recordable.length} 个）填报实际进度。`
          : ''}
      </Typography.Text>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={plan.nodes}
        rowClassName={(n) => (n.late ? 'plan-row-late' : '')}
        columns={[
          {
            title: '节点',
            dataIndex: 'name',
            render: (v: string, n) => (n.critical ? <strong>{v}</strong> : v),
          },
          { title: '责任单位', dataIndex: 'responsible', width: 160 },
          {
            title: '工期',
            width: 100,
            render: (_v, n) => `${n.duration} ${n.unit === 'working' ? '工作日' : '天'}`,
          },
          { title: '最迟开始', width: 110, render: (_v, n) => formatDate(n.lateStart) },
          { title: '最迟完成', width: 110, render: (_v, n) => formatDate(n.lateFinish) },
          { title: '预计完成', width: 110, render: (_v, n) => formatDate(n.earlyFinish) },
          { title: '实际完成', width: 110, render: (_v, n) => formatDate(n.actualFinish) },
          {
            title: '总时差',
            width: 80,
            render: (_v, n) => (n.floatDays === null ? '—' : `${n.floatDays} 天`),
          },
          {
            title: '基线偏差',
            width: 90,
            render: (_v, n) =>
              n.varianceDays === null
                ? '—'
                : n.varianceDays === 0
                  ? '0'
                  : `${n.varianceDays > 0 ? '+' : ''}${n.varianceDays} 天`,
          },
        ]}
      />
      <ActualModal
        key={openKey ?? 'closed'}
        projectId={project.id}
        plan={plan}
        node={plan.nodes.find((n) => n.key === openKey)}
        onClose={() => setOpenKey(undefined)}
      />
      {revising && <ReviseModal projectId={project.id} plan={plan} onClose={() => setRevising(false)} />}
    </Flex>
  );
}
