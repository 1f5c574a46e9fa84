import { SUSPEND_REASON_LABELS } from '@groundbreak/contract';
import type { SuspendReason } from '@groundbreak/domain';
import { SUSPEND_REASONS } from '@groundbreak/domain';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';

export interface SuspendValues {
  reasonCategory: SuspendReason;
  reason: string;
  expectedResumeOn: Dayjs;
}

interface SuspendModalProps {
  open: boolean;
  isSaving: boolean;
  onCancel: () => void;
  onSubmit: (values: { reasonCategory: SuspendReason; reason: string; expectedResumeOn: string }) => void;
}

/** 停缓建: why (category and words) and when work is expected to resume. */
export function SuspendModal({ open, isSaving, onCancel, onSubmit }: SuspendModalProps) {
  const [form] = Form.useForm<SuspendValues>();
  return (
    <Modal
      open={open}
      title="项目停缓建"
      okText="确认停缓建"
      cancelText="取消"
      okButtonProps={{ htmlType: 'submit', form: 'suspend-form', danger: true }}
      confirmLoading={isSaving}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form
        form={form}
        id="suspend-form"
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={(values) =>
          onSubmit({
            reasonCategory: values.reasonCategory,
            reason: values.reason.trim(),
            expectedResumeOn: values.expectedResumeOn.format('YYYY-MM-DD'),
          })
        }
      >
        <Form.Item
          name="reasonCategory"
          label="原因类别"
          rules={[{ required: true, message: '请选择原因类别' }]}
        >
          <Select
            placeholder="选择原因类别"
            options={SUSPEND_REASONS.map((value) => ({ value, label: SUSPEND_REASON_LABELS[value] }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="原因说明"
          rules={[{ required: true, whitespace: true, message: '请填写停缓建原因' }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="停缓建的具体原因和企业诉求" />
        </Form.Item>
        <Form.Item
          name="expectedResumeOn"
          label="预计复工日期"
          rules={[{ required: true, message: '请选择预计复工日期' }]}
          extra="应晚于今天；到期前会提醒跟踪复工情况"
        >
          <DatePicker
            format="YYYY-MM-DD"
            style={{ width: '100%' }}
            disabledDate={(day) => !day.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
