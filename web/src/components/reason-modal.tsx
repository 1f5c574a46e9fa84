import { Alert, Form, Input, Modal } from 'antd';

export interface ReasonModalProps {
  open: boolean;
  title: string;
  okText: string;
  label: string;
  warning?: string;
  placeholder?: string;
  isSaving: boolean;
  isDanger?: boolean;
  minLength?: number;
  /** The longest reason the server takes (200 for reveals and exports, 500 for moves). */
  maxLength?: number;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}

/** A confirmation that asks for a reason (终止, 删除, 退回 …), since the domain wants one on record. */
export function ReasonModal(props: ReasonModalProps) {
  const {
    open,
    title,
    okText,
    label,
    warning,
    placeholder,
    isSaving,
    isDanger = false,
    minLength = 1,
  } = props;
  const [form] = Form.useForm<{ reason: string }>();
  const formId = `reason-form-${okText}`;
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ htmlType: 'submit', form: formId, danger: isDanger }}
      confirmLoading={isSaving}
      onCancel={props.onCancel}
      destroyOnHidden
    >
      <Form
        form={form}
        id={formId}
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={({ reason }) => props.onSubmit(reason.trim())}
      >
        {warning && <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="reason"
          label={label}
          rules={[
            { required: true, whitespace: true, message: `请填写${label}` },
            ...(minLength > 1 ? [{ min: minLength, message: `${label}至少 ${minLength} 个字` }] : []),
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={props.maxLength ?? 500}
            showCount
            placeholder={placeholder}
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
