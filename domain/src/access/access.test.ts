import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCKOUT_POLICY, EMPTY_COUNTER, isLocked, type LoginCounter, recordFailure } from './lockout';
import {
  checkPassword,
  DEFAULT_PASSWORD_POLICY,
  isPasswordExpired,
  type PasswordPolicy,
} from './password-policy';
import { actionsFor, isBusinessWrite } from './permissions';
import { findRoleSetProblem, planAccessAssignment } from './roles';

const at = (hhmm: string) => new Date(`2025-03-31T${hhmm}:00+08:00`);

describe('三权分立', () => {
  it.each([
    [['system_admin', 'security_admin'], 'TWO_ADMIN_ROLES'],
    [['audit_admin', 'security_admin'], 'TWO_ADMIN_ROLES'],
    [['system_admin', 'drc'], 'ADMIN_WITH_BUSINESS_ROLE'],
    [[], 'NO_ROLE'],
    [['drc', 'drc'], 'DUPLICATE_ROLE'],
  ] as const)('refuses %j (%s)', (roles, problem) => {
    expect(findRoleSetProblem(roles)).toBe(problem);
  });

  it.each([[['system_admin']], [['drc', 'leader']], [['subarea_operator']]] as const)(
    'allows %j',
    (roles) => {
      expect(findRoleSetProblem(roles)).toBeUndefined();
    },
  );

  it('gives no administrator a business action', () => {
    for (const role of ['system_admin', 'security_admin', 'audit_admin'] as const) {
      const actions = [...actionsFor([role], 'drc')];
      expect(actions.filter((a) => a.startsWith('enterprise.'))).toEqual([]);
    }
    expect(actionsFor(['system_admin'], 'drc').has('audit.read')).toBe(false);
    expect(actionsFor(['audit_admin'], 'drc').has('user.admin')).toBe(false);
  });
});

describe('permissions by role and organisation kind', () => {
  it('lets a 商务 department operator register enterprises but not one of 自然资源和规划', () => {
    expect(actionsFor(['dept_operator'], 'commerce').has('enterprise.write')).toBe(true);
    expect(actionsFor(['dept_operator'], 'natural_resources').has('enterprise.write')).toBe(false);
    expect(actionsFor(['dept_operator'], 'natural_resources').has('enterprise.read')).toBe(true);
  });

  it('lets a leader read and comment, never write business data', () => {
    const actions = [...actionsFor(['leader'], 'drc')];
    expect(actions).toContain('comment.write');
    expect(actions.filter(isBusinessWrite)).toEqual([]);
  });
});

describe('password policy (default: ≥ 8, 3 of 4 classes, not the user name)', () => {
  it.each([
    ['Abcdef12', []],
    ['abcdef12', ['TOO_FEW_CLASSES']],
    ['Ab1!', ['TOO_SHORT']],
    ['Zhangsan2025!', ['CONTAINS_USERNAME']],
    ['ab', ['TOO_SHORT', 'TOO_FEW_CLASSES']],
  ])('%s → %j', (password, problems) => {
    expect(checkPassword(password, 'zhangsan')).toEqual(problems);
  });
});

describe('ASVS profile: ≥ 12, no class rules, not a common password; no rotation', () => {
  const asvs: PasswordPolicy = { ...DEFAULT_PASSWORD_POLICY, profile: 'ASVS' };
  const common = (p: string) => ['password1234', 'qwertyuiop12'].includes(p);
  it.each([
    ['river stone lantern', []],
    ['Abcdef12!', ['TOO_SHORT']],
    ['Password1234', ['COMMON']],
    ['zhangsan the river', ['CONTAINS_USERNAME']],
  ])('%s → %j', (password, problems) => {
    expect(checkPassword(password, 'zhangsan', asvs, common)).toEqual(problems);
  });
  it('expires an MLPS password after 90 days, never an ASVS one', () => {
    const changed = new Date('2025-01-01T00:00:00Z');
    expect(isPasswordExpired(changed, new Date('2025-03-31T23:59:59Z'), DEFAULT_PASSWORD_POLICY)).toBe(false);
    expect(isPasswordExpired(changed, new Date('2025-04-01T00:00:00Z'), DEFAULT_PASSWORD_POLICY)).toBe(true);
    expect(isPasswordExpired(changed, new Date('2026-01-01T00:00:00Z'), asvs)).toBe(false);
    expect(
      isPasswordExpired(changed, new Date('2026-01-01T00:00:00Z'), {
        ...DEFAULT_PASSWORD_POLICY,
        maxAgeDays: 0,
      }),
    ).toBe(false);
  });
});

describe('login lockout (5 failures within 15 min lock for 30 min)', () => {
  const fail = (times: number, start: string): LoginCounter => {
    let counter = EMPTY_COUNTER;
    for (let i = 0; i < times; i++)
      counter = recordFailure(counter, new Date(at(start).getTime() + i * 60_000));
    return counter;
  };

  it('locks on the fifth failure and not before', () => {
    expect(isLocked(fail(4, '10:00'), at('10:05'))).toBe(false);
    const locked = fail(5, '10:00');
    expect(isLocked(locked, at('10:05'))).toBe(true);
    expect(locked.lockedUntil).toEqual(new Date(at('10:04').getTime() + DEFAULT_LOCKOUT_POLICY.lockMs));
  });

  it('unlocks 30 minutes after the locking failure', () => {
    const locked = fail(5, '10:00');
    expect(isLocked(locked, at('10:33'))).toBe(true);
    expect(isLocked(locked, at('10:35'))).toBe(false);
  });

  it('starts counting again when failures are more than 15 minutes apart', () => {
    const counter = recordFailure(fail(4, '10:00'), at('10:20'));
    expect(counter.failures).toBe(1);
    expect(isLocked(counter, at('10:20'))).toBe(false);
  });

  it('starts counting again after a lock has expired', () => {
    const counter = recordFailure(fail(5, '10:00'), at('10:40'));
    expect(counter).toMatchObject({ failures: 1, lockedUntil: null });
  });
});

describe('assigning roles and data scope', () => {
  const region = '01900000-0000-7000-8000-000000000001';
  const company = '01900000-0000-7000-8000-000000000002';

  it.each([
    [
      { roles: ['system_admin', 'audit_admin'], regionScopeIds: [], enterpriseId: null },
      'ADMIN_ROLE_CONFLICT',
    ],
    [
      { roles: ['security_admin', 'drc'], regionScopeIds: [region], enterpriseId: null },
      'ADMIN_ROLE_CONFLICT',
    ],
    [{ roles: [], regionScopeIds: [region], enterpriseId: null }, 'INVALID_ROLES'],
    [{ roles: ['subarea_operator'], regionScopeIds: [], enterpriseId: null }, 'SCOPE_REQUIRED'],
    [{ roles: ['enterprise'], regionScopeIds: [], enterpriseId: null }, 'ENTERPRISE_REQUIRED'],
  ] as const)('refuses %j with %s', (input, problem) => {
    expect(
      planAccessAssignment({ ...input, roles: [...input.roles], regionScopeIds: [...input.regionScopeIds] }),
    ).toEqual({
      ok: false,
      problem,
    });
  });

  it('drops the data scope of an administrator and the company of a non-enterprise user', () => {
    expect(
      planAccessAssignment({ roles: ['audit_admin'], regionScopeIds: [region], enterpriseId: company }),
    ).toEqual({
      ok: true,
      access: { roles: ['audit_admin'], regionScopeIds: [], enterpriseId: null },
    });
    expect(
      planAccessAssignment({ roles: ['drc'], regionScopeIds: [region, region], enterpriseId: company }),
    ).toEqual({
      ok: true,
      access: { roles: ['drc'], regionScopeIds: [region], enterpriseId: null },
    });
  });
});
