-- 0013 a promise queued for re-arming because the working-day calendar changed waits until every
-- node's cached calendar (kept up to 30 s) has the change, so its grain — on whichever node it lives —
-- computes its warnings on the new calendar. Other rows are served at once (not_before = now()).
ALTER TABLE deadline_rearm ADD COLUMN not_before timestamptz NOT NULL DEFAULT now();
CREATE INDEX deadline_rearm_due_idx ON deadline_rearm (not_before);
