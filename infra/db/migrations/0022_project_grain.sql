-- 0022 the project grain. A concierge pair can lose an officer: when an officer's account is disabled, each project they
-- served ends its assignment with that reason and the other officer serves alone, so the history
-- keeps the handover and the gap (no A, or no B) shows at once. Hence an assignment may lack its A,
-- but never both.

ALTER TABLE concierge_assignments ALTER COLUMN a_user_id DROP NOT NULL;
ALTER TABLE concierge_assignments ADD CONSTRAINT concierge_someone_serves CHECK (a_user_id IS NOT NULL OR b_user_id IS NOT NULL);

-- A stage change keeps the stage date it moved away from: a rejected change puts the project back to
-- that date too (for a project's first move, out of its lead, no other row holds it). Older rows have none.
ALTER TABLE project_stage_changes ADD COLUMN previous_stage_date date;
