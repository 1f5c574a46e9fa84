import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { RequestIdText } from '../../components/request-id-text';
import { describeError } from '../../lib/describe-error';
import { isApiError } from '../../lib/http';
import type { LoginInput } from './api';
import { useLogin, useLogout, useTotpLogin } from './api';
import { AuthPageFrame } from './auth-page-frame';
import { changePasswordPathFor, safeNextPath } from './auth-redirects';

type LoginNotice = { type: 'error' | 'warning' | 'info'; title: string; description?: string };

// The server's message says what happened (wrong password, locked and until when, too many tries);
// the description says what to do about it.
function noticeFor(error: unknown): LoginNotice {
  const { message } = describeError(error);
  if (!isApiError(error)) return { type: 'error', title: message };
  if (error.status === 423) {
    return {
      type: 'warning',
      title: message,
      description: '请在锁定结束后再试；如有急需，请联系系统管理员。',
    };
  }
  if (error.status === 429) {
    return { type: 'warning', title: message, description: '登录尝试过于频繁，请稍等片刻再试。' };
  }
  if (error.status === 401) return { type: 'error', title: message };
  return { type: 'error', title: `登录失败：${message}`, description: describeError(error).hint };
}

/** 登录: the door of the platform, outside the frame. */
export function LoginPage() {
  const [form] = Form.useForm<LoginInput>();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const totp = useTotpLogin();
  const logout = useLogout();
  const [isMfaRequired, setMfaRequired] = useState(false);
  const [codeForm] = Form.useForm<{ code: string }>();
  const next = safeNextPath(searchParams.get('next'));
  const queryClient = useQueryClient();

  // Nothing of a previous user (signed out, or sent here by an expired session) stays in memory.
  useEffect(() => queryClient.clear(), [queryClient]);

  function handleFinish(values: LoginInput) {
    setMfaRequired(false);
    totp.reset();
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: (result) => {
          if (!('user' in result)) {
            setMfaRequired(true);
            return;
          }
          navigate(result.user.mustChangePassword ? changePasswordPathFor(next) : next, { replace: true });
        },
        onError: () => form.setFieldValue('password', ''),
      },
    );
  }

  function handleCode({ code }: { code: string }) {
    totp.mutate(code.trim(), {
      onSuccess: (result) =>
        navigate(result.user.mustChangePassword ? changePasswordPathFor(next) : next, { replace: true }),
      onError: (error) => {
        codeForm.setFieldValue('code', '');
        // Locked, or the waiting session ran out (any 401 but a wrong code): start again from the password.
        if (
          isApiError(error) &&
          (error.status === 423 || (error.status === 401 && error.code !== 'MFA_CODE_INVALID'))
        ) {
          setMfaRequired(false);
        }
      },
    });
  }

  if (isMfaRequired) {
    const codeNotice = totp.error ? noticeFor(totp.error) : undefined;
    return (
      <AuthPageFrame title="两步验证" description="请输入手机身份验证器上显示的 6 位动态验证码">
        <Form form={codeForm} layout="vertical" size="large" requiredMark={false} onFinish={handleCode}>
          <Form.Item
            name="code"
            label="动态验证码"
            extra="手机丢失时可输入一个恢复码（形如 abcd-2345，每个只能用一次）"
            rules={[{ required: true, whitespace: true, message: '请输入验证码' }]}
          >
            <Input
              prefix={<SafetyOutlined />}
              placeholder="6 位数字"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={12}
              autoFocus
            />
          </Form.Item>
          {codeNotice && (
            <Alert
              role="alert"
              type={codeNotice.type}
              showIcon
              title={codeNotice.title}
              style={{ marginBottom: 16 }}
            />
          )}
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" block loading={totp.isPending}>
              {totp.isPending ? '正在验证…' : '验证并登录'}
            </Button>
          </Form.Item>
          <Button
            type="link"
            onClick={() => {
              // The waiting session is given up on the server too.
              logout.mutate();
              totp.reset();
              setMfaRequired(false);
            }}
            style={{ padding: 0 }}
          >
            返回重新输入密码
          </Button>
        </Form>
      </AuthPageFrame>
    );
  }

  // A second step that ended (locked, expired) says why on the password step it returned to.
  const shownError = login.error ?? totp.error;
  const notice = shownError ? noticeFor(shownError) : undefined;
  const requestId = isApiError(login.error) && login.error.status >= 500 ? login.error.requestId : undefined;

  return (
    <AuthPageFrame title="账号登录" description="请使用单位分配的账号登录">
      <Form<LoginInput>
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={handleFinish}
        onValuesChange={() => login.error && login.reset()}
      >
        <Form.Item
          name="username"
          label="用户名"
          rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
        >
          <Input prefix={<UserOutlined />} placeholder="请输入用户名" autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password
            prefix={<LockOutlined />}
            placeholder="请输入密码"
            autoComplete="current-password"
          />
        </Form.Item>
        {notice && (
          <Alert
            role="alert"
            type={notice.type}
            showIcon
            title={notice.title}
            description={
              notice.description || requestId ? (
                <>
                  {notice.description}
                  <RequestIdText requestId={requestId} />
                </>
              ) : undefined
            }
            style={{ marginBottom: 16 }}
          />
        )}
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {login.isPending ? '正在登录…' : '登录'}
          </Button>
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          忘记密码请联系系统管理员重置。
        </Typography.Text>
      </Form>
    </AuthPageFrame>
  );
}
