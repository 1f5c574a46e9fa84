import { BellOutlined, QuestionCircleOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Badge, Button, Flex, Layout, Tooltip, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useUnreadCount } from '../features/notifications/api';

export const PRODUCT_NAME = '武进区重大项目"招推服"服务平台';

const iconButtonStyle = { color: 'rgba(255, 255, 255, 0.85)' };

function InboxBell() {
  const { data } = useUnreadCount();
  // No data (nobody signed in yet → 401): a plain bell, no count and no error message.
  const unread = data?.unread;
  const label = unread === undefined ? '消息（登录后可查看）' : `消息（${unread} 条未读）`;
  return (
    <Tooltip title={label}>
      <Badge count={unread ?? 0} size="small" overflowCount={99}>
        <Button
          type="text"
          shape="circle"
          icon={<BellOutlined />}
          aria-label={label}
          style={iconButtonStyle}
        />
      </Badge>
    </Tooltip>
  );
}

function UserMenu() {
  // Accounts come with the auth module; until then the user area is a visible, honest placeholder.
  return (
    <Flex align="center" gap={8}>
      <Avatar size="small" icon={<UserOutlined />} style={{ background: 'rgba(255, 255, 255, 0.2)' }} />
      <Tooltip title="账号功能即将上线">
        <Button
          size="small"
          ghost
          disabled
          style={{
            color: 'rgba(255, 255, 255, 0.65)',
            borderColor: 'rgba(255, 255, 255, 0.35)',
            background: 'transparent',
          }}
        >
          登录
        </Button>
      </Tooltip>
    </Flex>
  );
}

/** The top bar: product name on the left; help, inbox and the user area on the right. */
export function TopBar() {
  const navigate = useNavigate();
  return (
    <Layout.Header
      style={{ display: 'flex', alignItems: 'center', gap: 16, position: 'sticky', top: 0, zIndex: 10 }}
    >
      <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, minWidth: 0 }}>
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <Typography.Text ellipsis strong style={{ color: '#fff', fontSize: 17, letterSpacing: 0.5 }}>
          {PRODUCT_NAME}
        </Typography.Text>
      </Link>
      <Flex align="center" gap={12} style={{ marginLeft: 'auto', flex: 'none' }}>
        <Tooltip title="关于本系统">
          <Button
            type="text"
            shape="circle"
            icon={<QuestionCircleOutlined />}
            aria-label="关于本系统"
            style={iconButtonStyle}
            onClick={() => navigate('/about')}
          />
        </Tooltip>
        <InboxBell />
        <UserMenu />
      </Flex>
    </Layout.Header>
  );
}
