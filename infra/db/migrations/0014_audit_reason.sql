-- 0014 why an action was refused, as coded text (a string-table key and its arguments), so the audit
-- log and the admin's home say why in the reader's language. Rows written before it have none.
ALTER TABLE audit_log ADD COLUMN reason text;
