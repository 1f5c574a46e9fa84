import type { ApprovalItem, UpdateApprovalItemBody } from '@groundbreak/contract';
import {
  APPROVAL_STATUS_LABELS,
  LIMIT_UNIT_LABELS,
  ORG_KIND_LABELS,
  type OrgKind,
  SLA_STATE_LABELS,
} from '@groundbreak/contract';
import { type ApprovalStatus, canMoveApproval } from '@groundbreak/domain';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Tag,
  Tooltip,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { SubmitErrorAlert, useConflictReload } from '../../components/submit-error-alert';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDate } from '../../lib/format';
import { useRefreshApprovals, useUpdateApproval } from './api';

// Pieces the project's 审批 tab and the department queue share: the status and time-limit tags, and the
// drawer in which the department records where an item stands.

const STATUS_COLORS: Record<ApprovalStatus, string> = {
  not_started: 'default',
  pre_review: 'cyan',
  pre_approved: 'geekblue',
  accepted: 'processing',
  accepted_with_gaps: 'orange',
  done: 'success',
  refused: 'error',
  exempt: 'default',
};

export const deptLabel = (kind: string) => ORG_KIND_LABELS[kind as OrgKind] ?? kind;
export const limitLabel = (item: Pick<ApprovalItem, 'promisedDays' | 'unit'>) =>
  `${item.promisedDays} 个${LIMIT_UNIT_LABELS[item.unit]}`;

export function ApprovalStatusTag({ item }: { item: ApprovalItem }) {
  return (
    <Tag color={STATUS_COLORS[item.status]} style={{ marginInlineEnd: 0 }}>
      {APPROVAL_STATUS_LABELS[item.status]}
      {item.simulated ? '·模拟' : ''}
    </Tag>
  );
}

/** 剩 N 个工作日 / 临期 / 超期 N 天 / 按时办结 — with the due date and whether the calendar is verified. */
export function SlaTag({ item }: { item: ApprovalItem }) {
  const { sla } = item;
  const unit = item.unit === 'working' ? '个工作日' : '天';
  const unverified = item.dueOn && !item.dueVerified ? '（节假日未配置，按周末推算）' : '';
  const title = item.dueOn ? `到期日 ${item.dueOn}${unverified}` : undefined;
  const tag = (() => {
    switch (sla.state) {
      case 'on_track':
        return (
          <Tag color="green">
            剩 {sla.remaining} {unit}
          </Tag>
        );
      case 'due_soon':
        return (
          <Tag color="gold">
            临期 · 剩 {sla.remaining} {unit}
          </Tag>
        );
      case 'overdue':
        return (
          <Tag color="red">
            超期 {sla.overdue} {unit}
          </Tag>
        );
      case 'done_on_time':
        return (
          <Tag color="default">
            按时办结 · 用时 {sla.used} {unit}
          </Tag>
        );
      case 'done_late':
        return (
          <Tag color="volcano">
            超期办结 · 超 {sla.overdue} {unit}
          </Tag>
        );
      default:
        return null;
    }
  })();
  if (!tag) return null;
  return (
    <Tooltip title={title}>
      <span data-testid={`sla-${item.code}`} data-due={item.dueOn ?? ''}>
        {tag}
        {item.followUpOverdue && (
          <Tag color="red">{item.status === 'accepted_with_gaps' ? '补件逾期' : '核查逾期'}</Tag>
        )}
      </span>
    </Tooltip>
  );
}

type Values = {
  status: ApprovalStatus;
  appliedOn: Dayjs | null;
  acceptedOn: Dayjs | null;
  doneOn: Dayjs | null;
  documentNo: string | null;
  simulated: boolean;
  commitment: boolean;
  commitmentCheckDueOn: Dayjs | null;
  commitmentCheckResult: string | null;
  gaps: string | null;
  gapsDueOn: Dayjs | null;
  note: string | null;
};

const FIELDS = [
  'status',
  'appliedOn',
  'acceptedOn',
  'doneOn',
  'documentNo',
  'simulated',
  'commitment',
  'commitmentCheckDueOn',
  'commitmentCheckResult',
  'gaps',
  'gapsDueOn',
  'note',
];

const day = (d: string | null) => (d ? dayjs(d) : null);
const text = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** The drawer a department records an item in: status, dates, document number, 告知承诺, 容缺, 模拟审批. */
export function ApprovalItemDrawer(props: {
  projectId: string;
  item: ApprovalItem | undefined;
  onClose: () => void;
  /** Actions beside the title (e.g. 查看项目 from the queue). */
  extra?: ReactNode;
}) {
  // One form per item: a refresh of the item in the background (after this very save) must neither clear
  // what the user typed nor reset the save that is finishing.
  if (!props.item) return <Drawer open={false} />;
  return <ItemDrawer key={props.item.id} {...props} item={props.item} />;
}

function ItemDrawer({
  projectId,
  item,
  onClose,
  extra,
}: {
  projectId: string;
  item: ApprovalItem;
  onClose: () => void;
  extra?: ReactNode;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateApproval(projectId);
  const reload = useConflictReload(useRefreshApprovals(), update.reset);
  const status = Form.useWatch('status', form);
  const commitment = Form.useWatch('commitment', form);

  const [initialValues] = useState<Values>(() => ({
    status: item.status,
    appliedOn: day(item.appliedOn),
    acceptedOn: day(item.acceptedOn),
    doneOn: day(item.doneOn),
    documentNo: item.documentNo,
    simulated: item.simulated,
    commitment: item.commitment,
    commitmentCheckDueOn: day(item.commitmentCheckDueOn),
    commitmentCheckResult: item.commitmentCheckResult,
    gaps: item.gaps,
    gapsDueOn: day(item.gapsDueOn),
    note: item.note,
  }));

  const statusOptions = (Object.keys(APPROVAL_STATUS_LABELS) as ApprovalStatus[])
    .filter((s) => canMoveApproval(item.status, s))
    .map((s) => ({ value: s, label: APPROVAL_STATUS_LABELS[s] }));

  const onFinish = (v: Values) => {
    const body: UpdateApprovalItemBody = {
      status: v.status,
      appliedOn: text(v.appliedOn),
      acceptedOn: text(v.acceptedOn),
      doneOn: text(v.doneOn),
      documentNo: blank(v.documentNo),
      simulated: v.simulated ?? false,
      commitment: v.commitment ?? false,
      commitmentCheckDueOn: text(v.commitmentCheckDueOn),
      commitmentCheckResult: blank(v.commitmentCheckResult),
      gaps: blank(v.gaps),
      gapsDueOn: text(v.gapsDueOn),
      note: blank(v.note),
      version: item.version,
    };
    update.mutate(
      { itemId: item.id, body },
      {
        onSuccess: (saved) => {
          message.success(
            saved.dueOn && saved.status !== 'done'
              ? `已保存，到期日 ${saved.dueOn}`
              : `已保存：${APPROVAL_STATUS_LABELS[saved.status]}`,
          );
          onClose();
        },
        onError: (error) => applyFieldErrors(form, error, FIELDS),
      },
    );
  };

  const showAccepted = status && status !== 'not_started' && status !== 'pre_review' && status !== 'exempt';
  const showDone = status === 'done' || status === 'refused';
  return (
    <Drawer open title={item.name} size="large" onClose={onClose} destroyOnHidden extra={extra}>
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          column={2}
          bordered
          items={[
            { key: 'dept', label: '主管部门', children: deptLabel(item.deptKind) },
            { key: 'limit', label: '承诺时限', children: limitLabel(item) },
            { key: 'due', label: '到期日', children: formatDate(item.dueOn) },
            {
              key: 'sla',
              label: '时限状态',
              children:
                item.sla.state === 'not_running' ? SLA_STATE_LABELS.not_running : <SlaTag item={item} />,
            },
          ]}
        />
        {!item.canEdit && <Alert type="info" showIcon title="只有该事项的主管部门（或区发改）可以更新" />}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={onFinish}
          disabled={!item.canEdit}
        >
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="status" label="办理状态" rules={[{ required: true }]}>
                <Select options={statusOptions} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="appliedOn" label="申请日期">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {showAccepted && (
              <Col span={12}>
                <Form.Item
                  name="acceptedOn"
                  label="受理日期"
                  extra={`时限从受理次日起算：${limitLabel(item)}`}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            )}
            {showDone && (
              <Col span={12}>
                <Form.Item name="doneOn" label={status === 'refused' ? '决定日期' : '办结日期'}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            )}
            {(status === 'done' || status === 'pre_approved') && (
              <Col span={12}>
                <Form.Item name="documentNo" label="批文或证书编号">
                  <Input maxLength={80} />
                </Form.Item>
              </Col>
            )}
          </Row>
          {status === 'accepted_with_gaps' && (
            <Row gutter={16}>
              <Col span={16}>
                <Form.Item name="gaps" label="容缺材料">
                  <Input.TextArea rows={2} maxLength={500} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="gapsDueOn" label="补齐期限">
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Flex gap={24} wrap>
            <Form.Item name="simulated" valuePropName="checked">
              <Checkbox>模拟审批（供地前办理，供地后转正）</Checkbox>
            </Form.Item>
            <Form.Item name="commitment" valuePropName="checked">
              <Checkbox>告知承诺制</Checkbox>
            </Form.Item>
          </Flex>
          {commitment && (
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="commitmentCheckDueOn" label="核查期限">
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item name="commitmentCheckResult" label="核查结果">
                  <Input maxLength={200} placeholder="核查后填写" />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Form.Item name="note" label="备注">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <SubmitErrorAlert error={update.error} {...reload} />
          <Button type="primary" htmlType="submit" loading={update.isPending} style={{ marginTop: 12 }}>
            保存
          </Button>
        </Form>
      </Flex>
    </Drawer>
  );
}
