import crypto from 'node:crypto';
import pg from 'pg';

// Test databases: the global setup prepares one migrated template per run; every test file copies it
// (CREATE DATABASE … TEMPLATE is a file copy, far faster than migrating again).

/** The application role in tests (the production default name, created once per cluster). */
export const TEST_APP_ROLE = 'groundbreak_app';

export type TestDatabaseInfo = { adminUrl: string; template: string; kind: 'embedded' | 'external' };

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseInfo;
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
}

/** A fresh database copied from the migrated template; returns its URL and a function dropping it. */
export async function createDatabaseFromTemplate(
  info: TestDatabaseInfo,
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = uniqueName('gb_test');
  await adminQuery(info.adminUrl, `CREATE DATABASE ${name} TEMPLATE ${info.template}`);
  return {
    url: withDatabase(info.adminUrl, name),
    name,
    drop: () => adminQuery(info.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
