import { CopyOutlined, DownloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, List, Skeleton, Steps, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { SubmitErrorAlert } from '../../components/submit-error-alert';
import { formatDateTime } from '../../lib/format';
import { isApiError } from '../../lib/http';
import { useMfaDisable, useMfaEnable, useMfaSetup, useMfaStatus, useSession } from './api';
import { AuthPageFrame } from './auth-page-frame';
import { LOGIN_PATH, safeNextPath } from './auth-redirects';
import { useSignOut } from './use-sign-out';

// 两步验证, outside the frame like 修改密码: forced for a role that requires it until it is set up, and
// reachable from the user menu. Setup: scan the QR code with an authenticator app (or type the key),
// confirm with the first code, keep the ten recovery codes.

function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { message } = App.useApp();
  const text = `Groundbreak 两步验证恢复码（每个只能用一次，请妥善保管）\n\n${codes.join('\n')}\n`;
  return (
    <Flex vertical gap={12}>
      <Alert
        type="success"
        showIcon
        title="两步验证已启用"
        description="以后登录时，输入密码后还须输入身份验证器上的 6 位动态验证码。手机丢失时可用下列恢复码登录一次（每个只能用一次）。恢复码只显示这一次，请下载或抄写保存。"
      />
      <List
        size="small"
        bordered
        grid={{ column: 2 }}
        dataSource={codes}
        renderItem={(code) => (
          <List.Item style={{ fontFamily: 'monospace', fontSize: 15 }} data-testid="recovery-code">
            {code}
          </List.Item>
        )}
      />
      <Flex gap={8}>
        <Button
          icon={<CopyOutlined />}
          onClick={() => void navigator.clipboard?.writeText(text).then(() => message.success('已复制'))}
        >
          复制
        </Button>
        <Button
          icon={<DownloadOutlined />}
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="两步验证恢复码.txt"
        >
          下载
        </Button>
        <Button type="primary" onClick={onDone} style={{ marginLeft: 'auto' }}>
          已保存，继续
        </Button>
      </Flex>
    </Flex>
  );
}

export function MfaPage() {
  const session = useSession();
  const status = useMfaStatus();
  const setup = useMfaSetup();
  const enable = useMfaEnable();
  const disable = useMfaDisable();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const { signOut, isSigningOut } = useSignOut();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const [codeForm] = Form.useForm<{ code: string }>();
  const [offForm] = Form.useForm<{ password: string; code: string }>();

  if (session.error && isApiError(session.error) && session.error.status === 401) {
    return <Navigate to={LOGIN_PATH} replace />;
  }
  const isForced = session.data?.user.mustEnrollMfa ?? false;
  const finish = async () => {
    await queryClient.resetQueries();
    navigate(next, { replace: true });
  };

  const body = () => {
    if (status.isPending || session.isPending) return <Skeleton active />;
    if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} onDone={() => void finish()} />;
    if (status.data?.enabled) {
      return (
        <Flex vertical gap={12}>
          <Alert
            type="success"
            showIcon
            title={`两步验证已启用（${formatDateTime(status.data.enabledAt)} 起）`}
            description={`剩余恢复码 ${status.data.recoveryCodesLeft} 个。更换手机请先关闭再重新绑定；手机丢失请联系系统管理员重置。`}
          />
          {status.data.required ? (
            <Typography.Text type="secondary">您的角色须使用两步验证，不能关闭。</Typography.Text>
          ) : (
            <Form form={offForm} layout="inline" onFinish={(values) => disable.mutate(values)}>
              <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }]}>
                <Input.Password placeholder="当前密码" autoComplete="current-password" />
              </Form.Item>
              <Form.Item
                name="code"
                rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: '6 位验证码' }]}
              >
                <Input
                  placeholder="动态验证码"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={8}
                  style={{ width: 120 }}
                />
              </Form.Item>
              <Button danger htmlType="submit" loading={disable.isPending}>
                关闭两步验证
              </Button>
            </Form>
          )}
          <SubmitErrorAlert error={disable.error} />
          <Button onClick={() => navigate(next)}>返回</Button>
        </Flex>
      );
    }
    const secret = setup.data;
    return (
      <Flex vertical gap={16}>
        <Steps
          size="small"
          current={secret ? 1 : 0}
          items={[{ title: '扫描二维码' }, { title: '输入验证码' }, { title: '保存恢复码' }]}
        />
        {!secret ? (
          <Flex vertical gap={12}>
            <Typography.Paragraph style={{ margin: 0 }}>
              {isForced
                ? '您的账号须启用两步验证后才能使用系统。'
                : '启用后，登录时除密码外还须输入手机上的动态验证码，账号更安全。'}
              请先在手机上安装身份验证器（如微信小程序“腾讯身份验证器”、Microsoft Authenticator、Google
              Authenticator），然后点击下方按钮生成二维码。
            </Typography.Paragraph>
            <Button
              type="primary"
              icon={<SafetyOutlined />}
              loading={setup.isPending}
              onClick={() => setup.mutate()}
            >
              生成二维码
            </Button>
            <SubmitErrorAlert error={setup.error} />
          </Flex>
        ) : (
          <Flex vertical gap={12} align="center">
            <img src={svgDataUrl(secret.qrSvg)} alt="两步验证二维码" width={200} height={200} />
            <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
              无法扫码时，在身份验证器中手动输入密钥：
              <Typography.Text copyable code data-testid="totp-secret">
                {secret.secret}
              </Typography.Text>
            </Typography.Text>
            <Form
              form={codeForm}
              layout="vertical"
              style={{ width: '100%' }}
              onFinish={({ code }) =>
                enable.mutate(code.trim(), { onSuccess: (result) => setRecoveryCodes(result.recoveryCodes) })
              }
            >
              <Form.Item
                name="code"
                label="身份验证器上显示的 6 位验证码"
                rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: '请输入 6 位数字' }]}
              >
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} size="large" />
              </Form.Item>
              <SubmitErrorAlert error={enable.error} />
              <Button type="primary" htmlType="submit" block loading={enable.isPending}>
                启用两步验证
              </Button>
            </Form>
          </Flex>
        )}
      </Flex>
    );
  };

  return (
    <AuthPageFrame
      title={isForced ? '请先启用两步验证' : '两步验证'}
      description="密码之外再用手机上的动态验证码确认身份（等保三级要求的双因素认证）"
    >
      {body()}
      {isForced && (
        <Button type="link" onClick={() => signOut()} loading={isSigningOut} style={{ marginTop: 8 }}>
          退出登录
        </Button>
      )}
    </AuthPageFrame>
  );
}
