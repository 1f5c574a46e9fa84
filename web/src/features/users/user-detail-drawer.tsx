import type { UserSummary } from '@groundbreak/contract';
import { Descriptions, Drawer, Flex } from 'antd';
import type { ReactNode } from 'react';
import { RevealablePhone } from '../../components/revealable-phone';
import { EMPTY_VALUE, formatDateTime } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { useRevealUserPhone } from './api';
import { RegionScopeText, RoleTags, UserStatusTags } from './user-tags';

interface UserDetailDrawerProps {
  user: UserSummary | undefined;
  onClose: () => void;
  /** Buttons at the foot of the drawer (重置密码, 停用/启用, 分配角色…) for users allowed them. */
  actions?: ReactNode;
}

/** The account's mobile, masked; in full for an administrator who may see personal data, with a reason. */
function UserPhone({ user }: { user: UserSummary }) {
  const reveal = useRevealUserPhone(user.id);
  const mayReveal = useCan('personal.reveal');
  const isAdministrator = useCan('user.admin');
  return (
    <RevealablePhone
      masked={user.phoneMasked}
      canReveal={mayReveal && isAdministrator}
      reveal={async (reason) => (await reveal.mutateAsync(reason)).phone}
      isRevealing={reveal.isPending}
      placeholder="如：通知本人账号已重置"
    />
  );
}

/** One account: identity, organisation, roles, data scope and sign-in state. */
export function UserDetailDrawer({ user, onClose, actions }: UserDetailDrawerProps) {
  return (
    <Drawer
      title={user ? `${user.displayName}（${user.username}）` : '用户'}
      open={user !== undefined}
      onClose={onClose}
      size="large"
      footer={actions ? <Flex gap={8}>{actions}</Flex> : undefined}
    >
      {user && (
        <Descriptions
          column={1}
          bordered
          items={[
            { key: 'username', label: '用户名', children: user.username },
            { key: 'displayName', label: '姓名', children: user.displayName },
            { key: 'org', label: '所属单位', children: user.orgName },
            { key: 'roles', label: '角色', children: <RoleTags roles={user.roles} /> },
            { key: 'scope', label: '数据范围', children: <RegionScopeText user={user} /> },
            { key: 'enterprise', label: '关联企业', children: user.enterpriseName ?? EMPTY_VALUE },
            { key: 'phone', label: '手机号', children: <UserPhone user={user} /> },
            { key: 'status', label: '状态', children: <UserStatusTags user={user} /> },
            { key: 'lastLogin', label: '最近登录', children: formatDateTime(user.lastLoginAt) },
          ]}
        />
      )}
    </Drawer>
  );
}
