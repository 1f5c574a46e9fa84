import { CloseCircleFilled } from '@ant-design/icons';
import { PROJECT_STATE_LABELS } from '@groundbreak/contract';
import type { ProjectState } from '@groundbreak/domain';
import { PROJECT_STATES } from '@groundbreak/domain';
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../lib/http';
import { BUTTON_LOADING } from './button-loading';

/** A refused gate, from 422 GATE_UNMET: every unmet condition and whether 区发改 may override it. */
export interface GateRefusal {
  to: ProjectState;
  unmet: { code: string; message: string }[];
  isOverridable: boolean;
  /** The move that was refused, to send again with override. */
  event: 'advance' | 'resume' | 'suspend';
}

export function gateRefusalOf(error: unknown, event: GateRefusal['event']): GateRefusal | undefined {
  if (!isApiError(error) || error.code !== 'GATE_UNMET') return undefined;
  const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as {
    to?: unknown;
    unmet?: unknown;
    overridable?: unknown;
  };
  const to = PROJECT_STATES.find((state) => state === details.to);
  const unmet = Array.isArray(details.unmet)
    ? details.unmet.filter(
        (item): item is { code: string; message: string } =>
          typeof item === 'object' &&
          item !== null &&
          typeof (item as { message?: unknown }).message === 'string',
      )
    : [];
  if (!to) return undefined;
  return { to, unmet, isOverridable: details.overridable === true, event };
}

interface GateRefusalModalProps {
  refusal: GateRefusal | undefined;
  onClose: () => void;
  /** Re-sends the move with override and the reason (区发改). */
  onOverride: (reason: string) => void;
  isOverriding: boolean;
  /** Takes the user to where the missing things are filled in. */
  onGoFill?: () => void;
}

/** 不满足进入「X」的条件: every unmet condition as a list, and for 区发改 the way to override with a reason. */
export function GateRefusalModal({
  refusal,
  onClose,
  onOverride,
  isOverriding,
  onGoFill,
}: GateRefusalModalProps) {
  const [isOverrideOpen, setOverrideOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const target = refusal ? PROJECT_STATE_LABELS[refusal.to] : '';

  function handleClose() {
    setOverrideOpen(false);
    form.resetFields();
    onClose();
  }

  const footer = (
    <Flex justify="flex-end" gap={8} wrap>
      {refusal?.isOverridable && !isOverrideOpen && (
        <Button danger onClick={() => setOverrideOpen(true)}>
          越过关口
        </Button>
      )}
      {isOverrideOpen && (
        <Button danger type="primary" loading={isOverriding && BUTTON_LOADING} onClick={() => form.submit()}>
          确认越过关口
        </Button>
      )}
      {onGoFill && !isOverrideOpen && (
        <Button
          onClick={() => {
            handleClose();
            onGoFill();
          }}
        >
          去补充
        </Button>
      )}
      <Button type={isOverrideOpen ? 'default' : 'primary'} onClick={handleClose}>
        知道了
      </Button>
    </Flex>
  );

  return (
    <Modal
      open={refusal !== undefined}
      title={`不满足进入「${target}」的条件`}
      onCancel={handleClose}
      footer={footer}
      width={620}
      destroyOnHidden
    >
      {refusal && (
        <Flex vertical gap={12} style={{ marginTop: 12 }}>
          <Alert
            type="warning"
            showIcon
            title={`还有 ${refusal.unmet.length} 项条件未满足，项目暂不能进入「${target}」`}
            description="请在「基本信息」中补充字段、在「附件」中上传材料或办理入库后再推进。"
          />
          <ul aria-label="未满足的条件" style={{ margin: 0, paddingInlineStart: 4, listStyle: 'none' }}>
            {refusal.unmet.map((condition) => (
              <li key={condition.code} style={{ display: 'flex', gap: 8, padding: '5px 0' }}>
                <CloseCircleFilled style={{ color: '#f5222d', marginTop: 4 }} />
                <Typography.Text>{condition.message}</Typography.Text>
              </li>
            ))}
          </ul>
          {isOverrideOpen && (
            <Form
              form={form}
              layout="vertical"
              onFinish={({ reason }) => onOverride(reason.trim())}
              style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12 }}
            >
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                title="越过关口将在未满足上述条件的情况下推进项目，理由和未满足的条件会记入状态时间线和审计日志"
              />
              <Form.Item
                name="reason"
                label="越过关口的理由"
                rules={[
                  { required: true, whitespace: true, message: '请填写越过关口的理由' },
                  { min: 4, message: '理由至少 4 个字' },
                ]}
              >
                <Input.TextArea
                  rows={3}
                  maxLength={500}
                  showCount
                  placeholder="如：经区政府专题会议研究同意先行推进"
                />
              </Form.Item>
            </Form>
          )}
        </Flex>
      )}
    </Modal>
  );
}
