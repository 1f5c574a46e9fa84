import { ACTIONS, ASVS_MIN_LENGTH, PASSWORD_PROFILES, type ROLES } from '@groundbreak/domain';
import { z } from 'zod';
import { accountIdentity } from './users';

export const ROLE_LABELS: Record<(typeof ROLES)[number], string> = {
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  drc: '区发改(统筹)',
  subarea_operator: '板块经办',
  dept_operator: '部门经办',
  leader: '领导',
  enterprise: '企业',
};

/** The signed-in user as the UI sees them. */
export const sessionUser = accountIdentity.extend({
  /** Two-factor login is on for this account. */
  mfaEnabled: z.boolean(),
  /** The role requires two-factor login and none is set up: the UI opens the enrolment first. */
  mustEnrollMfa: z.boolean(),
  orgKind: z.string(),
  /** e.g. "武进区 / 武进国家高新区" for the top bar. */
  scopeLabel: z.string(),
  actions: z.array(z.enum(ACTIONS)),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** 200 answers: signed in, or a second factor is needed (then POST /api/auth/totp with this CSRF token). */
export const loginResponse = z.union([
  z.object({ user: sessionUser, csrfToken: z.string() }),
  z.object({ mfaRequired: z.literal(true), csrfToken: z.string() }),
]);

export const totpLoginBody = z.strictObject({
  /** The 6 digits an authenticator shows, or a recovery code (xxxx-xxxx). */
  code: z.string().trim().min(6).max(20),
});
export const mfaStatusResponse = z.object({
  enabled: z.boolean(),
  enabledAt: z.string().nullable(),
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export const mfaSetupResponse = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() });
export const mfaEnableBody = z.strictObject({ code: z.string().trim().min(6).max(10) });
export const mfaEnableResponse = z.object({ recoveryCodes: z.array(z.string()) });
export const mfaDisableBody = z.strictObject({
  password: z.string().min(1).max(256),
  code: z.string().trim().min(6).max(10),
});

export const meResponse = z.object({ user: sessionUser, csrfToken: z.string() });

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const okResponse = z.object({ ok: z.literal(true) });

/** Header every state-changing request but login carries. */
export const CSRF_HEADER = 'x-csrf-token';

/** Security policies the security administrator sets (MLPS defaults). */
export const securityPolicy = z
  .strictObject({
    passwordProfile: z.enum(PASSWORD_PROFILES),
    passwordMinLength: z.number().int().min(8).max(64),
    passwordRequiredClasses: z.number().int().min(2).max(4),
    passwordForbidUsername: z.boolean(),
    lockoutMaxFailures: z.number().int().min(3).max(10),
    lockoutWindowMinutes: z.number().int().min(5).max(60),
    lockoutMinutes: z.number().int().min(5).max(1440),
    sessionIdleMinutes: z.number().int().min(5).max(120),
    sessionAbsoluteHours: z.number().int().min(1).max(24),
    /** 0: never (the ASVS profile never rotates). */
    passwordMaxAgeDays: z.number().int().min(0).max(365),
    passwordHistoryCount: z.number().int().min(0).max(24),
    accountInactiveDays: z.number().int().min(30).max(365),
    /** Business roles that must use two-factor login (the three administrators always must). */
    mfaRequiredRoles: z.array(z.enum(['drc', 'subarea_operator', 'dept_operator', 'leader', 'enterprise'])),
  })
  .superRefine((p, ctx) => {
    if (p.passwordProfile === 'ASVS' && p.passwordMinLength < ASVS_MIN_LENGTH) {
      ctx.addIssue({
        code: 'custom',
        path: ['passwordMinLength'],
        message: `ASVS 方案不要求字符类别，密码须至少 ${ASVS_MIN_LENGTH} 位`,
      });
    }
    if (p.passwordProfile === 'MLPS' && p.passwordMaxAgeDays > 0 && p.passwordMaxAgeDays < 30) {
      ctx.addIssue({
        code: 'custom',
        path: ['passwordMaxAgeDays'],
        message: '密码有效期不少于 30 天（0 表示不限）',
      });
    }
  });
export type SecurityPolicySettings = z.infer<typeof securityPolicy>;
export const securityPolicyResponse = z.object({ policy: securityPolicy });
