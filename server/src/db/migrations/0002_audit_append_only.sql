-- The audit log is append-only. The application connects through a role that does not own the table and
-- holds only SELECT and INSERT on it (see server/src/db/app-role.ts); this trigger also refuses UPDATE,
-- DELETE and TRUNCATE for everyone else, the owner included, except inside audit_purge_before().
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('groundbreak.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- The only deletion path: rows older than the cutoff go, and an anchor row records what went. It runs with
-- its owner's rights (SECURITY DEFINER); the application role may execute it but cannot set the purge flag
-- to any effect on its own, because it lacks DELETE on the table.
CREATE FUNCTION audit_purge_before(cutoff timestamptz, purged_by text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  removed integer;
BEGIN
  PERFORM set_config('groundbreak.audit_purge', 'on', true);
  DELETE FROM audit_log WHERE at < cutoff;
  GET DIAGNOSTICS removed = ROW_COUNT;
  PERFORM set_config('groundbreak.audit_purge', 'off', true);
  INSERT INTO audit_log (id, at, username, action, object_type, result, summary)
  VALUES (gen_random_uuid(), now(), purged_by, 'audit.retention', 'audit_log', 'success',
          jsonb_build_object('removedRows', removed, 'before', cutoff));
  RETURN removed;
END;
$$;
