import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config';
import { databaseDown } from '../plugins/errors';
import { openRuntime } from '../runtime';
import { adminQuery, uniqueName, withDatabase } from '../testing/test-database';
import { countMigrations, createDatabase, DatabaseCheckError, runMigrations } from './database';

const quiet = {
  info: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
  error: () => undefined,
};

describe('external database checks', () => {
  const info = inject('testDatabase');
  const created: string[] = [];
  afterAll(async () => {
    for (const name of created)
      await adminQuery(info.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('refuses a database whose LC_CTYPE is C, saying why and how to fix it', async () => {
    const name = uniqueName('gb_cctype');
    created.push(name);
    await adminQuery(
      info.adminUrl,
      `CREATE DATABASE ${name} ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`,
    );
    const config = loadConfig({ DATABASE_URL: withDatabase(info.adminUrl, name), LOG_LEVEL: 'silent' });
    const attempt = openRuntime(config, quiet, 'serve', 'serve', { migrate: true });
    await expect(attempt).rejects.toThrow(DatabaseCheckError);
    await expect(openRuntime(config, quiet, 'serve', 'serve', { migrate: true })).rejects.toThrow(
      /LC_CTYPE 为 C.*中文/,
    );
  });

  it('accepts a C.UTF-8 database and migrates it idempotently', async () => {
    const name = uniqueName('gb_utf8');
    created.push(name);
    await adminQuery(
      info.adminUrl,
      `CREATE DATABASE ${name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`,
    );
    const url = withDatabase(info.adminUrl, name);
    const runtime = await openRuntime(loadConfig({ DATABASE_URL: url }), quiet, 'serve', 'serve', {
      migrate: true,
    });
    try {
      expect(runtime.facts.ctype).toBe('C.UTF-8');
      const first = await runMigrations(url, 'groundbreak_app');
      const second = await runMigrations(url, 'groundbreak_app');
      expect(second).toBe(first);
      expect(await countMigrations(runtime.database.pool)).toBe(first);
    } finally {
      await runtime.close();
    }
  });

  it('applies a statement timeout to pooled connections', async () => {
    const name = uniqueName('gb_timeout');
    created.push(name);
    await adminQuery(info.adminUrl, `CREATE DATABASE ${name} TEMPLATE ${info.template}`);
    const db = createDatabase(withDatabase(info.adminUrl, name), info.kind, {
      max: 1,
      statementTimeoutMs: 200,
      onError: () => undefined,
    });
    try {
      await expect(db.pool.query('SELECT pg_sleep(2)')).rejects.toThrow(/statement timeout/);
    } finally {
      await db.close();
    }
  });

  it('survives a connection lost in the middle of a transaction, and the next statement fails as unreachable', async () => {
    const name = uniqueName('gb_lost');
    created.push(name);
    await adminQuery(info.adminUrl, `CREATE DATABASE ${name} TEMPLATE ${info.template}`);
    const errors: string[] = [];
    const db = createDatabase(withDatabase(info.adminUrl, name), info.kind, {
      max: 2,
      statementTimeoutMs: 5000,
      onError: (error) => errors.push(error.message),
    });
    try {
      const client = await db.pool.connect();
      await client.query('BEGIN');
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // What a server shutdown does to every backend: the client is between two statements, checked out.
      await adminQuery(withDatabase(info.adminUrl, name), `SELECT pg_terminate_backend(${rows[0]?.pid})`);
      await expect.poll(() => errors.length).toBeGreaterThan(0);
      expect(errors[0]).toMatch(/terminating connection/);
      const next = await client.query('SELECT 1').catch((error: unknown) => error);
      expect(databaseDown(next)).toBe(true);
      client.release(true);
      expect((await db.pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    } finally {
      await db.close();
    }
  });
});
