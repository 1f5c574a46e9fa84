import { DEFAULT_PASSWORD_POLICY } from '@groundbreak/domain';
import { App, Button, Flex, Form, Input, Skeleton } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { applyFieldErrors } from '../../lib/form-errors';
import { isApiError } from '../../lib/http';
import type { ChangePasswordInput } from './api';
import { useChangePassword, useSession } from './api';
import { AuthPageFrame } from './auth-page-frame';
import { LOGIN_PATH, safeNextPath } from './auth-redirects';
import { useSignOut } from './use-sign-out';

interface ChangePasswordValues extends ChangePasswordInput {
  confirmPassword: string;
}

const FIELD_NAMES = ['currentPassword', 'newPassword'] as const;
const POLICY_HELP = `至少 ${DEFAULT_PASSWORD_POLICY.minLength} 位，包含大写字母、小写字母、数字、符号中的至少 ${DEFAULT_PASSWORD_POLICY.requiredClasses} 类，且不能包含用户名`;

/**
 * 修改密码, outside the frame. Forced (cannot be skipped) while the account must change its password —
 * after the first login with a temporary password, or after a reset — and reachable from the user menu.
 */
export function ChangePasswordPage() {
  const session = useSession();
  const [form] = Form.useForm<ChangePasswordValues>();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const changePassword = useChangePassword();
  const { signOut, isSigningOut } = useSignOut();
  const [submitError, setSubmitError] = useState<unknown>();
  const next = safeNextPath(searchParams.get('next'));

  if (session.error && isApiError(session.error) && session.error.status === 401) {
    return <Navigate to={LOGIN_PATH} replace />;
  }
  const user = session.data?.user;
  const isForced = user?.mustChangePassword ?? false;

  function handleFinish({ currentPassword, newPassword }: ChangePasswordValues) {
    setSubmitError(undefined);
    changePassword.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          message.success('密码已修改');
          navigate(next, { replace: true });
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error, FIELD_NAMES)) setSubmitError(error);
        },
      },
    );
  }

  return (
    <AuthPageFrame
      title={isForced ? '请先修改密码' : '修改密码'}
      description={
        isForced
          ? `${user?.displayName ?? ''}，您正在使用临时密码。为保障账号安全，请设置新密码后再使用系统。`
          : '请输入当前密码并设置新密码，下次登录时使用新密码。'
      }
    >
      {session.isPending ? (
        <Skeleton active paragraph={{ rows: 5 }} />
      ) : (
        <Form<ChangePasswordValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={handleFinish}
          onValuesChange={() => setSubmitError(undefined)}
        >
          {/* Lets the browser's password manager file the new password under the right account. */}
          <input
            type="text"
            name="username"
            value={user?.username ?? ''}
            autoComplete="username"
            readOnly
            hidden
          />
          <Form.Item
            name="currentPassword"
            label={isForced ? '当前密码（临时密码）' : '当前密码'}
            rules={[{ required: true, message: '请输入当前密码' }]}
          >
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            extra={POLICY_HELP}
            rules={[{ required: true, message: '请输入新密码' }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {submitError ? (
            <div style={{ marginBottom: 16 }}>
              <SubmitErrorAlert error={submitError} />
            </div>
          ) : null}
          <Flex gap={12}>
            <Button type="primary" htmlType="submit" loading={changePassword.isPending} style={{ flex: 1 }}>
              确认修改
            </Button>
            {isForced ? (
              <Button onClick={() => signOut()} loading={isSigningOut}>
                退出登录
              </Button>
            ) : (
              <Button onClick={() => navigate(next)}>返回</Button>
            )}
          </Flex>
        </Form>
      )}
    </AuthPageFrame>
  );
}
