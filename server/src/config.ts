import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// The only reader of process.env. Every variable is listed in .env.example.

export const DEFAULT_LOGIN_RATE_LIMIT = 30;

const WEAK_SECRETS = new Set(['changeme', 'secret', 'password', 'groundbreak', 'dev', 'test']);

const booleanFlag = z
  .enum(['0', '1', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true')
  .optional();

const schema = z
  .object({
    GROUNDBREAK_MODE: z.enum(['demo', 'production']).default('demo'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, '必须以 postgres:// 或 postgresql:// 开头')
      .optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    DATABASE_APP_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, '只能包含小写字母、数字和下划线')
      .default('groundbreak_app'),
    LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).optional(),
    EXPORT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
    IMPORT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    SESSION_SECRET: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    CHROMIUM_PATH: z.string().optional(),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
    JOBS_ENABLED: booleanFlag,
    /** Browser journeys only: POST /api/testing/clock moves the app's clock (ignored in production). */
    TEST_CLOCK: booleanFlag,
    ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(20 * 1024 * 1024),
    PROJECT_NUMBER_PREFIX: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{0,7}$/, '只能是大写字母和数字，以字母开头，至多 8 位')
      .default('WJ'),
    AUDIT_HMAC_KEY: z.string().optional(),
    FIELD_ENCRYPTION_KEY: z.string().min(32, '至少 32 个字符').optional(),
    FIELD_CIPHER: z.enum(['aes-256-gcm', 'sm4']).default('aes-256-gcm'),
    BACKUP_PASSPHRASE: z.string().optional(),
    AUDIT_RETENTION_DAYS: z.coerce
      .number()
      .int()
      .min(180, '审计日志至少保留 180 天（等保三级要求留存不少于六个月）')
      .default(365),
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: '应为 http:// 或 https:// 开头的网址' }).optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, '应为 smtp://用户:口令@主机:端口 或 smtps://…')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Groundbreak <noreply@localhost>'),
    NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(8),
    NOTIFY_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(5000),
    STATS_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    TZ: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.GROUNDBREAK_MODE !== 'production') return;
    const secret = env.SESSION_SECRET ?? '';
    if (secret.length < 32 || WEAK_SECRETS.has(secret.toLowerCase()) || new Set(secret).size < 10) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: '生产模式必须设置至少 32 个字符的随机 SESSION_SECRET（例如 `openssl rand -base64 48`）',
      });
    }
    const auditKey = env.AUDIT_HMAC_KEY ?? '';
    if (auditKey.length < 32 || new Set(auditKey).size < 10) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUDIT_HMAC_KEY'],
        message:
          '生产模式必须设置至少 32 个字符的随机 AUDIT_HMAC_KEY（审计日志防篡改链的密钥，例如 `openssl rand -base64 48`），并与备份分开保管',
      });
    }
    const fieldKey = env.FIELD_ENCRYPTION_KEY ?? '';
    if (fieldKey.length < 32 || new Set(fieldKey).size < 10) {
      ctx.addIssue({
        code: 'custom',
        path: ['FIELD_ENCRYPTION_KEY'],
        message:
          '生产模式必须设置至少 32 个字符的随机 FIELD_ENCRYPTION_KEY（个人信息加密密钥，例如 `openssl rand -base64 48`）；丢失它，加密的手机号将无法恢复',
      });
    }
  });

/** Secrets that may come from a file named by `<NAME>_FILE` (a secrets manager's mount) instead. */
const SECRETS_FROM_FILES = ['SESSION_SECRET', 'AUDIT_HMAC_KEY', 'FIELD_ENCRYPTION_KEY'] as const;

function withSecretFiles(env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; problems: string[] } {
  const out = { ...env };
  const problems: string[] = [];
  for (const name of SECRETS_FROM_FILES) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) {
      problems.push(`${name}_FILE: 与 ${name} 只能设置一个`);
      continue;
    }
    try {
      out[name] = fs.readFileSync(file, 'utf8').trim();
    } catch (error) {
      problems.push(
        `${name}_FILE: 无法读取 ${file}（${(error as { code?: string }).code ?? String(error)}）`,
      );
    }
  }
  return { env: out, problems };
}

/** How inbox messages leave the platform (modules/notifications/delivery). */
export type NotificationSettings = {
  /** The address links in outside messages point to (http://HOST:PORT unless PUBLIC_URL is set). */
  publicUrl: string;
  /** The mail server for e-mail channels; without it, e-mail channels cannot be set up. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Attempts in all and the first wait, doubling after each failure [A]. */
  maxAttempts: number;
  retryBaseSeconds: number;
  /** How long one attempt may take. */
  timeoutMs: number;
};

export type Config = {
  mode: 'demo' | 'production';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  statementTimeoutMs: number;
  databaseAppRole: string;
  /** Login attempts per IP and minute; a raised value (tests, bench) is ignored in production mode. */
  loginRateLimitPerMinute: number;
  /** Excel exports and sheet uploads/commits per user and minute (heavy work: 429 past it) [A]. */
  exportRateLimitPerMinute: number;
  importRateLimitPerMinute: number;
  sessionSecret: string | undefined;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  chromiumPath: string | undefined;
  bodyLimitBytes: number;
  jobsEnabled: boolean;
  /** Whether POST /api/testing/clock may move the clock (never in production). */
  testClock: boolean;
  /** Largest attachment accepted, in bytes. */
  attachmentMaxBytes: number;
  /** Prefix of project internal numbers (WJ-2025-0001) [A]. */
  projectNumberPrefix: string;
  /** Key of the audit seal chain; in demo mode a key file in DATA_DIR is made when this is not set. */
  auditHmacKey: string | undefined;
  /** Master key of personal-data encryption and blind indexes; in demo mode a key file in DATA_DIR. */
  fieldEncryptionKey: string | undefined;
  /** What new protected values are written with (both schemes are always read). */
  fieldCipher: 'aes-256-gcm' | 'sm4';
  /** Days the audit log is kept (at least 180) [A]. */
  auditRetentionDays: number;
  /** Encrypts the keys inside a backup archive (`backup`, `restore`); at least 12 characters. */
  backupPassphrase: string | undefined;
  notifications: NotificationSettings;
  /** Seconds a statistics overview is served before it is computed again [A: 60]. */
  statsCacheSeconds: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 (configuration error):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws one ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const secrets = withSecretFiles(env);
  const parsed = schema.safeParse(secrets.env);
  if (!parsed.success || secrets.problems.length > 0) {
    throw new ConfigError([
      ...secrets.problems,
      ...(parsed.error?.issues ?? []).map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
    ]);
  }
  const e = parsed.data;
  return {
    mode: e.GROUNDBREAK_MODE,
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    databaseAppRole: e.DATABASE_APP_ROLE,
    loginRateLimitPerMinute:
      e.GROUNDBREAK_MODE === 'production'
        ? DEFAULT_LOGIN_RATE_LIMIT
        : (e.LOGIN_RATE_LIMIT_PER_MINUTE ?? DEFAULT_LOGIN_RATE_LIMIT),
    exportRateLimitPerMinute: e.EXPORT_RATE_LIMIT_PER_MINUTE,
    importRateLimitPerMinute: e.IMPORT_RATE_LIMIT_PER_MINUTE,
    sessionSecret: e.SESSION_SECRET,
    logLevel: e.LOG_LEVEL,
    chromiumPath: e.CHROMIUM_PATH,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    jobsEnabled: e.JOBS_ENABLED ?? true,
    testClock: e.GROUNDBREAK_MODE !== 'production' && (e.TEST_CLOCK ?? false),
    attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES,
    projectNumberPrefix: e.PROJECT_NUMBER_PREFIX,
    auditHmacKey: e.AUDIT_HMAC_KEY,
    fieldEncryptionKey: e.FIELD_ENCRYPTION_KEY,
    fieldCipher: e.FIELD_CIPHER,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    backupPassphrase: e.BACKUP_PASSPHRASE,
    statsCacheSeconds: e.STATS_CACHE_SECONDS,
    notifications: {
      publicUrl: (
        e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`
      ).replace(/\/+$/, ''),
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM,
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
      retryBaseSeconds: e.NOTIFY_RETRY_BASE_SECONDS,
      timeoutMs: e.NOTIFY_TIMEOUT_MS,
    },
  };
}
