import { CopyOutlined, ExclamationCircleFilled } from '@ant-design/icons';
import { App, Button, Descriptions, Flex, Modal, Typography } from 'antd';
import { copyText } from '../../lib/clipboard';

export interface TemporaryPassword {
  /** 账号已创建 or 密码已重置. */
  title: string;
  username: string;
  displayName: string;
  password: string;
}

interface TemporaryPasswordModalProps {
  value: TemporaryPassword | undefined;
  onClose: () => void;
}

/**
 * The temporary password, shown exactly once to the administrator who created or reset the account;
 * closed only with the button, so a stray click beside the dialog cannot lose it.
 */
export function TemporaryPasswordModal({ value, onClose }: TemporaryPasswordModalProps) {
  const { message } = App.useApp();

  async function handleCopy() {
    if (!value) return;
    const isCopied = await copyText(value.password);
    if (isCopied) message.success('临时密码已复制');
    else message.warning('浏览器不允许自动复制，请手动选中密码复制');
  }

  return (
    <Modal
      open={value !== undefined}
      title={value?.title}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          我已记下
        </Button>
      }
    >
      {value && (
        <Flex vertical gap={16}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'username', label: '用户名', children: value.username },
              { key: 'displayName', label: '姓名', children: value.displayName },
            ]}
          />
          <Flex
            align="center"
            justify="space-between"
            gap={12}
            style={{
              background: '#f5f7fa',
              border: '1px solid #d9e1ec',
              borderRadius: 6,
              padding: '12px 16px',
            }}
          >
            <Flex vertical gap={2}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                临时密码
              </Typography.Text>
              <Typography.Text
                data-testid="temporary-password"
                style={{
                  fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
                  fontSize: 20,
                  letterSpacing: 1,
                }}
              >
                {value.password}
              </Typography.Text>
            </Flex>
            <Button icon={<CopyOutlined />} onClick={handleCopy}>
              复制密码
            </Button>
          </Flex>
          <Typography.Text type="warning">
            <ExclamationCircleFilled /> 该密码仅显示一次，用户首次登录时须修改。请通过安全渠道告知用户本人。
          </Typography.Text>
        </Flex>
      )}
    </Modal>
  );
}
