import type { UserSummary } from '@groundbreak/contract';
import { type AccessProblem, planAccessAssignment, type Role } from '@groundbreak/domain';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { enterprises, orgs, regions } from '../../db/schema/index';
import { AppError } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import { generatePassword, hashPassword } from '../../lib/password';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { SecurityPolicyStore } from '../auth/security-policy';
import type { SessionsRepository } from '../auth/sessions.repository';
import type { Principal } from '../registry';
import type { UserRow, UsersRepository } from './users.repository';

// Accounts under 三权分立: the system administrator creates, disables and resets users; the security
// administrator gives them roles and data scope. Every change is audited in its own transaction.

type Deps = {
  database: Database;
  users: UsersRepository;
  sessions: SessionsRepository;
  audit: AuditRepository;
  policy: SecurityPolicyStore;
  clock: Clock;
};

const fieldError =
  (code: 'ADMIN_ROLE_CONFLICT' | 'VALIDATION_FAILED', field: string, message: string, short = message) =>
  () =>
    new AppError(code, message, { fields: [{ field, message: short }] });

const ROLE_CONFLICT_MESSAGE =
  '三权分立：系统管理员、安全管理员、审计管理员不能由同一人兼任，也不能兼任业务角色';

const ACCESS_ERRORS: Record<AccessProblem, () => AppError> = {
  ADMIN_ROLE_CONFLICT: fieldError('ADMIN_ROLE_CONFLICT', 'roles', ROLE_CONFLICT_MESSAGE),
  INVALID_ROLES: fieldError('VALIDATION_FAILED', 'roles', '角色不能为空或重复'),
  SCOPE_REQUIRED: fieldError(
    'VALIDATION_FAILED',
    'regionScopeIds',
    '业务角色须指定数据范围（区或板块）',
    '请选择数据范围',
  ),
  ENTERPRISE_REQUIRED: fieldError('VALIDATION_FAILED', 'enterpriseId', '企业用户须关联企业', '请选择企业'),
};

export type CreateUserInput = {
  username: string;
  displayName: string;
  orgId: string;
  phone?: string | undefined;
};
export type AccessInput = {
  roles: Role[];
  regionScopeIds: string[];
  enterpriseId: string | null;
  version: number;
};

export function createUsersService(deps: Deps) {
  const { database, users, sessions, audit, policy, clock } = deps;
  const db = database.db;

  async function conflictOn(id: string): Promise<AppError> {
    const current = await users.findById(id);
    if (!current) return new AppError('NOT_FOUND', '用户不存在');
    return versionConflict(db, '用户', current);
  }

  async function mustFind(id: string): Promise<UserRow> {
    const user = await users.findById(id);
    if (!user) throw new AppError('NOT_FOUND', '用户不存在');
    return user;
  }

  async function present(row: UserRow): Promise<UserSummary> {
    const [summary] = await users.present([row]);
    if (!summary) throw new Error('user not presented');
    return summary;
  }

  return {
    async create(
      actor: AuditActor,
      input: CreateUserInput,
    ): Promise<{ user: UserSummary; temporaryPassword: string }> {
      const now = clock.now();
      if (await users.findByUsername(input.username)) {
        throw new AppError('CONFLICT', `用户名 ${input.username} 已存在`, {
          fields: [{ field: 'username', message: '用户名已存在' }],
        });
      }
      const [org] = await db
        .select({ id: orgs.id })
        .from(orgs)
        .where(and(eq(orgs.id, input.orgId), isNull(orgs.deletedAt)));
      if (!org)
        throw new AppError('VALIDATION_FAILED', '所属单位不存在', {
          fields: [{ field: 'orgId', message: '所属单位不存在' }],
        });
      const temporaryPassword = generatePassword(input.username, (await policy.get()).password);
      const passwordHash = await hashPassword(temporaryPassword);
      const row = await db.transaction(async (tx) => {
        const inserted = await users.insert(tx, {
          username: input.username,
          displayName: input.displayName,
          orgId: input.orgId,
          ...(await users.phoneColumns(input.phone)),
          passwordHash,
          mustChangePassword: true,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await audit.append(
          tx,
          actor,
          {
            action: 'user.create',
            objectType: 'user',
            objectId: inserted.id,
            result: 'success',
            summary: {
              after: {
                username: input.username,
                displayName: input.displayName,
                orgId: input.orgId,
                phone: input.phone ?? null,
              },
            },
          },
          now,
        );
        return inserted;
      });
      return { user: await present(row), temporaryPassword };
    },

    /** A user's mobile number in full: with personal.reveal and a reason, audited. */
    async revealPhone(
      principal: Principal,
      actor: AuditActor,
      id: string,
      reason: string,
    ): Promise<{ phone: string | null }> {
      if (!principal.actions.has('personal.reveal')) throw new AppError('FORBIDDEN', '您不能查看完整手机号');
      const user = await mustFind(id);
      const phone = await users.phoneOf(user);
      await db.transaction((tx) =>
        audit.append(
          tx,
          actor,
          {
            action: 'user.reveal_phone',
            objectType: 'user',
            objectId: id,
            result: 'success',
            summary: { reason },
          },
          clock.now(),
        ),
      );
      return { phone };
    },

    /** Ends every session of one user: they must sign in again (a lost phone, a suspected leak). */
    async endSessions(actor: AuditActor, id: string): Promise<{ ended: number }> {
      const now = clock.now();
      await mustFind(id);
      return db.transaction(async (tx) => {
        const ended = await sessions.destroyAllOf(tx, id);
        await audit.append(
          tx,
          actor,
          {
            action: 'user.end_sessions',
            objectType: 'user',
            objectId: id,
            result: 'success',
            summary: { ended },
          },
          now,
        );
        return { ended };
      });
    },

    /** Ends every session but the caller's: everyone signs in again (an incident). */
    async endAllSessions(actor: AuditActor, ownSessionId: string): Promise<{ ended: number }> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const ended = await sessions.destroyAllBut(tx, ownSessionId);
        await audit.append(
          tx,
          actor,
          {
            action: 'security.end_all_sessions',
            objectType: 'session',
            result: 'success',
            summary: { ended },
          },
          now,
        );
        return { ended };
      });
    },

    /** Disabling ends every session of the user at once. */
    async setStatus(
      actor: AuditActor,
      id: string,
      version: number,
      status: 'active' | 'disabled',
    ): Promise<UserSummary> {
      const now = clock.now();
      const user = await mustFind(id);
      if (user.id === actor.userId && status === 'disabled') {
        throw new AppError('CONFLICT', '不能停用自己的账号');
      }
      const row = await db.transaction(async (tx) => {
        const updated = await users.update(tx, id, version, {
          status,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (!updated) throw await conflictOn(id);
        const ended = status === 'disabled' ? await sessions.destroyAllOf(tx, id) : 0;
        await audit.append(
          tx,
          actor,
          {
            action: status === 'disabled' ? 'user.disable' : 'user.enable',
            objectType: 'user',
            objectId: id,
            result: 'success',
            summary: { before: { status: user.status }, after: { status }, endedSessions: ended },
          },
          now,
        );
        return updated;
      });
      return present(row);
    },

    async resetPassword(
      actor: AuditActor,
      id: string,
      version: number,
    ): Promise<{ user: UserSummary; temporaryPassword: string }> {
      const now = clock.now();
      const user = await mustFind(id);
      const passwordPolicy = (await policy.get()).password;
      const temporaryPassword = generatePassword(user.username, passwordPolicy);
      const passwordHash = await hashPassword(temporaryPassword);
      const row = await db.transaction(async (tx) => {
        const updated = await users.update(tx, id, version, {
          passwordHash,
          mustChangePassword: true,
          // A temporary password has no change date (the change history skips it).
          passwordChangedAt: null,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (!updated) throw await conflictOn(id);
        // The password it replaces may not come back when the user sets their own.
        await users.rememberPassword(tx, id, user.passwordHash, now, passwordPolicy.historyCount);
        const ended = await sessions.destroyAllOf(tx, id);
        await audit.append(
          tx,
          actor,
          {
            action: 'user.reset_password',
            objectType: 'user',
            objectId: id,
            result: 'success',
            summary: { password: 'reset', endedSessions: ended },
          },
          now,
        );
        return updated;
      });
      return { user: await present(row), temporaryPassword };
    },

    /** Roles and data scope (security administrator); refuses what 三权分立 forbids. */
    async updateAccess(actor: AuditActor, id: string, input: AccessInput): Promise<UserSummary> {
      const now = clock.now();
      const user = await mustFind(id);
      const plan = planAccessAssignment(input);
      if (!plan.ok) throw ACCESS_ERRORS[plan.problem]();
      const { regionScopeIds, enterpriseId } = plan.access;
      if (regionScopeIds.length > 0) {
        const found = await db
          .select({ id: regions.id })
          .from(regions)
          .where(inArray(regions.id, regionScopeIds));
        if (found.length !== regionScopeIds.length) {
          throw new AppError('VALIDATION_FAILED', '数据范围中有不存在的区划', {
            fields: [{ field: 'regionScopeIds', message: '区划不存在' }],
          });
        }
      }
      if (enterpriseId) {
        const [found] = await db
          .select({ id: enterprises.id })
          .from(enterprises)
          .where(eq(enterprises.id, enterpriseId));
        if (!found)
          throw new AppError('VALIDATION_FAILED', '企业不存在', {
            fields: [{ field: 'enterpriseId', message: '企业不存在' }],
          });
      }
      const row = await db.transaction(async (tx) => {
        const updated = await users.update(tx, id, input.version, {
          roles: input.roles,
          regionScopes: regionScopeIds,
          enterpriseId,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (!updated) throw await conflictOn(id);
        // New rights take effect at the next request; sessions carry no copy of them.
        await audit.append(
          tx,
          actor,
          {
            action: 'user.access_update',
            objectType: 'user',
            objectId: id,
            result: 'success',
            summary: {
              before: { roles: user.roles, regionScopes: user.regionScopes, enterpriseId: user.enterpriseId },
              after: { roles: input.roles, regionScopes: regionScopeIds, enterpriseId },
            },
          },
          now,
        );
        return updated;
      });
      return present(row);
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
