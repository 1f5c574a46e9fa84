-- A re-created function is executable by PUBLIC again: only the application role (granted in app-role.ts)
-- and the owner may purge the audit log.
REVOKE EXECUTE ON FUNCTION audit_purge_before(timestamptz, text) FROM PUBLIC;
