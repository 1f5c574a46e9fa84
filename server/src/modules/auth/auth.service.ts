import {
  checkPassword,
  describePasswordProblems,
  EMPTY_COUNTER,
  isLocked,
  isPasswordExpired,
  type LoginCounter,
  recordFailure,
} from '@groundbreak/domain';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import { dummyPasswordHash, hashPassword, isCommonPassword, verifyPassword } from '../../lib/password';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';
import type { UsersRepository } from '../users/users.repository';
import type { SecurityPolicyStore } from './security-policy';
import type { SessionsRepository } from './sessions.repository';

export const INVALID_CREDENTIALS = '用户名或密码错误';

type Deps = {
  database: Database;
  users: UsersRepository;
  sessions: SessionsRepository;
  audit: AuditRepository;
  policy: SecurityPolicyStore;
  clock: Clock;
};

/** mfaRequired: the password was right, and the session waits for the second factor. */
export type LoginResult = { token: string; csrfToken: string; userId: string; mfaRequired: boolean };

function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `连续登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`;
}

export function createAuthService(deps: Deps) {
  const { database, users, sessions, audit, policy, clock } = deps;
  const db = database.db;

  return {
    /**
     * Password login. Unknown names and wrong passwords get the same answer and count towards the same
     * lockout, so that the answer never tells whether an account exists.
     */
    async login(
      username: string,
      password: string,
      client: { ip: string | null; userAgent: string | null; requestId: string },
    ): Promise<LoginResult> {
      const now = clock.now();
      const { lockout } = await policy.get();
      const key = username.trim().toLowerCase();
      const throttle = await users.getThrottle(key);
      const counter: LoginCounter = throttle ?? EMPTY_COUNTER;
      const anonymous: AuditActor = {
        userId: null,
        username: key,
        roles: [],
        ip: client.ip,
        requestId: client.requestId,
      };

      if (isLocked(counter, now)) {
        await audit.append(
          db,
          anonymous,
          { action: 'auth.locked', result: 'denied', summary: { username: key } },
          now,
        );
        throw new AppError('LOCKED', lockedMessage(counter.lockedUntil ?? now, now));
      }

      const user = await users.findByUsername(key);
      const valid = user
        ? await verifyPassword(user.passwordHash, password)
        : await verifyPassword(await dummyPasswordHash(), password).then(() => false);
      if (!user || !valid || user.status !== 'active') {
        const next = recordFailure(counter, now, lockout);
        const actor = user ? { ...anonymous, userId: user.id, roles: user.roles } : anonymous;
        await db.transaction(async (tx) => {
          await users.saveThrottle(tx, { usernameKey: key, ...next });
          await audit.append(
            tx,
            actor,
            {
              action: 'auth.login_failed',
              objectType: user ? 'user' : undefined,
              objectId: user?.id,
              result: 'failure',
              summary: {
                username: key,
                consecutiveFailures: next.failures,
                disabled: user?.status === 'disabled',
              },
            },
            now,
          );
          if (next.lockedUntil) {
            await audit.append(
              tx,
              actor,
              {
                action: 'auth.locked',
                objectType: user ? 'user' : undefined,
                objectId: user?.id,
                result: 'denied',
                summary: { username: key, until: next.lockedUntil.toISOString() },
              },
              now,
            );
          }
        });
        if (next.lockedUntil) throw new AppError('LOCKED', lockedMessage(next.lockedUntil, now));
        throw new AppError('UNAUTHENTICATED', INVALID_CREDENTIALS);
      }

      const { password: passwordPolicy } = await policy.get();
      const expired =
        !user.mustChangePassword &&
        isPasswordExpired(user.passwordChangedAt ?? user.createdAt, now, passwordPolicy);
      return db.transaction(async (tx) => {
        await users.clearThrottle(tx, key);
        if (!user.totpEnabledAt) await users.recordLogin(tx, user.id, now);
        if (expired) {
          // Past its maximum age: the session opens on the forced password change, as for a new account.
          await users.requirePasswordChange(tx, user.id, now);
          await audit.append(
            tx,
            {
              userId: user.id,
              username: user.username,
              roles: user.roles,
              ip: client.ip,
              requestId: client.requestId,
            },
            {
              action: 'auth.password_expired',
              objectType: 'user',
              objectId: user.id,
              result: 'success',
              summary: {
                changedAt: (user.passwordChangedAt ?? user.createdAt).toISOString(),
                maxAgeDays: passwordPolicy.maxAgeDays,
              },
            },
            now,
          );
        }
        // With two-factor login on, the password opens only a waiting session: the code completes it.
        const mfaRequired = user.totpEnabledAt !== null;
        const created = await sessions.create(tx, user.id, now, client, { mfaPending: mfaRequired });
        await audit.append(
          tx,
          {
            userId: user.id,
            username: user.username,
            roles: user.roles,
            ip: client.ip,
            requestId: client.requestId,
          },
          {
            action: mfaRequired ? 'auth.mfa_challenge' : 'auth.login',
            objectType: 'user',
            objectId: user.id,
            result: 'success',
          },
          now,
        );
        return { token: created.token, csrfToken: created.csrfToken, userId: user.id, mfaRequired };
      });
    },

    async logout(principal: Principal, actor: AuditActor): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        await sessions.destroy(tx, principal.sessionId);
        await audit.append(
          tx,
          actor,
          { action: 'auth.logout', objectType: 'user', objectId: principal.userId, result: 'success' },
          now,
        );
      });
    },

    /** Changes the caller's own password; other sessions of the user end. */
    async changePassword(
      principal: Principal,
      actor: AuditActor,
      currentPassword: string,
      newPassword: string,
    ): Promise<void> {
      const now = clock.now();
      const { password: passwordPolicy } = await policy.get();
      const user = await users.findById(principal.userId);
      if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        throw new AppError('VALIDATION_FAILED', '当前密码不正确', {
          fields: [{ field: 'currentPassword', message: '当前密码不正确' }],
        });
      }
      const problems = checkPassword(newPassword, user.username, passwordPolicy, isCommonPassword);
      if (currentPassword === newPassword) {
        throw new AppError('VALIDATION_FAILED', '新密码不能与当前密码相同', {
          fields: [{ field: 'newPassword', message: '新密码不能与当前密码相同' }],
        });
      }
      if (problems.length > 0) {
        const message = describePasswordProblems(problems, passwordPolicy);
        throw new AppError('VALIDATION_FAILED', message, { fields: [{ field: 'newPassword', message }] });
      }
      const earlier = await users.passwordHistory(user.id, passwordPolicy.historyCount);
      for (const hash of earlier) {
        if (await verifyPassword(hash, newPassword)) {
          const message = `新密码不能与最近 ${passwordPolicy.historyCount} 次用过的密码相同`;
          throw new AppError('VALIDATION_FAILED', message, { fields: [{ field: 'newPassword', message }] });
        }
      }
      const passwordHash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        const updated = await users.update(tx, user.id, user.version, {
          passwordHash,
          mustChangePassword: false,
          passwordChangedAt: now,
          updatedAt: now,
          updatedBy: user.id,
        });
        if (!updated) throw new AppError('VERSION_CONFLICT', '账号刚被管理员修改，请重新输入后再试');
        // A temporary password (new account, reset: no change date) was never the user's own: it takes no
        // history slot. A password that expired was.
        if (!(user.mustChangePassword && user.passwordChangedAt === null)) {
          await users.rememberPassword(tx, user.id, user.passwordHash, now, passwordPolicy.historyCount);
        }
        await sessions.destroyAllOf(tx, user.id, principal.sessionId);
        await audit.append(
          tx,
          actor,
          {
            action: 'auth.password_change',
            objectType: 'user',
            objectId: user.id,
            result: 'success',
            summary: { password: 'changed' },
          },
          now,
        );
      });
    },

    /** The session a login just created, as a principal (for the login answer). */
    async principalOf(token: string): Promise<Principal> {
      const resolved = await sessions.resolve(token, clock.now(), (await policy.get()).session);
      if (resolved.state !== 'valid') throw new AppError('UNAUTHENTICATED', '请先登录');
      return resolved.principal;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
