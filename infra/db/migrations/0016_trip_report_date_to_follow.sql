-- 0016 a trip report's due date (10 working days after return) may need a calendar year not loaded
-- yet: it is then null, shown as "date to follow", and computed when the calendar changes (a year
-- added, a holiday or adjusted working day set) — as every unreported trip's date is then.
ALTER TABLE trips ALTER COLUMN report_due DROP NOT NULL;
