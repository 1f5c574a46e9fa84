import type { FormRule } from 'antd';

/** What a contract (zod) schema offers; typed structurally so web/ does not depend on zod itself. */
interface FieldSchema {
  safeParse(
    value: unknown,
  ): { success: true } | { success: false; error: { issues: readonly { message: string }[] } };
}

/**
 * A form rule that checks a field with the contract's own schema, so the form and the server say the
 * same thing in the same words. Empty values are left to the `required` rule.
 */
export function schemaRule(schema: FieldSchema): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '格式不正确');
    },
  };
}
