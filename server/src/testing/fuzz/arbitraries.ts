import fc from 'fast-check';

// Requests from the API's own description: a fast-check arbitrary for each OpenAPI 3.0 schema, valid by
// construction, and a hostile variant that breaks it in the ways attackers and careless clients do —
// SQL and script payloads, huge and strange strings, wrong types, missing and extra fields.

export type JsonSchema = {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};

/** Strings that have broken web applications: injection, markup, encodings, sizes, traversal. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE projects; --",
  '1) UNION SELECT password_hash FROM users --',
  "\\'; SELECT pg_sleep(5); --",
  '%',
  '_',
  '\\',
  '<img src=x onerror=alert(1)>',
  '<script>alert(document.cookie)</script>',
  '"><svg/onload=alert(1)>',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil","x")',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\u202Egnp.exe',
  '\u200B\u200C\u200D',
  '𠮷野家🀄️👨‍👩‍👧',
  'Ｆｕｌｌｗｉｄｔｈ１２３',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text of a template-injection probe.
  '${jndi:ldap://x}',
  '{{7*7}}',
  '%s%s%s%n',
  '__proto__',
  'constructor',
  '{"$gt":""}',
  '1e309',
  'NaN',
  '-0',
  '0x1F',
  ' ',
  '',
  'x'.repeat(10_000),
  '测'.repeat(5_000),
];

const HOSTILE_NUMBERS: readonly number[] = [
  -1,
  0,
  1.5,
  -2_147_483_649,
  2_147_483_648,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e300,
];

/** Everything a JSON body or a query string could carry in place of the expected value. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [1, 'a'], { a: { b: 1 } }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** Ids the fixture knows (projects in and out of each scope, users, …), by kind. */
export type IdPools = Record<string, string[]>;

const CHINESE = fc.constantFrom(
  '燕龙',
  '武进',
  '高新区',
  '湖塘',
  '智能装备',
  '项目',
  '常州',
  '新能源',
  '石墨烯',
);

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

function date(): fc.Arbitrary<string> {
  return fc
    .date({
      min: new Date('2019-01-01T00:00:00Z'),
      max: new Date('2031-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
}

function stringArbitrary(schema: JsonSchema, ids: string[]): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 60, 200);
  if (schema.format === 'uuid')
    return ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid();
  if (schema.format === 'date') return date();
  if (schema.format === 'date-time') return date().map((d) => `${d}T02:00:00.000Z`);
  if (schema.pattern) {
    try {
      const pattern = new RegExp(schema.pattern);
      if (/\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(schema.pattern))
        return fc.oneof(date(), fc.stringMatching(pattern));
      return fc.stringMatching(pattern).filter((s) => s.length <= Math.max(max, 64));
    } catch {
      // A pattern JavaScript cannot compile: plain strings will do.
    }
  }
  const plain = fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.array(CHINESE, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
  );
  return plain.filter((s) => s.length >= min && s.length <= max && (min === 0 || s.trim().length > 0));
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const low = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : schema.minimum;
  const high = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - 1 : schema.maximum;
  const min = Math.max(low ?? -1_000_000, -1e12);
  const max = Math.min(high ?? 10_000_000_000, 1e12);
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) });
  return fc.double({ min, max: Math.max(min, max), noNaN: true, noDefaultInfinity: true });
}

/** Values the schema accepts. `idsFor(name)` picks the id pool a property name suggests. */
export function validArbitrary(
  schema: JsonSchema,
  idsFor: (name: string) => string[],
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return withNull(schema, fc.constantFrom(...schema.enum));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0) {
    return withNull(schema, fc.oneof(...alternatives.map((s) => validArbitrary(s, idsFor, name, depth + 1))));
  }
  if (schema.allOf && schema.allOf.length > 0) {
    return validArbitrary(Object.assign({}, ...schema.allOf), idsFor, name, depth + 1);
  }
  const types = typesOf(schema).filter((t) => t !== 'null');
  const nullable = schema.nullable === true || typesOf(schema).includes('null');
  const arb = (() => {
    switch (types[0]) {
      case 'string':
        return stringArbitrary(schema, idsFor(name));
      case 'integer':
        return numberArbitrary(schema, true);
      case 'number':
        return numberArbitrary(schema, false);
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const item = schema.items ? validArbitrary(schema.items, idsFor, name, depth + 1) : fc.string();
        return fc.array(item, {
          minLength: schema.minItems ?? 0,
          maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
        });
      }
      case 'object': {
        if (depth > 4) return fc.constant({});
        const props = schema.properties ?? {};
        const keys = Object.keys(props);
        if (keys.length === 0) return fc.constant({});
        const model: Record<string, fc.Arbitrary<unknown>> = {};
        for (const key of keys) model[key] = validArbitrary(props[key] ?? {}, idsFor, key, depth + 1);
        return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => keys.includes(k)) });
      }
      default:
        return fc.oneof(fc.string(), fc.integer(), fc.boolean());
    }
  })();
  return nullable ? withNull(schema, arb) : arb;
}

function withNull(schema: JsonSchema, arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return schema.nullable
    ? fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) })
    : arb;
}

/**
 * A value of the schema broken in one way: for an object, one property replaced by a hostile value, a
 * required one dropped, or an unknown one added; otherwise the whole value hostile.
 */
export function hostileArbitrary(
  schema: JsonSchema,
  idsFor: (name: string) => string[],
): fc.Arbitrary<unknown> {
  const props = schema.properties ?? {};
  const keys = Object.keys(props);
  if (keys.length === 0) return hostileValue;
  const valid = validArbitrary(schema, idsFor) as fc.Arbitrary<Record<string, unknown>>;
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...keys), hostileValue)
        .map(([obj, key, bad]) => ({ ...obj, [key]: bad })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.constantFrom(...keys)).map(([obj, key]) => {
        const copy = { ...obj };
        delete copy[key];
        return copy;
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          valid,
          fc.constantFrom('__proto__', 'constructor', 'isAdmin', 'roles', 'id', 'deletedAt'),
          hostileValue,
        )
        .map(([obj, key, bad]) => JSON.parse(JSON.stringify({ ...obj, [key]: bad }))),
    },
    { weight: 1, arbitrary: hostileValue },
  );
}
