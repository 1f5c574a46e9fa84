// Password rules (configurable by the security administrator). Two profiles: "MLPS" (等保: length,
// character classes, rotation) and "ASVS" (OWASP ASVS 2.1: length of at least 12, no composition rules, no
// rotation, refused if on a list of common passwords). Both refuse the user name and the last N passwords.

export const PASSWORD_PROFILES = ['MLPS', 'ASVS'] as const;
export type PasswordProfile = (typeof PASSWORD_PROFILES)[number];

export type PasswordPolicy = {
  profile: PasswordProfile;
  minLength: number;
  /** MLPS only: how many of the four classes (lower, upper, digit, symbol) a password needs. */
  requiredClasses: number;
  forbidUsername: boolean;
  /** MLPS only: days after which the password must be changed (0: never). */
  maxAgeDays: number;
  /** How many earlier passwords may not be used again (0: none). */
  historyCount: number;
};

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  profile: 'MLPS',
  minLength: 8,
  requiredClasses: 3,
  forbidUsername: true,
  maxAgeDays: 90,
  historyCount: 5,
};

/** ASVS asks for at least 12 characters when composition rules are dropped. */
export const ASVS_MIN_LENGTH = 12;

export type PasswordProblem = 'TOO_SHORT' | 'TOO_FEW_CLASSES' | 'CONTAINS_USERNAME' | 'COMMON';

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/] as const;

/** Every rule the password breaks (empty when it is acceptable). */
export function checkPassword(
  password: string,
  username: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
  /** The common-password list's lookup (ASVS); given by the caller, so that this stays pure. */
  isCommon: (password: string) => boolean = () => false,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const minLength =
    policy.profile === 'ASVS' ? Math.max(policy.minLength, ASVS_MIN_LENGTH) : policy.minLength;
  if ([...password].length < minLength) problems.push('TOO_SHORT');
  if (policy.profile === 'MLPS' && CLASSES.filter((c) => c.test(password)).length < policy.requiredClasses)
    problems.push('TOO_FEW_CLASSES');
  if (
    policy.forbidUsername &&
    username.length >= 3 &&
    password.toLowerCase().includes(username.toLowerCase())
  ) {
    problems.push('CONTAINS_USERNAME');
  }
  if (policy.profile === 'ASVS' && isCommon(password.toLowerCase())) problems.push('COMMON');
  return problems;
}

/** Whether a password set at `changedAt` must be changed at `now` (MLPS rotation). */
export function isPasswordExpired(changedAt: Date, now: Date, policy: PasswordPolicy): boolean {
  if (policy.profile !== 'MLPS' || policy.maxAgeDays <= 0) return false;
  return now.getTime() - changedAt.getTime() >= policy.maxAgeDays * 86_400_000;
}

/** Chinese sentences for the problems, for the form the user sees. */
export function describePasswordProblems(
  problems: PasswordProblem[],
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): string {
  const text: Record<PasswordProblem, string> = {
    TOO_SHORT: `至少 ${policy.profile === 'ASVS' ? Math.max(policy.minLength, ASVS_MIN_LENGTH) : policy.minLength} 个字符`,
    COMMON: '这是常见密码（在常用密码表中），容易被猜中，请换一个',
    TOO_FEW_CLASSES: `须包含大写字母、小写字母、数字、符号中的至少 ${policy.requiredClasses} 类`,
    CONTAINS_USERNAME: '不能包含用户名',
  };
  return `密码不符合要求：${problems.map((p) => text[p]).join('；')}`;
}
