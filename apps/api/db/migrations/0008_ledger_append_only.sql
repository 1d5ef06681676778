-- The payment ledger and the order history are append-only, like the audit log and case events.
CREATE OR REPLACE FUNCTION payments_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER payment_ledger_no_update BEFORE UPDATE OR DELETE ON payment_ledger
  FOR EACH ROW EXECUTE FUNCTION payments_refuse_change();
--> statement-breakpoint
CREATE TRIGGER payment_ledger_no_truncate BEFORE TRUNCATE ON payment_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION payments_refuse_change();
--> statement-breakpoint
CREATE TRIGGER payment_order_events_no_update BEFORE UPDATE OR DELETE ON payment_order_events
  FOR EACH ROW EXECUTE FUNCTION payments_refuse_change();
--> statement-breakpoint
-- Order numbers: P + date + running number; document numbers likewise.
CREATE SEQUENCE IF NOT EXISTS payment_order_seq;
--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS issued_document_seq;
