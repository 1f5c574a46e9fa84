import { EMPTY_COUNTER, isLocked, type LoginCounter, mustUseMfa, recordFailure } from '@groundbreak/domain';
import { and, eq, isNull, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Clock } from '../../clock';
import type { Database, Db } from '../../db/database';
import { mfaRecoveryCodes, users as usersTable } from '../../db/schema/index';
import { AppError } from '../../errors';
import { verifyPassword } from '../../lib/password';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, otpauthUri, verifyTotp } from '../../lib/totp';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';
import type { UserRow, UsersRepository } from '../users/users.repository';
import type { SecurityPolicyStore } from './security-policy';
import type { SessionsRepository } from './sessions.repository';

// Two-factor login with TOTP (RFC 6238): enrolment (secret → QR code → first code → ten recovery codes),
// the second step of a login (a code or a recovery code, each accepted once; wrong ones counted and locked
// like passwords), switching it off where the policy allows, and an administrator's reset for a lost phone.

const ISSUER = 'Groundbreak';
const RECOVERY_CODE = /^[a-z0-9]{4}-[a-z0-9]{4}$/i;

/** Wrong second-factor codes are counted apart from wrong passwords: a right password must not reset them. */
export const mfaThrottleKey = (username: string) => `mfa:${username.trim().toLowerCase()}`;

type Deps = {
  database: Database;
  users: UsersRepository;
  sessions: SessionsRepository;
  audit: AuditRepository;
  policy: SecurityPolicyStore;
  clock: Clock;
  mode: 'demo' | 'production';
};

export function createMfaService(deps: Deps) {
  const { database, users, sessions, audit, policy, clock } = deps;
  const db = database.db;

  async function required(principal: Principal): Promise<boolean> {
    return mustUseMfa(principal, (await policy.get()).mfa.requiredRoles, deps.mode);
  }

  /**
   * One second-factor attempt of a user at a time (a transaction lock): parallel guesses each count, and a
   * code works once even when sent twice at once. The user is read inside the lock, with the counter of
   * their wrong codes (apart from wrong passwords: a right password does not clear it).
   */
  function attempt<T>(
    userId: string,
    work: (
      tx: Db,
      user: UserRow,
      counter: LoginCounter,
      fail: (now: Date) => Promise<LoginCounter>,
    ) => Promise<T>,
  ): Promise<T> {
    return db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`mfa:${userId}`}))`);
      const user = await users.findById(userId, tx);
      if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
      const key = mfaThrottleKey(user.username);
      const counter: LoginCounter = (await users.getThrottle(key, tx)) ?? EMPTY_COUNTER;
      const fail = async (now: Date) => {
        const next = recordFailure(counter, now, (await policy.get()).lockout);
        await users.saveThrottle(tx, { usernameKey: key, ...next });
        return next;
      };
      return work(tx, user, counter, fail);
    });
  }

  async function userOf(principal: Principal) {
    const user = await users.findById(principal.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
    return user;
  }

  return {
    async status(principal: Principal) {
      const user = await userOf(principal);
      const left = await db
        .select({ id: mfaRecoveryCodes.id })
        .from(mfaRecoveryCodes)
        .where(and(eq(mfaRecoveryCodes.userId, user.id), isNull(mfaRecoveryCodes.usedAt)));
      return {
        enabled: user.totpEnabledAt !== null,
        enabledAt: user.totpEnabledAt?.toISOString() ?? null,
        required: await required(principal),
        recoveryCodesLeft: left.length,
      };
    },

    /** A new secret for the user to scan; in force only once a first code confirms it. */
    async setup(principal: Principal, actor: AuditActor) {
      const user = await userOf(principal);
      if (user.totpEnabledAt)
        throw new AppError('CONFLICT', '已启用两步验证；如需更换手机，请先关闭再重新绑定');
      const secret = newTotpSecret();
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx
          .update(usersTable)
          .set({ totpSecretCipher: await users.sealTotpSecret(secret), totpLastStep: null })
          .where(eq(usersTable.id, user.id));
        await audit.append(
          tx,
          actor,
          { action: 'auth.mfa_setup', objectType: 'user', objectId: user.id, result: 'success' },
          now,
        );
      });
      const uri = otpauthUri(ISSUER, user.username, secret);
      return {
        secret,
        otpauthUri: uri,
        qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1, width: 200 }),
      };
    },

    /** The first code proves the phone holds the secret: two-factor login is on; recovery codes once. */
    async enable(principal: Principal, actor: AuditActor, code: string) {
      const user = await userOf(principal);
      if (user.totpEnabledAt) throw new AppError('CONFLICT', '已启用两步验证');
      const secret = await users.totpSecretOf(user);
      if (!secret) throw new AppError('CONFLICT', '请先生成二维码并用身份验证器扫码');
      const now = clock.now();
      const step = verifyTotp(secret, code, now, null);
      if (step === undefined) {
        throw new AppError(
          'VALIDATION_FAILED',
          '验证码不正确：请输入身份验证器上当前显示的 6 位数字，并确认手机时间准确',
          {
            fields: [{ field: 'code', message: '验证码不正确' }],
          },
        );
      }
      const codes = newRecoveryCodes();
      await db.transaction(async (tx) => {
        await tx
          .update(usersTable)
          .set({ totpEnabledAt: now, totpLastStep: step })
          .where(eq(usersTable.id, user.id));
        await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, user.id));
        await tx.insert(mfaRecoveryCodes).values(
          await Promise.all(
            codes.map(async (c) => ({
              userId: user.id,
              codeHash: await users.macRecoveryCode(hashRecoveryCode(c)),
            })),
          ),
        );
        await audit.append(
          tx,
          actor,
          { action: 'auth.mfa_enable', objectType: 'user', objectId: user.id, result: 'success' },
          now,
        );
      });
      return { recoveryCodes: codes };
    },

    /**
     * Off again, with the password and a current code: only where the policy does not require it. Wrong
     * answers count towards the second factor's lockout and are audited, so that a session left open on a
     * shared computer cannot be used to guess the password.
     */
    async disable(principal: Principal, actor: AuditActor, password: string, code: string) {
      if (await required(principal)) {
        throw new AppError('CONFLICT', '您的角色须使用两步验证，不能关闭；更换手机请联系系统管理员重置');
      }
      const now = clock.now();
      const result = await attempt(principal.userId, async (tx, user, counter, fail) => {
        if (isLocked(counter, now)) return 'locked' as const;
        const secret = await users.totpSecretOf(user);
        const step = secret ? verifyTotp(secret, code, now, user.totpLastStep) : undefined;
        if (!(await verifyPassword(user.passwordHash, password)) || step === undefined) {
          const next = await fail(now);
          await audit.append(
            tx,
            actor,
            {
              action: 'auth.mfa_disable',
              objectType: 'user',
              objectId: user.id,
              result: 'failure',
              summary: { consecutiveFailures: next.failures },
            },
            now,
          );
          return next.lockedUntil ? ('locked' as const) : ('wrong' as const);
        }
        await tx
          .update(usersTable)
          .set({ totpSecretCipher: null, totpEnabledAt: null, totpLastStep: null })
          .where(eq(usersTable.id, user.id));
        await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, user.id));
        await users.clearThrottle(tx, mfaThrottleKey(user.username));
        await audit.append(
          tx,
          actor,
          { action: 'auth.mfa_disable', objectType: 'user', objectId: user.id, result: 'success' },
          now,
        );
        return 'off' as const;
      });
      if (result === 'locked') throw new AppError('LOCKED', '连续验证失败次数过多，已锁定，请稍后再试');
      if (result === 'wrong') {
        throw new AppError('VALIDATION_FAILED', '密码或动态验证码不正确', {
          fields: [{ field: 'password', message: '密码或动态验证码不正确' }],
        });
      }
    },

    /**
     * The second step of a login: a current code or an unused recovery code. Wrong codes count on a
     * counter of their own (a right password does not clear it) towards the same lockout as passwords; a
     * locked account's waiting session ends. One attempt per user at a time (a transaction lock), so that
     * parallel guesses each count and a code or recovery code works once even when sent twice at once.
     * Success replaces the waiting session with a full one (a new id).
     */
    async verifyLogin(
      principal: Principal,
      code: string,
      client: { ip: string | null; userAgent: string | null; requestId: string },
    ): Promise<{ token: string; csrfToken: string }> {
      const now = clock.now();
      const outcome = await attempt(principal.userId, async (tx, user, counter, fail) => {
        const actor: AuditActor = {
          userId: user.id,
          username: user.username,
          roles: user.roles,
          ip: client.ip,
          requestId: client.requestId,
        };
        if (isLocked(counter, now)) {
          await sessions.destroy(tx, principal.sessionId);
          await audit.append(
            tx,
            actor,
            {
              action: 'auth.locked',
              objectType: 'user',
              objectId: user.id,
              result: 'denied',
              summary: { factor: 'totp' },
            },
            now,
          );
          return { locked: true as const };
        }
        let factor: 'totp' | 'recovery' | undefined;
        const secret = user.totpEnabledAt ? await users.totpSecretOf(user) : null;
        if (secret) {
          const step = verifyTotp(secret, code, now, user.totpLastStep);
          if (step !== undefined) {
            await tx.update(usersTable).set({ totpLastStep: step }).where(eq(usersTable.id, user.id));
            factor = 'totp';
          }
        }
        if (!factor && RECOVERY_CODE.test(code.trim())) {
          // At most ten unused codes, each compared in constant time against its keyed hash.
          const unused = await tx
            .select({ id: mfaRecoveryCodes.id, codeHash: mfaRecoveryCodes.codeHash })
            .from(mfaRecoveryCodes)
            .where(and(eq(mfaRecoveryCodes.userId, user.id), isNull(mfaRecoveryCodes.usedAt)));
          const hash = hashRecoveryCode(code);
          let match: string | undefined;
          for (const c of unused) if (await users.recoveryCodeMatches(hash, c.codeHash)) match = c.id;
          if (match) {
            const used = await tx
              .update(mfaRecoveryCodes)
              .set({ usedAt: now })
              .where(and(eq(mfaRecoveryCodes.id, match), isNull(mfaRecoveryCodes.usedAt)))
              .returning({ id: mfaRecoveryCodes.id });
            if (used.length > 0) factor = 'recovery';
          }
        }
        if (!factor) {
          const next = await fail(now);
          await audit.append(
            tx,
            actor,
            {
              action: 'auth.mfa_failed',
              objectType: 'user',
              objectId: user.id,
              result: 'failure',
              summary: { consecutiveFailures: next.failures },
            },
            now,
          );
          if (next.lockedUntil) {
            await sessions.destroy(tx, principal.sessionId);
            await audit.append(
              tx,
              actor,
              {
                action: 'auth.locked',
                objectType: 'user',
                objectId: user.id,
                result: 'denied',
                summary: { factor: 'totp', until: next.lockedUntil.toISOString() },
              },
              now,
            );
            return { locked: true as const };
          }
          return { wrong: true as const };
        }
        // The waiting session is used up: deleting it is the check that it was not completed twice.
        if (!(await sessions.destroyIfPresent(tx, principal.sessionId))) {
          throw new AppError('UNAUTHENTICATED', '请先登录');
        }
        await users.clearThrottle(tx, mfaThrottleKey(user.username));
        await users.recordLogin(tx, user.id, now);
        const created = await sessions.create(tx, user.id, now, client);
        await audit.append(
          tx,
          actor,
          {
            action: 'auth.login',
            objectType: 'user',
            objectId: user.id,
            result: 'success',
            summary: { factor },
          },
          now,
        );
        return { token: created.token, csrfToken: created.csrfToken };
      });
      if ('locked' in outcome) throw new AppError('LOCKED', '连续验证失败次数过多，账号已锁定，请稍后再试');
      if ('wrong' in outcome) {
        throw new AppError('MFA_CODE_INVALID', '动态验证码不正确或已使用过，请输入身份验证器上的新验证码');
      }
      return outcome;
    },

    /** An administrator clears a user's second factor (a lost phone); they set it up again at next login. */
    async reset(actor: AuditActor, userId: string) {
      const user = await users.findById(userId);
      if (!user) throw new AppError('NOT_FOUND', '用户不存在或无权访问');
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx
          .update(usersTable)
          .set({ totpSecretCipher: null, totpEnabledAt: null, totpLastStep: null })
          .where(eq(usersTable.id, userId));
        await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
        const ended = await sessions.destroyAllOf(tx, userId);
        await audit.append(
          tx,
          actor,
          {
            action: 'user.reset_mfa',
            objectType: 'user',
            objectId: userId,
            result: 'success',
            summary: { endedSessions: ended },
          },
          now,
        );
      });
    },
  };
}

export type MfaService = ReturnType<typeof createMfaService>;
