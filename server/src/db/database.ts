import path from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { assertRoleName, ensureAppRole } from './app-role';
import * as schema from './schema/index';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;

export type DatabaseKind = 'embedded' | 'external';

export type Database = {
  kind: DatabaseKind;
  pool: pg.Pool;
  db: Db;
  /** host:port/name, never credentials. */
  address: string;
  close(): Promise<void>;
};

export type PoolOptions = {
  max: number;
  statementTimeoutMs: number;
  onError(error: Error): void;
  /** The non-owner role every connection switches to (SET ROLE); none for admin tooling. */
  appRole?: string | undefined;
};

export const MIGRATIONS_FOLDER = path.join(import.meta.dirname, 'migrations');

/** Migrations are serialised across processes (app and CLI) with this advisory lock key. */
const MIGRATION_LOCK_KEY = 7_246_001;

export class DatabaseCheckError extends Error {
  override name = 'DatabaseCheckError';
}

export function describeAddress(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

export function createDatabase(url: string, kind: DatabaseKind, options: PoolOptions): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    statement_timeout: options.statementTimeoutMs,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    application_name: 'groundbreak',
    // The role is part of the connection's start-up: a connection that cannot take it fails, instead of
    // silently working as the table owner. JIT off: compiling the statistics' aggregate (dozens of FILTER
    // expressions) took 3 of its 4 seconds on a province, and no statement here runs long enough to win
    // the compile time back.
    options: ['-c jit=off', ...(options.appRole ? [`-c role=${assertRoleName(options.appRole)}`] : [])].join(
      ' ',
    ),
  });
  // Without these listeners a lost connection crashes the process: the pool's covers an idle client; a
  // checked-out client (a transaction between two statements, a job holding its lock) emits on itself
  // when the server goes away — e.g. "terminating connection due to administrator command" at shutdown.
  // Its next query then fails ("not queryable"), which the error handler answers with 503.
  pool.on('error', options.onError);
  pool.on('connect', (client) => client.on('error', options.onError));
  return {
    kind,
    pool,
    db: drizzle(pool, { schema, casing: 'snake_case' }),
    address: describeAddress(url),
    close: () => pool.end(),
  };
}

export type ServerFacts = {
  versionNum: number;
  version: string;
  encoding: string;
  ctype: string;
  name: string;
};

export async function readServerFacts(pool: pg.Pool | pg.Client): Promise<ServerFacts> {
  const { rows } = await pool.query<{
    version_num: string;
    version: string;
    encoding: string;
    ctype: string;
    name: string;
  }>(
    `SELECT current_setting('server_version_num') AS version_num,
            current_setting('server_version') AS version,
            pg_encoding_to_char(encoding) AS encoding,
            datctype AS ctype,
            datname AS name
       FROM pg_database WHERE datname = current_database()`,
  );
  const row = rows[0];
  if (!row) throw new DatabaseCheckError('无法读取当前数据库信息');
  return {
    versionNum: Number(row.version_num),
    version: row.version,
    encoding: row.encoding,
    ctype: row.ctype,
    name: row.name,
  };
}

/**
 * Refuses a database the app cannot work correctly on: PostgreSQL older than 15, a non-UTF8 encoding,
 * or a C/POSIX ctype (under which pg_trgm extracts no trigrams from Chinese text, so search breaks).
 */
export function checkServerFacts(facts: ServerFacts): void {
  const problems: string[] = [];
  if (facts.versionNum < 150000) problems.push(`PostgreSQL 版本 ${facts.version} 过低，需要 15 或更高`);
  if (facts.encoding !== 'UTF8') problems.push(`数据库编码为 ${facts.encoding}，需要 UTF8`);
  if (/^(C|POSIX)$/i.test(facts.ctype)) {
    problems.push(
      `数据库 "${facts.name}" 的 LC_CTYPE 为 ${facts.ctype}：中文全文检索无法工作。` +
        `请用 CREATE DATABASE … ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0 重新创建数据库`,
    );
  }
  if (problems.length > 0) throw new DatabaseCheckError(problems.join('；'));
}

/** Reads the server facts over a short-lived connection (before the pool exists). */
export async function readServerFactsAt(url: string): Promise<ServerFacts> {
  const client = new pg.Client({ connectionString: url, application_name: 'groundbreak-check' });
  await client.connect();
  try {
    return await readServerFacts(client);
  } finally {
    await client.end();
  }
}

/**
 * Applies pending drizzle-kit migrations under an advisory lock, then (re)grants the application role;
 * returns how many migrations are applied in all.
 */
export async function runMigrations(url: string, appRole: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, application_name: 'groundbreak-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
      await ensureAppRole(client, appRole);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
    return await countMigrations(client);
  } finally {
    await client.end();
  }
}

export async function countMigrations(client: pg.Pool | pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM drizzle.__drizzle_migrations`,
  );
  return Number(rows[0]?.n ?? 0);
}
