import type { SecurityPolicySettings } from '@groundbreak/contract';
import {
  DEFAULT_LOCKOUT_POLICY,
  DEFAULT_PASSWORD_POLICY,
  isAdminRole,
  type LockoutPolicy,
  MFA_DEFAULT_REQUIRED_ROLES,
  type PasswordPolicy,
  type Role,
} from '@groundbreak/domain';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { appSettings } from '../../db/schema/index';

// Security policies the security administrator sets; defaults until then. Read through a short cache
// because every request checks session timeouts.

export type SessionPolicy = { idleMs: number; absoluteMs: number };
/** Accounts not used for this many days are disabled by the daily job [A: 90]. */
export type AccountPolicy = { inactiveDays: number };
/** Business roles that must sign in with a second factor (the administrators always must). */
export type MfaPolicy = { requiredRoles: Role[] };
export type SecurityPolicy = {
  password: PasswordPolicy;
  lockout: LockoutPolicy;
  session: SessionPolicy;
  accounts: AccountPolicy;
  mfa: MfaPolicy;
};

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  password: DEFAULT_PASSWORD_POLICY,
  lockout: DEFAULT_LOCKOUT_POLICY,
  session: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
  accounts: { inactiveDays: 90 },
  mfa: { requiredRoles: [...MFA_DEFAULT_REQUIRED_ROLES] },
};

const KEY = 'security.policy';
const CACHE_MS = 30_000;

export function createSecurityPolicyStore(db: Db) {
  let cached: { policy: SecurityPolicy; loadedAt: number } | undefined;
  return {
    async get(): Promise<SecurityPolicy> {
      if (cached && Date.now() - cached.loadedAt < CACHE_MS) return cached.policy;
      const [row] = await db.select().from(appSettings).where(eq(appSettings.key, KEY)).limit(1);
      const stored = (row?.value ?? {}) as Partial<SecurityPolicy>;
      const policy: SecurityPolicy = {
        password: { ...DEFAULT_SECURITY_POLICY.password, ...stored.password },
        lockout: { ...DEFAULT_SECURITY_POLICY.lockout, ...stored.lockout },
        session: { ...DEFAULT_SECURITY_POLICY.session, ...stored.session },
        accounts: { ...DEFAULT_SECURITY_POLICY.accounts, ...stored.accounts },
        mfa: { ...DEFAULT_SECURITY_POLICY.mfa, ...stored.mfa },
      };
      cached = { policy, loadedAt: Date.now() };
      return policy;
    },

    async save(tx: Db, policy: SecurityPolicy, now: Date): Promise<void> {
      await tx
        .insert(appSettings)
        .values({ key: KEY, value: sql`${JSON.stringify(policy)}::jsonb`, updatedAt: now })
        .onConflictDoUpdate({
          target: appSettings.key,
          set: { value: sql`${JSON.stringify(policy)}::jsonb`, updatedAt: now },
        });
      cached = undefined;
    },
  };
}

export type SecurityPolicyStore = ReturnType<typeof createSecurityPolicyStore>;

const MINUTE = 60_000;

/** The policy as the security administrator edits it (minutes, hours). */
export function toSettings(policy: SecurityPolicy): SecurityPolicySettings {
  return {
    passwordProfile: policy.password.profile,
    passwordMaxAgeDays: policy.password.maxAgeDays,
    passwordHistoryCount: policy.password.historyCount,
    accountInactiveDays: policy.accounts.inactiveDays,
    mfaRequiredRoles: policy.mfa.requiredRoles.filter(
      (r) => !isAdminRole(r),
    ) as SecurityPolicySettings['mfaRequiredRoles'],
    passwordMinLength: policy.password.minLength,
    passwordRequiredClasses: policy.password.requiredClasses,
    passwordForbidUsername: policy.password.forbidUsername,
    lockoutMaxFailures: policy.lockout.maxFailures,
    lockoutWindowMinutes: Math.round(policy.lockout.windowMs / MINUTE),
    lockoutMinutes: Math.round(policy.lockout.lockMs / MINUTE),
    sessionIdleMinutes: Math.round(policy.session.idleMs / MINUTE),
    sessionAbsoluteHours: Math.round(policy.session.absoluteMs / (60 * MINUTE)),
  };
}

export function fromSettings(settings: SecurityPolicySettings): SecurityPolicy {
  return {
    password: {
      profile: settings.passwordProfile,
      minLength: settings.passwordMinLength,
      requiredClasses: settings.passwordRequiredClasses,
      forbidUsername: settings.passwordForbidUsername,
      // The ASVS profile does not rotate passwords.
      maxAgeDays: settings.passwordProfile === 'ASVS' ? 0 : settings.passwordMaxAgeDays,
      historyCount: settings.passwordHistoryCount,
    },
    accounts: { inactiveDays: settings.accountInactiveDays },
    mfa: { requiredRoles: [...settings.mfaRequiredRoles] },
    lockout: {
      maxFailures: settings.lockoutMaxFailures,
      windowMs: settings.lockoutWindowMinutes * MINUTE,
      lockMs: settings.lockoutMinutes * MINUTE,
    },
    session: {
      idleMs: settings.sessionIdleMinutes * MINUTE,
      absoluteMs: settings.sessionAbsoluteHours * 60 * MINUTE,
    },
  };
}
