import { createUserBody } from '@groundbreak/contract';
import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { applyFieldErrors } from '../../lib/form-errors';
import { schemaRule } from '../../lib/form-rules';
import { OrgSelect } from '../orgs/org-select';
import type { CreateUserInput } from './api';
import { useCreateUser } from './api';
import type { TemporaryPassword } from './temporary-password-modal';

const FIELD_NAMES = ['username', 'displayName', 'orgId', 'phone'] as const;

interface UserCreateModalProps {
  open: boolean;
  onClose: () => void;
  /** The new account's temporary password, for the one-time dialog. */
  onCreated: (password: TemporaryPassword) => void;
}

/** 新建用户: the account only; the security administrator assigns roles and data scope afterwards. */
export function UserCreateModal({ open, onClose, onCreated }: UserCreateModalProps) {
  const [form] = Form.useForm<CreateUserInput>();
  const createUser = useCreateUser();
  const [submitError, setSubmitError] = useState<unknown>();

  function handleFinish(values: CreateUserInput) {
    setSubmitError(undefined);
    const phone = values.phone?.trim();
    createUser.mutate(
      { ...values, phone: phone || undefined },
      {
        onSuccess: (result) => {
          form.resetFields();
          onCreated({
            title: '账号已创建',
            username: result.user.username,
            displayName: result.user.displayName,
            password: result.temporaryPassword,
          });
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error, FIELD_NAMES)) setSubmitError(error);
        },
      },
    );
  }

  return (
    <Modal
      open={open}
      title="新建用户"
      okText="创建"
      cancelText="取消"
      confirmLoading={createUser.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form<CreateUserInput>
        form={form}
        layout="vertical"
        onFinish={handleFinish}
        onValuesChange={() => setSubmitError(undefined)}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="username"
          label="用户名"
          extra="登录用，3–32 位字母、数字、下划线、点或连字符，以字母开头；创建后不能修改"
          rules={[
            { required: true, whitespace: true, message: '请输入用户名' },
            schemaRule(createUserBody.shape.username),
          ]}
        >
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="orgId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
          <OrgSelect />
        </Form.Item>
        <Form.Item
          name="phone"
          label="手机号"
          extra="选填；手机或座机（如 0519-86681234），列表中只显示部分号码"
          rules={[schemaRule(createUserBody.shape.phone)]}
        >
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <SubmitErrorAlert error={submitError} />
      </Form>
      <div style={{ color: 'rgba(0, 0, 0, 0.45)', fontSize: 12, marginTop: 8 }}>
        创建后系统生成临时密码；角色与数据范围由安全管理员分配。
      </div>
    </Modal>
  );
}
