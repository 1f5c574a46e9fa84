// Fixes to the generated OpenAPI 3.0 document that client generators and validators rely on.

/**
 * OpenAPI 3.0.3 reads `enum` as the complete list of allowed values, `nullable` included: a nullable enum
 * must list null, or a strict reader (a generated client, a validator) refuses the API's own answers.
 * The zod → JSON Schema transform leaves null out; this puts it in, everywhere in the document.
 */
export function allowNullInNullableEnums<T>(doc: T): T {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const schema = node as { nullable?: unknown; enum?: unknown[] };
    if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) {
      schema.enum = [...schema.enum, null];
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(doc);
  return doc;
}
