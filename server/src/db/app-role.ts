import type pg from 'pg';

// The application works through a role that does not own the tables: it may read and write business
// tables, but only read and append to the audit log. Migrations run as the owner (the connecting user);
// every pooled connection then does SET ROLE to this role. Roles are cluster-wide, so creation tolerates
// a concurrent creator.

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertRoleName(name: string): string {
  if (!ROLE_NAME.test(name)) throw new Error(`invalid database role name "${name}"`);
  return name;
}

/** Creates the application role if missing and grants it what it needs; idempotent. */
export async function ensureAppRole(client: pg.Client, roleName: string): Promise<void> {
  const role = `"${assertRoleName(roleName)}"`;
  await client.query(`DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${roleName}') THEN
        CREATE ROLE ${role} NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  // A non-superuser owner must be a member to SET ROLE; a superuser may already.
  const { rows } = await client.query<{ member: boolean; superuser: boolean }>(
    `SELECT pg_has_role(current_user, $1, 'MEMBER') AS member,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`,
    [roleName],
  );
  if (!rows[0]?.member && !rows[0]?.superuser) await client.query(`GRANT ${role} TO CURRENT_USER`);
  await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
  await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${role}`);
  await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_seals FROM ${role}`);
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
  await client.query(`GRANT EXECUTE ON FUNCTION audit_purge_before(timestamptz, text) TO ${role}`);
  await client.query(`GRANT USAGE ON SCHEMA drizzle TO ${role}`);
  await client.query(`GRANT SELECT ON drizzle.__drizzle_migrations TO ${role}`);
}
