import {
  BellOutlined,
  DownOutlined,
  EnvironmentOutlined,
  KeyOutlined,
  LogoutOutlined,
  QuestionCircleOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ShopOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS } from '@groundbreak/contract';
import type { MenuProps } from 'antd';
import { App, Avatar, Badge, Button, Dropdown, Flex, Grid, Layout, Tooltip, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { changePasswordPathFor, mfaPathFor } from '../features/auth/auth-redirects';
import { useCurrentUser } from '../features/auth/use-current-user';
import { useSignOut } from '../features/auth/use-sign-out';
import { useUnreadCount } from '../features/notifications/api';
import { PRODUCT_NAME } from './product-name';

const iconButtonStyle = { color: 'rgba(255, 255, 255, 0.85)' };

function InboxBell() {
  const navigate = useNavigate();
  const { data } = useUnreadCount();
  const unread = data?.unread;
  const label = unread === undefined ? '消息' : `消息（${unread} 条未读）`;
  return (
    <Tooltip title={label}>
      <Badge count={unread ?? 0} size="small" overflowCount={99}>
        <Button
          type="text"
          shape="circle"
          icon={<BellOutlined />}
          aria-label={label}
          style={iconButtonStyle}
          onClick={() => navigate('/notifications')}
        />
      </Badge>
    </Tooltip>
  );
}

/**
 * 数据范围: the regions this user's data is limited to (武进区 / 武进国家高新区), the enterprise of an 企业
 * account, or the administrator's remit.
 */
function ScopeLabel({ narrow }: { narrow: boolean }) {
  const user = useCurrentUser();
  if (!user.scopeLabel) return null;
  const icon =
    user.regionScopes.length > 0 ? (
      <EnvironmentOutlined />
    ) : user.enterpriseId ? (
      <ShopOutlined />
    ) : (
      <SafetyCertificateOutlined />
    );
  return (
    <Tooltip title={`数据范围：${user.scopeLabel}（${user.orgName}）`}>
      <Flex
        align="center"
        gap={6}
        data-testid="scope-label"
        style={{
          color: 'rgba(255, 255, 255, 0.85)',
          background: 'rgba(255, 255, 255, 0.1)',
          borderRadius: 4,
          padding: '2px 10px',
          maxWidth: narrow ? 120 : 320,
          whiteSpace: 'nowrap',
          overflow: 'hidden',
        }}
      >
        {icon}
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{user.scopeLabel}</span>
      </Flex>
    </Tooltip>
  );
}

function UserMenu({ narrow }: { narrow: boolean }) {
  const user = useCurrentUser();
  const { signOut } = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const roleText = user.roles.map((role) => ROLE_LABELS[role]).join('、');

  const items: MenuProps['items'] = [
    {
      key: 'identity',
      type: 'group',
      label: (
        <Flex vertical style={{ padding: '2px 0' }}>
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {user.username} · {user.orgName}
          </Typography.Text>
        </Flex>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    {
      key: 'mfa',
      icon: <SafetyOutlined />,
      label: user.mfaEnabled ? '两步验证（已启用）' : '两步验证',
    },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];

  const handleClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate(changePasswordPathFor(`${location.pathname}${location.search}`));
    if (key === 'mfa') navigate(mfaPathFor(`${location.pathname}${location.search}`));
    if (key === 'logout') signOut(() => message.success('已退出登录'));
  };

  return (
    <Dropdown menu={{ items, onClick: handleClick }} trigger={['click']} placement="bottomRight">
      <Button
        type="text"
        aria-label="用户菜单"
        data-testid="user-menu"
        style={{ height: 44, padding: '0 8px', color: '#fff' }}
      >
        <Flex align="center" gap={8}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: 'rgba(255, 255, 255, 0.2)' }} />
          {!narrow && (
            <Flex vertical align="flex-start" style={{ lineHeight: 1.25 }}>
              <span style={{ fontSize: 14 }}>{user.displayName}</span>
              <span style={{ fontSize: 12, color: 'rgba(255, 255, 255, 0.65)' }}>{roleText}</span>
            </Flex>
          )}
          <DownOutlined style={{ fontSize: 10, color: 'rgba(255, 255, 255, 0.65)' }} />
        </Flex>
      </Button>
    </Dropdown>
  );
}

/**
 * The top bar: product name on the left; data scope, help, inbox and the user menu on the right. On a
 * phone (narrower than md) the name shrinks to the logo and the user menu to its avatar, so that the bar
 * fits 390 px.
 */
export function TopBar() {
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: narrow ? 8 : 16,
        position: 'sticky',
        top: 0,
        zIndex: 10,
        ...(narrow ? { paddingInline: 12 } : {}),
      }}
    >
      <Link
        to="/"
        style={{ display: 'flex', alignItems: 'center', gap: 10, minWidth: 0 }}
        aria-label={PRODUCT_NAME}
      >
        <img src="/favicon.svg" alt="" width={28} height={28} />
        {!narrow && (
          <Typography.Text ellipsis strong style={{ color: '#fff', fontSize: 17, letterSpacing: 0.5 }}>
            {PRODUCT_NAME}
          </Typography.Text>
        )}
      </Link>
      <Flex align="center" gap={narrow ? 4 : 12} style={{ marginLeft: 'auto', flex: 'none' }}>
        <ScopeLabel narrow={narrow} />
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
        <UserMenu narrow={narrow} />
      </Flex>
    </Layout.Header>
  );
}
