-- The audit log is append-only: the application never updates or deletes a row, and the
-- database refuses to (defence in depth; on a PostgreSQL server also REVOKE UPDATE, DELETE
-- from the application role, see docs/operations.md).
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- 2026 public holidays and make-up workdays (国务院办公厅 notice of 2025-11-04).
INSERT INTO calendar_days (day, kind, name, source)
SELECT d::date, 'holiday', n, 'https://politics.gmw.cn/2025-11/04/content_38391083.htm'
FROM (VALUES
  ('2026-01-01','元旦'),('2026-01-02','元旦'),('2026-01-03','元旦'),
  ('2026-02-15','春节'),('2026-02-16','春节'),('2026-02-17','春节'),('2026-02-18','春节'),('2026-02-19','春节'),
  ('2026-02-20','春节'),('2026-02-21','春节'),('2026-02-22','春节'),('2026-02-23','春节'),
  ('2026-04-04','清明节'),('2026-04-05','清明节'),('2026-04-06','清明节'),
  ('2026-05-01','劳动节'),('2026-05-02','劳动节'),('2026-05-03','劳动节'),('2026-05-04','劳动节'),('2026-05-05','劳动节'),
  ('2026-06-19','端午节'),('2026-06-20','端午节'),('2026-06-21','端午节'),
  ('2026-09-25','中秋节'),('2026-09-26','中秋节'),('2026-09-27','中秋节'),
  ('2026-10-01','国庆节'),('2026-10-02','国庆节'),('2026-10-03','国庆节'),('2026-10-04','国庆节'),
  ('2026-10-05','国庆节'),('2026-10-06','国庆节'),('2026-10-07','国庆节')
) AS h(d, n);
--> statement-breakpoint
INSERT INTO calendar_days (day, kind, name, source)
SELECT d::date, 'workday', n, 'https://politics.gmw.cn/2025-11/04/content_38391083.htm'
FROM (VALUES ('2026-01-04','元旦调休'),('2026-02-14','春节调休'),('2026-02-28','春节调休'),
  ('2026-05-09','劳动节调休'),('2026-09-20','国庆节调休'),('2026-10-10','国庆节调休')) AS w(d, n);
