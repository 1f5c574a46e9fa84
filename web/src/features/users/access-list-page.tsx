import type { UserSummary } from '@groundbreak/contract';
import { useMemo, useState } from 'react';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import { RowActionButton } from '../../components/row-action-button';
import { useListSearchParams } from '../../components/use-list-search-params';
import { EMPTY_VALUE } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { useUserList } from './api';
import { UserAccessDrawer } from './user-access-drawer';
import { USER_FILTERS, USER_SORT_FIELDS } from './user-list-config';
import { RegionScopeText, RoleTags, UserStatusTags } from './user-tags';

const BASE_COLUMNS: ListColumn<UserSummary>[] = [
  { key: 'username', title: '用户名', sortField: 'username', isRequired: true, render: (u) => u.username },
  { key: 'displayName', title: '姓名', sortField: 'displayName', render: (u) => u.displayName },
  { key: 'orgName', title: '所属单位', render: (u) => u.orgName },
  { key: 'roles', title: '角色', render: (u) => <RoleTags roles={u.roles} /> },
  { key: 'scope', title: '数据范围', render: (u) => <RegionScopeText user={u} /> },
  { key: 'enterprise', title: '关联企业', render: (u) => u.enterpriseName ?? EMPTY_VALUE },
  { key: 'status', title: '状态', render: (u) => <UserStatusTags user={u} />, isHiddenByDefault: true },
];

/** 角色与数据范围: who holds which role over which regions (security administrator). */
export function AccessListPage() {
  const state = useListSearchParams({
    filters: USER_FILTERS,
    sortFields: USER_SORT_FIELDS,
    defaultSort: 'username',
  });
  const result = useUserList(state.query);
  const canAssign = useCan('access.admin');
  const [selected, setSelected] = useState<UserSummary>();

  const columns = useMemo<ListColumn<UserSummary>[]>(() => {
    if (!canAssign) return BASE_COLUMNS;
    const actionsColumn: ListColumn<UserSummary> = {
      key: 'actions',
      title: '操作',
      isRequired: true,
      fixed: 'right',
      render: (user) => <RowActionButton label="分配角色" onClick={() => setSelected(user)} />,
    };
    return [...BASE_COLUMNS, actionsColumn];
  }, [canAssign]);

  return (
    <PageContainer
      title="角色与数据范围"
      description="为账号分配角色（三权分立：三类管理员互不兼任，也不兼任业务角色）和可查看的区划范围"
    >
      <ListPage<UserSummary>
        listId="access"
        state={state}
        filters={USER_FILTERS}
        columns={columns}
        result={result}
        rowKey={(user) => user.id}
        onRowClick={canAssign ? setSelected : undefined}
        emptyText='暂无用户；账号由系统管理员在"用户管理"中创建'
      />
      <UserAccessDrawer user={selected} onClose={() => setSelected(undefined)} />
    </PageContainer>
  );
}
