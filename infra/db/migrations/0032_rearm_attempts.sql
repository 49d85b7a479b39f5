-- 0032 a promise whose grain could not be re-armed (its node died mid-call, its row cannot be read by
-- this build) is kept in the queue on its own, counted and retried after a growing wait, instead of
-- holding back the whole batch it was read with: the others are served and deleted.
ALTER TABLE deadline_rearm ADD COLUMN attempts integer NOT NULL DEFAULT 0;
