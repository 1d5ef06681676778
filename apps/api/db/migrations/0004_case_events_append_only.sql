-- A case's event log is append-only, like the audit log: its status is derived from it.
CREATE OR REPLACE FUNCTION case_events_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION case_events_refuse_change();
--> statement-breakpoint
-- Catalog versions are never rewritten: a case keeps the version it started with.
CREATE OR REPLACE FUNCTION catalog_versions_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'catalog_versions are immutable (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER catalog_versions_no_update BEFORE UPDATE OR DELETE ON catalog_versions
  FOR EACH ROW EXECUTE FUNCTION catalog_versions_refuse_change();
--> statement-breakpoint
-- Case numbers: C + submission date + a 6-digit running number.
CREATE SEQUENCE IF NOT EXISTS case_number_seq;
