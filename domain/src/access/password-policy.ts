// Password rules (configurable by the security administrator): length, character classes, not containing
// the user name.

export type PasswordPolicy = { minLength: number; requiredClasses: number; forbidUsername: boolean };

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 8,
  requiredClasses: 3,
  forbidUsername: true,
};

export type PasswordProblem = 'TOO_SHORT' | 'TOO_FEW_CLASSES' | 'CONTAINS_USERNAME';

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/] as const;

/** Every rule the password breaks (empty when it is acceptable). */
export function checkPassword(
  password: string,
  username: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < policy.minLength) problems.push('TOO_SHORT');
  if (CLASSES.filter((c) => c.test(password)).length < policy.requiredClasses)
    problems.push('TOO_FEW_CLASSES');
  if (
    policy.forbidUsername &&
    username.length >= 3 &&
    password.toLowerCase().includes(username.toLowerCase())
  ) {
    problems.push('CONTAINS_USERNAME');
  }
  return problems;
}

/** Chinese sentences for the problems, for the form the user sees. */
export function describePasswordProblems(
  problems: PasswordProblem[],
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): string {
  const text: Record<PasswordProblem, string> = {
    TOO_SHORT: `至少 ${policy.minLength} 个字符`,
    TOO_FEW_CLASSES: `须包含大写字母、小写字母、数字、符号中的至少 ${policy.requiredClasses} 类`,
    CONTAINS_USERNAME: '不能包含用户名',
  };
  return `密码不符合要求：${problems.map((p) => text[p]).join('；')}`;
}
