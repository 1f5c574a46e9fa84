-- The seal table is append-only like the audit log: the same trigger function refuses UPDATE, DELETE and
-- TRUNCATE to everyone, the owner included, except inside the retention function.
CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- Retention with the chain intact. Only a sealed prefix of the chain goes: the seals up to (not including)
-- the first seal of a row dated (`at`) at or after the cutoff, with their rows. The anchor row records the
-- last removed seal's number and MAC; the chain's first remaining seal continues from that MAC, and the
-- anchor is sealed like any row. Nothing younger than 180 days can be purged, whatever the caller asks.
DROP FUNCTION IF EXISTS audit_purge_before(timestamptz, text);
--> statement-breakpoint
CREATE FUNCTION audit_purge_before(cutoff timestamptz, purged_by text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  last_seq bigint;
  last_mac text;
  removed integer;
BEGIN
  IF cutoff > now() - interval '180 days' THEN
    RAISE EXCEPTION 'audit retention: rows younger than 180 days are kept (cutoff %)', cutoff
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT coalesce(min(s.seq), (SELECT max(seq) + 1 FROM audit_seals)) - 1 INTO last_seq
    FROM audit_seals s JOIN audit_log a ON a.id = s.audit_id
   WHERE a.at >= cutoff;
  IF last_seq IS NULL OR last_seq < (SELECT min(seq) FROM audit_seals) THEN
    RETURN 0;
  END IF;
  SELECT mac INTO last_mac FROM audit_seals WHERE seq = last_seq;
  PERFORM set_config('groundbreak.audit_purge', 'on', true);
  DELETE FROM audit_log WHERE id IN (SELECT audit_id FROM audit_seals WHERE seq <= last_seq);
  GET DIAGNOSTICS removed = ROW_COUNT;
  DELETE FROM audit_seals WHERE seq <= last_seq;
  PERFORM set_config('groundbreak.audit_purge', 'off', true);
  INSERT INTO audit_log (id, at, username, action, object_type, result, summary)
  VALUES (gen_random_uuid(), now(), purged_by, 'audit.retention', 'audit_log', 'success',
          jsonb_build_object('removedRows', removed, 'before', cutoff, 'lastSeq', last_seq, 'lastMac', last_mac));
  RETURN removed;
END;
$$;
