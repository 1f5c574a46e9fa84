import { ROLES } from '@groundbreak/domain';
import { z } from 'zod';
import { listQuery, listResponse, rowVersion } from './list';

export const USER_STATUSES = ['active', 'disabled'] as const;
export const USER_STATUS_LABELS: Record<(typeof USER_STATUSES)[number], string> = {
  active: '正常',
  disabled: '已停用',
};

/** Who an account is and what it may see: shared by the user list and the signed-in user. */
export const accountIdentity = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  orgId: z.string().uuid(),
  orgName: z.string(),
  regionScopes: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
  enterpriseId: z.string().uuid().nullable(),
  enterpriseName: z.string().nullable(),
  mustChangePassword: z.boolean(),
});

export const userSummary = accountIdentity.extend({
  status: z.enum(USER_STATUSES),
  /** 138****5678 — never in clear in lists. */
  phoneMasked: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
});
export type UserSummary = z.infer<typeof userSummary>;

export const userListQuery = listQuery(['username', 'displayName', 'lastLoginAt']).extend({
  q: z.string().trim().max(50).optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(USER_STATUSES).optional(),
});
export const userListResponse = listResponse(userSummary);

const username = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, '用户名为 3–32 位字母、数字、下划线、点或连字符，以字母开头');

export const createUserBody = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(50),
  orgId: z.string().uuid(),
  phone: z
    .string()
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '手机号为 11 位，座机如 0519-86681234')
    .optional(),
});

/** A user's mobile in full (with a reason, audited). */
export const revealedUserPhoneResponse = z.object({ phone: z.string().nullable() });

/** The temporary password is shown once, to the administrator who created or reset the account. */
export const userWithPasswordResponse = z.object({ user: userSummary, temporaryPassword: z.string() });

export const userIdParams = z.strictObject({ id: z.string().uuid() });
export const versionBody = z.strictObject({ version: rowVersion });
/** How many sessions an administrator's stop ended. */
export const endedSessionsResponse = z.object({ ended: z.number().int().min(0) });

export const updateAccessBody = z.strictObject({
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  regionScopeIds: z.array(z.string().uuid()).max(50),
  enterpriseId: z.string().uuid().nullable(),
  version: rowVersion,
});
export const userResponse = z.object({ user: userSummary });
