import { LockOutlined } from '@ant-design/icons';
import type { UserSummary } from '@groundbreak/contract';
import { ROLE_LABELS, USER_STATUS_LABELS } from '@groundbreak/contract';
import type { Role } from '@groundbreak/domain';
import { isAdminRole } from '@groundbreak/domain';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { EMPTY_VALUE, formatDateTime } from '../../lib/format';

/** Role names as tags; the three administrator roles stand out from the business roles. */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  if (roles.length === 0) return <Typography.Text type="secondary">未分配</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {roles.map((role) => (
        <Tag
          key={role}
          color={isAdminRole(role) ? 'volcano' : 'blue'}
          variant="filled"
          style={{ marginInlineEnd: 0 }}
        >
          {ROLE_LABELS[role]}
        </Tag>
      ))}
    </Flex>
  );
}

/** The regions the account's data is limited to, or a dash. */
export function RegionScopeText({ user }: { user: Pick<UserSummary, 'regionScopes'> }) {
  if (user.regionScopes.length === 0)
    return <Typography.Text type="secondary">{EMPTY_VALUE}</Typography.Text>;
  return <span>{user.regionScopes.map((region) => region.name).join('、')}</span>;
}

function isLockedNow(user: Pick<UserSummary, 'lockedUntil'>): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();
}

/** 正常 / 已停用, plus 已锁定 (too many wrong passwords) and 待改密 (temporary password not changed yet). */
export function UserStatusTags({ user }: { user: UserSummary }) {
  return (
    <Flex wrap gap={4}>
      <Tag color={user.status === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
        {USER_STATUS_LABELS[user.status]}
      </Tag>
      {isLockedNow(user) && (
        <Tooltip title={`连续输错密码，锁定至 ${formatDateTime(user.lockedUntil)}`}>
          <Tag color="orange" icon={<LockOutlined />} style={{ marginInlineEnd: 0 }}>
            已锁定
          </Tag>
        </Tooltip>
      )}
      {user.mustChangePassword && (
        <Tooltip title="用户尚未用临时密码登录并修改密码">
          <Tag style={{ marginInlineEnd: 0 }}>待改密</Tag>
        </Tooltip>
      )}
    </Flex>
  );
}
