import { CSRF_HEADER } from '@groundbreak/contract';
import type { Role } from '@groundbreak/domain';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { loginThrottle, users } from '../../db/schema/index';
import { hashPassword } from '../../lib/password';
import { createTestUsers, TEST_PASSWORD, type TestUserSpec } from '../accounts';
import type { TestContext } from '../test-app';
import {
  HOSTILE_STRINGS,
  hostileArbitrary,
  hostileValue,
  type IdPools,
  type JsonSchema,
  validArbitrary,
} from './arbitraries';
import { isSanctioned } from './sanctioned-views';

// Fuzzing from the API's own description: every operation of /api/openapi.json gets requests generated
// from its schemas — valid ones and broken ones — sent through app.inject() as users of every role (and
// nobody). Three invariants hold for every answer: no 5xx; the answer matches the status and schema the
// route declares; and nothing outside the caller's data scope comes back (projects and what hangs off
// them: attachments, library entries, state changes, plan items), except the sanctioned views.

export const FUZZ_CALLERS: (TestUserSpec & { label: string })[] = [
  { label: '区发改', username: 'fz_drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
  {
    label: '板块经办·高新区',
    username: 'fz_gxq',
    roles: ['subarea_operator'],
    orgCode: 'WJ-GXQ-ADM',
    scopeCodes: ['WJ-GXQ'],
  },
  {
    label: '板块经办·湖塘',
    username: 'fz_hutang',
    roles: ['subarea_operator'],
    orgCode: '320412100-GOV',
    scopeCodes: ['320412100'],
  },
  {
    label: '部门经办·自然资源',
    username: 'fz_nrp',
    roles: ['dept_operator'],
    orgCode: 'WJ-NRP',
    scopeCodes: ['320412'],
  },
  {
    label: '部门经办·商务',
    username: 'fz_com',
    roles: ['dept_operator'],
    orgCode: 'WJ-COM',
    scopeCodes: ['320412'],
  },
  { label: '领导', username: 'fz_leader', roles: ['leader'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
  {
    label: '企业·燕龙',
    username: 'fz_ent',
    roles: ['enterprise'],
    orgCode: 'WJ-DRC',
    enterpriseUscc: '91320412MAEUHUXQ7A',
  },
  { label: '系统管理员', username: 'fz_sys', roles: ['system_admin'], orgCode: 'WJ-DRC' },
  { label: '安全管理员', username: 'fz_sec', roles: ['security_admin'], orgCode: 'WJ-DRC' },
  { label: '审计管理员', username: 'fz_audit', roles: ['audit_admin'], orgCode: 'WJ-DRC' },
];
const ANONYMOUS = 'anonymous';
const CALLER_NAMES = [ANONYMOUS, ...FUZZ_CALLERS.map((c) => c.username)];

/** Routes that take a multipart file rather than JSON. */
const UPLOADS = new Set(['POST /api/projects/imports', 'POST /api/projects/{id}/attachments']);
/** Bodies no schema describes: broken JSON, the wrong JSON type, nesting deeper than any stack. */
const RAW_BODIES: readonly string[] = [
  `{"broken": ${'x'.repeat(200)}`,
  `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
  `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  '"只是一个字符串"',
  'null',
  '[]',
  '12345678901234567890',
  '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}',
];

type Operation = {
  key: string;
  method: string;
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema }[];
  body: JsonSchema | undefined;
  responses: Record<string, JsonSchema | undefined>;
};

type FuzzRequest = {
  caller: string;
  pathValues: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  /** Sent as the body instead of `body` (a non-GET route), with a JSON content type. */
  raw: string | undefined;
  csrf: boolean;
  upload: { bytes: number[]; pdf: boolean; name: string | null } | undefined;
};

export type FuzzFailure = {
  route: string;
  caller: string;
  method: string;
  url: string;
  body: string;
  status: number;
  problem: string;
  answer: string;
};

export type FuzzReport = {
  seed: number;
  runsPerRoute: number;
  requests: number;
  perRoute: Record<string, number>;
  statuses: Record<string, number>;
  failures: FuzzFailure[];
  ms: number;
};

export type FuzzOptions = {
  runs: number;
  seed: number;
  /** Only operations whose "METHOD /path" contains this text. */
  only?: string | undefined;
  /** Requests in flight at once within a route (1: fully reproducible from the seed). */
  concurrency?: number;
  log?: (message: string) => void;
};

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema: JsonSchema }[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
      }
    >
  >;
};

/**
 * A response schema as Ajv (JSON Schema) reads it: OpenAPI 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum`
 * beside `minimum`/`maximum` become the numeric bounds of JSON Schema (a positive area would not compile), and
 * `nullable` without a `type` (a union that may be null) becomes "that, or null".
 */
function jsonSchemaOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(jsonSchemaOf);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = jsonSchemaOf(v);
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] === 'boolean') {
      if (out[flag] && typeof out[bound] === 'number') {
        out[flag] = out[bound];
        delete out[bound];
      } else delete out[flag];
    }
  }
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _nullable, ...rest } = out;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

function operationsOf(doc: OpenApi): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      const responses: Record<string, JsonSchema | undefined> = {};
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        responses[status] = response.content?.['application/json']?.schema;
      }
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: op.requestBody?.content['application/json']?.schema,
        responses,
      });
    }
  }
  return ops;
}

/** The id pool a path or property name points at. */
function poolFor(pools: IdPools, path: string, name: string): string[] {
  const by = (kind: string) => pools[kind] ?? [];
  if (name === 'childId') return by(path.includes('/attachments/') ? 'attachment' : 'libraryEntry');
  if (name === 'id') {
    if (path.startsWith('/api/projects/imports')) return by('importJob');
    if (path.startsWith('/api/projects')) return by('project');
    if (path.startsWith('/api/users')) return by('user');
    if (path.startsWith('/api/enterprises')) return by('enterprise');
    if (path.startsWith('/api/orgs')) return by('org');
    if (path.startsWith('/api/saved-views')) return by('savedView');
  }
  if (/regionId|regionScopeIds/.test(name)) return by('region');
  if (/orgId|responsibleOrgId/.test(name)) return by('org');
  if (/leaderUserId|specialistUserId|userId/.test(name)) return by('user');
  if (/enterpriseId/.test(name)) return by('enterprise');
  if (/projectId|objectId/.test(name)) return by('project');
  if (/ids/.test(name)) return by('notification');
  return by('any');
}

function requestArbitrary(op: Operation, pools: IdPools): fc.Arbitrary<FuzzRequest> {
  const idsFor = (name: string) => poolFor(pools, op.path, name);
  const pathModel: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of op.pathParams) {
    const ids = poolFor(pools, op.path, p.name);
    pathModel[p.name] =
      p.name === 'year'
        ? fc.oneof(
            { weight: 8, arbitrary: fc.integer({ min: 2019, max: 2031 }) },
            { weight: 2, arbitrary: hostileValue },
          )
        : fc.oneof(
            { weight: 7, arbitrary: ids.length > 0 ? fc.constantFrom(...ids) : fc.uuid() },
            { weight: 2, arbitrary: fc.uuid() },
            { weight: 2, arbitrary: hostileValue },
          );
  }
  const queryModel: Record<string, fc.Arbitrary<unknown>> = {};
  for (const q of op.queryParams) {
    queryModel[q.name] = fc.oneof(
      { weight: 6, arbitrary: validArbitrary(q.schema, idsFor, q.name) },
      { weight: 1, arbitrary: hostileValue },
    );
  }
  const body = op.body;
  return fc.record({
    caller: fc.constantFrom(...CALLER_NAMES),
    pathValues: fc.record(pathModel),
    query: fc.record(queryModel, { requiredKeys: [] }),
    raw: fc.option(fc.constantFrom(...RAW_BODIES), { nil: undefined, freq: 7 }),
    body: body
      ? fc.oneof(
          { weight: 3, arbitrary: validArbitrary(body, idsFor) },
          { weight: 1, arbitrary: hostileArbitrary(body, idsFor) },
        )
      : fc.constant(undefined),
    csrf: fc.nat(19).map((n) => n !== 0),
    upload: UPLOADS.has(op.key)
      ? fc.option(
          fc.record({
            bytes: fc.array(fc.nat(255), { maxLength: 2048 }),
            pdf: fc.boolean(),
            // File names are text from the client too: sometimes a hostile one.
            name: fc.option(
              fc.constantFrom(...HOSTILE_STRINGS.filter((h) => h.length < 200).map((h) => `${h}.pdf`)),
              { nil: null, freq: 3 },
            ),
          }),
          {
            nil: undefined,
            freq: 2,
          },
        )
      : fc.constant(undefined),
  });
}

function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      // A comma list is how the API takes several values; a repeated key is how a careless client does.
      if (value.every((v) => typeof v !== 'object')) params.append(key, value.join(','));
      else for (const v of value) params.append(key, JSON.stringify(v));
    } else
      params.append(key, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function multipart(upload: { bytes: number[]; pdf: boolean; name: string | null }) {
  const boundary = '----groundbreak-fuzz';
  const content = Buffer.concat([
    Buffer.from(upload.pdf ? '%PDF-1.4\n' : 'PK\u0003\u0004'),
    Buffer.from(upload.bytes),
  ]);
  const name = upload.name ?? (upload.pdf ? '模糊测试.pdf' : '模糊测试.xlsx');
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Percent-encodes every UTF-8 byte (a lone surrogate becomes U+FFFD, as a browser would send it). */
function encodePathSegment(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Every text an answer carries (JSON strings, text cells of a sheet), and the ids and numbers in them. */
async function tokensOf(
  res: LightMyRequestResponse,
): Promise<{ texts: string[]; ids: string[]; numbers: string[] }> {
  const type = String(res.headers['content-type'] ?? '');
  const texts: string[] = [];
  if (type.includes('json')) {
    const walk = (v: unknown): void => {
      if (typeof v === 'string') texts.push(v);
      else if (Array.isArray(v)) for (const x of v) walk(x);
      else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    };
    try {
      walk(res.json());
    } catch {
      texts.push(res.body);
    }
  } else if (type.includes('spreadsheetml')) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    book.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        for (const v of row.values as unknown[]) if (typeof v === 'string') texts.push(v);
      }),
    );
  }
  const text = texts.join('\n');
  return {
    texts,
    ids: [...new Set(text.match(UUID) ?? [])].map((s) => s.toLowerCase()),
    numbers: [...new Set(text.match(/\b[A-Z]{1,8}-\d{4}-\d{4,}\b|\b\d{4}-\d{6}-\d{2}-\d{2}-\d{6}\b/g) ?? [])],
  };
}

/**
 * A whole phone number, or a protected value (ciphertext), inside a text — standing on its own, not a run
 * of digits inside an id or a hash (UUIDs and SHA-256 hex are full of those).
 */
const PERSONAL_IN_TEXT =
  /(?<![0-9A-Za-z-])(?:1[3-9]\d{9}|0\d{2,3}-\d{7,8})(?![0-9A-Za-z-])|\b[as]1:[0-9a-f]{8}:/;

/** The only answers that carry a phone number in full: the two reveals and an export granted it. */
function mayShowPersonalData(op: Operation, r: FuzzRequest): boolean {
  if (op.key === 'POST /api/projects/{id}/contact-phone' || op.key === 'POST /api/users/{id}/phone')
    return true;
  return op.key === 'GET /api/projects/export' && r.query.fullPhones === 'true';
}

const ADMIN_ROLES: readonly string[] = ['system_admin', 'security_admin', 'audit_admin'];

export async function runApiFuzz(ctx: TestContext, options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const db = ctx.database.db;
  const ids = await createTestUsers(db, FUZZ_CALLERS);
  const originals = new Map(
    (await db.select().from(users)).filter((u) => ids.has(u.username)).map((u) => [u.username, u]),
  );
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  /**
   * Callers whose account a request changed (disabled, roles changed, password or second factor set,
   * signed out): put back as created and signed in again before their next request.
   */
  const stale = new Set<string>();
  const callerById = new Map([...originals.values()].map((u) => [u.id, u.username]));

  async function restore(username: string): Promise<void> {
    const u = originals.get(username);
    if (!u) return;
    await db
      .update(users)
      .set({
        status: 'active',
        passwordHash,
        mustChangePassword: false,
        passwordChangedAt: ctx.clock.now(),
        lastLoginAt: ctx.clock.now(),
        totpSecretCipher: null,
        totpEnabledAt: null,
        roles: u.roles,
        regionScopes: u.regionScopes,
        enterpriseId: u.enterpriseId,
        orgId: u.orgId,
        deletedAt: null,
      })
      .where(eq(users.id, u.id));
    await db
      .delete(loginThrottle)
      .where(sql`${loginThrottle.usernameKey} IN (${username}, ${`mfa:${username}`})`);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`fuzz caller ${username} cannot sign in: ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'gb_session')?.value ?? '';
    sessions.set(username, {
      cookie: `gb_session=${cookie}`,
      csrf: (res.json() as { csrfToken: string }).csrfToken,
    });
  }
  for (const c of FUZZ_CALLERS) await restore(c.username);

  const pools = await idPools(ctx);
  const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json() as OpenApi;
  const operations = operationsOf(doc).filter((op) => !options.only || op.key.includes(options.only));
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>();
  const validatorFor = (op: Operation, status: string) => {
    const key = `${op.key} ${status}`;
    const schema = op.responses[status];
    if (!schema) return undefined;
    let v = validators.get(key);
    if (!v) {
      v = ajv.compile(jsonSchemaOf(schema) as JsonSchema);
      validators.set(key, v);
    }
    return v;
  };
  const rolesOf = (caller: string) =>
    FUZZ_CALLERS.find((c) => c.username === caller)?.roles ?? ([] as Role[]);

  /** Ids among `candidates` that the caller may not see (projects and what hangs off them). */
  async function outOfScope(caller: string, candidates: string[], numbers: string[]): Promise<string[]> {
    if (candidates.length === 0 && numbers.length === 0) return [];
    const { rows } = await db.execute<{ id: string }>(sql`
      WITH caller AS (
        SELECT u.roles, u.region_scopes, u.enterprise_id FROM users u WHERE u.username = ${caller}
        UNION ALL SELECT ARRAY[]::text[], ARRAY[]::uuid[], NULL WHERE ${caller} = ${ANONYMOUS}
      ),
      paths AS (
        SELECT r.path || '%' AS p FROM regions r, caller c WHERE r.id = ANY(c.region_scopes)
      ),
      cand AS (SELECT unnest(string_to_array(${candidates.join(',')}, ',')) AS v),
      nums AS (SELECT unnest(string_to_array(${numbers.join(',')}, ',')) AS v),
      owned AS (
        SELECT id::text AS id, id AS project_id FROM projects WHERE id::text IN (SELECT v FROM cand)
        UNION ALL SELECT internal_no, id FROM projects WHERE internal_no IN (SELECT v FROM nums)
        UNION ALL SELECT project_code, id FROM projects
         WHERE project_code IN (SELECT v FROM nums) AND deleted_at IS NULL
        UNION ALL SELECT id::text, project_id FROM attachments WHERE id::text IN (SELECT v FROM cand)
        UNION ALL SELECT id::text, project_id FROM project_libraries WHERE id::text IN (SELECT v FROM cand)
        UNION ALL SELECT id::text, project_id FROM project_state_changes WHERE id::text IN (SELECT v FROM cand)
      )
      SELECT o.id FROM owned o
        JOIN projects p ON p.id = o.project_id
        JOIN regions r ON r.id = p.region_id
        CROSS JOIN caller c
       WHERE NOT (
         (p.enterprise_id IS NOT NULL AND p.enterprise_id = c.enterprise_id)
         OR (c.roles <> ARRAY['enterprise']::text[] AND EXISTS (SELECT 1 FROM paths WHERE r.path LIKE paths.p))
       )
      UNION ALL
      -- Enterprises: a business user reads those of their regions, those building a project they may
      -- see, and their own company. (Account administration shows every account's company.)
      SELECT e.id::text FROM enterprises e
        JOIN regions r ON r.id = e.region_id
        CROSS JOIN caller c
       WHERE e.id::text IN (SELECT v FROM cand)
         AND NOT (c.roles && ${sql.raw(`ARRAY['${ADMIN_ROLES.join("','")}']::text[]`)})
         AND e.id IS DISTINCT FROM c.enterprise_id
         AND NOT (c.roles <> ARRAY['enterprise']::text[] AND (
           EXISTS (SELECT 1 FROM paths WHERE r.path LIKE paths.p)
           OR EXISTS (SELECT 1 FROM projects p JOIN regions pr ON pr.id = p.region_id
                       WHERE p.enterprise_id = e.id AND p.deleted_at IS NULL
                         AND EXISTS (SELECT 1 FROM paths WHERE pr.path LIKE paths.p))))`);
    return rows.map((r) => r.id);
  }

  const perRoute: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  let requests = 0;

  async function send(op: Operation, r: FuzzRequest): Promise<void> {
    const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const value = r.pathValues[name];
      return encodePathSegment(typeof value === 'object' ? JSON.stringify(value) : String(value));
    });
    const url = `${path}${queryString(r.query)}`;
    if (stale.delete(r.caller)) await restore(r.caller);
    const session = sessions.get(r.caller);
    const headers: Record<string, string> = {};
    if (session) {
      headers.cookie = session.cookie;
      if (r.csrf) headers[CSRF_HEADER] = session.csrf;
    }
    let payload: string | Buffer | undefined;
    if (r.upload) {
      const form = multipart(r.upload);
      payload = form.payload;
      headers['content-type'] = form.contentType;
    } else if (op.method !== 'GET' && r.raw !== undefined) {
      payload = r.raw;
      headers['content-type'] = 'application/json';
    } else if (r.body !== undefined) {
      payload = JSON.stringify(r.body);
      headers['content-type'] = 'application/json';
    }
    let res: LightMyRequestResponse;
    try {
      res = await ctx.app.inject({
        method: op.method as 'GET',
        url,
        headers,
        ...(payload !== undefined ? { payload } : {}),
      });
    } catch (error) {
      // The answer broke off (a stream that failed half-way): a browser would get a truncated file.
      requests++;
      failures.push({
        route: op.key,
        caller: r.caller,
        method: op.method,
        url,
        body: typeof payload === 'string' ? payload.slice(0, 500) : '',
        status: 0,
        problem: `the answer broke off: ${error instanceof Error ? error.message : String(error)}`,
        answer: '',
      });
      return;
    }
    requests++;
    perRoute[op.key] = (perRoute[op.key] ?? 0) + 1;
    statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
    const fail = (problem: string) =>
      failures.push({
        route: op.key,
        caller: r.caller,
        method: op.method,
        url,
        body:
          typeof payload === 'string'
            ? payload.slice(0, 500)
            : payload
              ? `<multipart ${payload.length} bytes, file name ${JSON.stringify(r.upload?.name ?? null)}>`
              : '',
        status: res.statusCode,
        problem,
        answer: res.body.slice(0, 500),
      });
    const status = String(res.statusCode);
    if (res.statusCode >= 500) fail(`answered ${res.statusCode}`);
    else if (!(status in op.responses) && !('default' in op.responses))
      fail(`status ${status} is not declared`);
    else if (String(res.headers['content-type'] ?? '').includes('application/json')) {
      const validate = validatorFor(op, status);
      let parsed: unknown;
      try {
        parsed = res.json();
      } catch {
        fail('declares JSON but the body does not parse');
      }
      if (validate && parsed !== undefined && !validate(parsed)) {
        fail(`body does not match the declared schema: ${ajv.errorsText(validate.errors)}`);
      }
    }
    if (res.statusCode < 300) {
      const tokens = await tokensOf(res);
      if (!isSanctioned(op.key, rolesOf(r.caller))) {
        const pathIds = Object.values(r.pathValues)
          .filter((v): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v))
          .map((v) => v.toLowerCase());
        const outside = await outOfScope(r.caller, [...new Set([...tokens.ids, ...pathIds])], tokens.numbers);
        if (outside.length > 0) {
          fail(
            `shows ${outside.length} object(s) outside the caller's scope: ${outside.slice(0, 3).join(', ')}`,
          );
        }
      }
      // Personal data: masked everywhere but where a full number was asked for with a permission and a reason.
      const personal = mayShowPersonalData(op, r)
        ? undefined
        : tokens.texts.find((t) => PERSONAL_IN_TEXT.test(t));
      if (personal !== undefined)
        fail(`shows a full phone number or a stored ciphertext: ${personal.slice(0, 80)}`);
    }
    // Account changes (a disabled caller, ended sessions, a changed password) would blunt the next requests.
    if (res.statusCode === 401 && session) stale.add(r.caller);
    if (res.statusCode === 403 && /PASSWORD_CHANGE_REQUIRED|MFA_ENROLMENT_REQUIRED/.test(res.body))
      stale.add(r.caller);
    if (res.statusCode < 300 && op.method !== 'GET') {
      if (/^\/api\/(me|auth)\b/.test(op.path)) stale.add(r.caller);
      const target = callerById.get(String(r.pathValues.id ?? ''));
      if (op.path.startsWith('/api/users/{id}') && target) stale.add(target);
      if (op.path === '/api/security/end-all-sessions') for (const c of FUZZ_CALLERS) stale.add(c.username);
    }
  }

  for (const op of operations) {
    // Each route's stream of requests follows from the seed and the route alone: --only reproduces it.
    const samples = fc.sample(requestArbitrary(op, pools), {
      seed: (options.seed ^ stringHash(op.key)) >>> 0,
      numRuns: options.runs,
    });
    const concurrency = Math.max(1, options.concurrency ?? 1);
    for (let i = 0; i < samples.length; i += concurrency) {
      await Promise.all(samples.slice(i, i + concurrency).map((r) => send(op, r)));
    }
    // Time moves on between routes, as it does between a user's requests (sessions, lockouts, rate limits).
    ctx.clock.advance(61_000);
    log(
      `${op.key}: ${samples.length} requests, ${failures.filter((f) => f.route === op.key).length} failures`,
    );
  }
  return {
    seed: options.seed,
    runsPerRoute: options.runs,
    requests,
    perRoute,
    statuses,
    failures,
    ms: Date.now() - started,
  };
}

function stringHash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The ids the fixture holds, by kind, for path parameters and id-shaped properties. */
async function idPools(ctx: TestContext): Promise<IdPools> {
  const db = ctx.database.db;
  const ids = async (table: string, limit = 400) =>
    (
      await db.execute<{ id: string }>(
        sql`SELECT id::text AS id FROM ${sql.identifier(table)} ORDER BY id LIMIT ${limit}`,
      )
    ).rows.map((r) => r.id);
  const pools: IdPools = {
    project: await ids('projects'),
    attachment: await ids('attachments'),
    libraryEntry: await ids('project_libraries'),
    user: await ids('users'),
    enterprise: await ids('enterprises'),
    org: await ids('orgs'),
    region: await ids('regions'),
    importJob: await ids('import_jobs'),
    savedView: await ids('saved_views'),
    notification: await ids('notifications'),
  };
  pools.any = Object.values(pools).flat();
  return pools;
}
