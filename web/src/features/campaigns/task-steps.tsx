import { EditOutlined } from '@ant-design/icons';
import type { TaskResponse } from '@groundbreak/contract';
import { TASK_STEPS, type TaskStep } from '@groundbreak/domain';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ReasonModal } from '../../components/reason-modal';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { describeError } from '../../lib/describe-error';
import { useTaskStep } from './api';

// The steps of a task as buttons, those the server's \`can\` allows: 开始整治 at once; 提交验收 asks for the
// 实际完成日期 (today by default) and waits for an after-photo; 验收通过(销号) confirms; 退回整改 asks for the
// reason. On a phone they stack full width.

const STEP_ORDER: TaskStep[] = ['start', 'submit', 'accept', 'return'];

function SubmitModal({ detail, onClose }: { detail: TaskResponse; onClose: () => void }) {
  const { message } = App.useApp();
  const step = useTaskStep(detail.task.id);
  const [form] = Form.useForm<{ completedOn: Dayjs; note?: string }>();
  return (
    <Modal
      open
      title="提交验收"
      okText="提交验收"
      cancelText="取消"
      destroyOnHidden
      okButtonProps={{ loading: step.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ completedOn: dayjs() }}
        onFinish={(values) =>
          step.mutate(
            {
              step: 'submit',
              version: detail.task.version,
              completedOn: values.completedOn.format('YYYY-MM-DD'),
              note: values.note?.trim() || null,
            },
            {
              onSuccess: () => {
                message.success('已提交验收，等待区城管局验收');
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          label="实际完成日期"
          name="completedOn"
          rules={[{ required: true, message: '请选择实际完成日期' }]}
          extra="整治完成的日期，默认今天"
        >
          <DatePicker
            style={{ width: '100%' }}
            inputReadOnly
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(detail.task.startOn), 'day')}
          />
        </Form.Item>
        <Form.Item label="整改情况说明" name="note">
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            placeholder="选填，如：已拆除违建120平方米并清运"
          />
        </Form.Item>
        <SubmitErrorAlert error={step.error} />
      </Form>
    </Modal>
  );
}

function AcceptModal({ detail, onClose }: { detail: TaskResponse; onClose: () => void }) {
  const { message } = App.useApp();
  const step = useTaskStep(detail.task.id);
  const [note, setNote] = useState('');
  return (
    <Modal
      open
      title="验收通过(销号)"
      okText="验收通过(销号)"
      cancelText="取消"
      okButtonProps={{ loading: step.isPending }}
      onCancel={onClose}
      onOk={() =>
        step.mutate(
          { step: 'accept', version: detail.task.version, note: note.trim() || null },
          {
            onSuccess: () => {
              message.success('已验收销号');
              onClose();
            },
          },
        )
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>
          核对整改后照片后确认销号。销号后点位进入长效管护，不能再退回。
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="验收意见（选填）"
          aria-label="验收意见"
        />
        <SubmitErrorAlert error={step.error} />
      </Flex>
    </Modal>
  );
}

export function StepActions({
  detail,
  isPhone,
  onEdit,
}: {
  detail: TaskResponse;
  isPhone: boolean;
  onEdit: () => void;
}) {
  const { message } = App.useApp();
  const task = detail.task;
  const step = useTaskStep(task.id);
  const [open, setOpen] = useState<TaskStep>();
  const steps = STEP_ORDER.filter((s) => detail.can[s]);
  const hasAfterPhoto = detail.photos.some((p) => p.kind === 'after');
  const size = isPhone ? 'large' : 'middle';

  const take = (s: TaskStep) => {
    if (s === 'start') {
      step.mutate(
        { step: 'start', version: task.version },
        {
          onSuccess: () => void message.success('已开始整治'),
          onError: (e) => void message.error(describeError(e).message),
        },
      );
    } else setOpen(s);
  };

  if (steps.length === 0 && !detail.canEdit) return null;
  return (
    <Flex vertical gap={6} style={isPhone ? { width: '100%' } : undefined}>
      <Flex gap={8} vertical={isPhone} wrap={!isPhone}>
        {steps.map((s, i) => (
          <Button
            key={s}
            type={i === 0 && s !== 'return' ? 'primary' : 'default'}
            danger={s === 'return'}
            size={size}
            block={isPhone}
            loading={s === 'start' && step.isPending}
            disabled={s === 'submit' && !hasAfterPhoto}
            onClick={() => take(s)}
          >
            {TASK_STEPS[s].label}
          </Button>
        ))}
        {detail.canEdit && (
          <Button icon={<EditOutlined />} size={size} block={isPhone} onClick={onEdit}>
            编辑
          </Button>
        )}
      </Flex>
      {detail.can.submit && !hasAfterPhoto && (
        <Typography.Text type="warning" data-testid="submit-hint">
          提交验收须上传整改后照片
        </Typography.Text>
      )}
      {open === 'submit' && <SubmitModal detail={detail} onClose={() => setOpen(undefined)} />}
      {open === 'accept' && <AcceptModal detail={detail} onClose={() => setOpen(undefined)} />}
      <ReasonModal
        open={open === 'return'}
        title="退回整改"
        okText="退回整改"
        label="退回原因"
        placeholder="如：整改后照片未体现通道已清空，请补充现场照片"
        maxLength={1000}
        isDanger
        isSaving={step.isPending}
        onCancel={() => setOpen(undefined)}
        onSubmit={(reason) =>
          step.mutate(
            { step: 'return', version: task.version, note: reason },
            {
              onSuccess: () => {
                message.success('已退回板块整改');
                setOpen(undefined);
              },
              onError: (e) => void message.error(describeError(e).message),
            },
          )
        }
      />
    </Flex>
  );
}
