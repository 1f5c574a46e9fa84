import { ROLE_LABELS, USER_STATUS_LABELS, USER_STATUSES } from '@groundbreak/contract';
import { ROLES } from '@groundbreak/domain';
import type { ListFilter } from '../../components/use-list-search-params';

// 用户管理 and 角色与数据范围 page the same GET /api/users with the same filters and sort fields.

export const USER_SORT_FIELDS = ['username', 'displayName', 'lastLoginAt'] as const;

export const USER_FILTERS: ListFilter[] = [
  { key: 'q', label: '关键词', kind: 'text', placeholder: '用户名或姓名' },
  {
    key: 'role',
    label: '角色',
    kind: 'select',
    options: ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] })),
  },
  {
    key: 'status',
    label: '状态',
    kind: 'select',
    options: USER_STATUSES.map((status) => ({ value: status, label: USER_STATUS_LABELS[status] })),
  },
];
