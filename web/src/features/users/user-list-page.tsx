import type { UserSummary } from '@groundbreak/contract';
import { Button, Flex, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ListActions } from '../../components/list-actions';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import { RowActionButton } from '../../components/row-action-button';
import { exportHref, useListSearchParams } from '../../components/use-list-search-params';
import { EMPTY_VALUE, formatDateTime } from '../../lib/format';
import { useCan, useCurrentUser } from '../auth/use-current-user';
import { useUserList } from './api';
import { TemporaryPasswordModal } from './temporary-password-modal';
import { useUserAccountActions } from './use-user-account-actions';
import { UserCreateModal } from './user-create-modal';
import { UserDetailDrawer } from './user-detail-drawer';
import { USER_FILTERS, USER_SORT_FIELDS } from './user-list-config';
import { RoleTags, UserStatusTags } from './user-tags';

const BASE_COLUMNS: ListColumn<UserSummary>[] = [
  { key: 'username', title: '用户名', sortField: 'username', isRequired: true, render: (u) => u.username },
  { key: 'displayName', title: '姓名', sortField: 'displayName', render: (u) => u.displayName },
  { key: 'orgName', title: '所属单位', render: (u) => u.orgName },
  { key: 'roles', title: '角色', render: (u) => <RoleTags roles={u.roles} /> },
  { key: 'phone', title: '手机号', render: (u) => u.phoneMasked ?? EMPTY_VALUE, isHiddenByDefault: true },
  { key: 'status', title: '状态', render: (u) => <UserStatusTags user={u} /> },
  {
    key: 'lastLoginAt',
    title: '最近登录',
    sortField: 'lastLoginAt',
    render: (u) => formatDateTime(u.lastLoginAt),
  },
];

/** 用户管理: accounts (system administrator); the security administrator may look but not change them. */
export function UserListPage() {
  const state = useListSearchParams({
    filters: USER_FILTERS,
    sortFields: USER_SORT_FIELDS,
    defaultSort: 'username',
  });
  const result = useUserList(state.query);
  const canAdminister = useCan('user.admin');
  const currentUser = useCurrentUser();
  const accountActions = useUserAccountActions();
  const [isCreating, setCreating] = useState(false);
  const [selectedId, setSelectedId] = useState<string>();
  // The open account follows the list, so a 停用 in the drawer shows at once.
  const selected = result.data?.items.find((user) => user.id === selectedId);

  const columns = useMemo<ListColumn<UserSummary>[]>(() => {
    if (!canAdminister) return BASE_COLUMNS;
    const actionsColumn: ListColumn<UserSummary> = {
      key: 'actions',
      title: '操作',
      isRequired: true,
      fixed: 'right',
      // Not on one's own account: 修改密码 is in the user menu, and nobody locks themselves out.
      render: (user) =>
        user.id === currentUser.id ? (
          <Typography.Text type="secondary">当前账号</Typography.Text>
        ) : (
          <Flex gap={4}>
            <RowActionButton label="重置密码" onClick={() => accountActions.confirmResetPassword(user)} />
            <RowActionButton label="结束会话" onClick={() => accountActions.confirmEndSessions(user)} />
            <RowActionButton label="重置两步验证" onClick={() => accountActions.confirmResetMfa(user)} />
            {user.status === 'active' ? (
              <RowActionButton label="停用" isDanger onClick={() => accountActions.confirmDisable(user)} />
            ) : (
              <RowActionButton label="启用" onClick={() => accountActions.confirmEnable(user)} />
            )}
          </Flex>
        ),
    };
    return [...BASE_COLUMNS, actionsColumn];
  }, [canAdminister, accountActions, currentUser.id]);

  const drawerActions =
    selected && canAdminister && selected.id !== currentUser.id ? (
      <>
        <Button onClick={() => accountActions.confirmResetPassword(selected)}>重置密码</Button>
        {selected.status === 'active' ? (
          <Button danger onClick={() => accountActions.confirmDisable(selected)}>
            停用
          </Button>
        ) : (
          <Button onClick={() => accountActions.confirmEnable(selected)}>启用</Button>
        )}
      </>
    ) : undefined;

  return (
    <PageContainer
      title="用户管理"
      description="创建账号、停用或启用账号、重置密码、结束会话；角色与数据范围由安全管理员分配"
    >
      <ListPage<UserSummary>
        listId="users"
        state={state}
        filters={USER_FILTERS}
        columns={columns}
        result={result}
        rowKey={(user) => user.id}
        actions={
          <ListActions
            canCreate={canAdminister}
            onCreate={() => setCreating(true)}
            onExport={() => window.location.assign(exportHref('/api/users/export', state.query))}
            unavailableReason="用户批量导入功能建设中"
          />
        }
        onRowClick={(user) => setSelectedId(user.id)}
        emptyText={canAdminister ? '暂无用户，点击"新建"创建账号' : '暂无用户'}
      />
      <UserDetailDrawer user={selected} onClose={() => setSelectedId(undefined)} actions={drawerActions} />
      <UserCreateModal
        open={isCreating}
        onClose={() => setCreating(false)}
        onCreated={(password) => {
          setCreating(false);
          accountActions.showTemporaryPassword(password);
        }}
      />
      <TemporaryPasswordModal
        value={accountActions.temporaryPassword}
        onClose={accountActions.closeTemporaryPassword}
      />
    </PageContainer>
  );
}
