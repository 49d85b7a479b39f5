-- 0012 promises and zones become grains (issue 11).
--
-- Holds: a binding promise of land, space or power takes its capacity at the zone's grain as a
-- 'Held' reservation before the promise commits, and the promise confirms it ('Reserved') after.
-- A hold nobody confirmed expires at hold_expires_at and the zone settles it by asking the promise.
-- One active reservation per promise makes the hold idempotent by the promise's id. A hold is taken
-- before its promise's row exists (the promise commits second), so the reference to the promise is
-- no longer a foreign key: the zone's settlement of unconfirmed holds is what keeps them consistent.
ALTER TABLE reservations DROP CONSTRAINT reservations_status_check;
ALTER TABLE reservations ADD CONSTRAINT reservations_status_check CHECK (status IN ('Held', 'Intended', 'Reserved', 'Released'));
ALTER TABLE reservations ADD COLUMN hold_expires_at timestamptz;
ALTER TABLE reservations DROP CONSTRAINT reservations_commitment_fk;
CREATE UNIQUE INDEX reservations_one_active_per_promise ON reservations (commitment_id)
    WHERE commitment_id IS NOT NULL AND status <> 'Released';
CREATE INDEX reservations_held_idx ON reservations (zone_id, hold_expires_at) WHERE status = 'Held';

-- Promises whose deadlines moved under their grain (written by something other than the grain: an
-- upgrade, a bulk import, a remediation plan, a calendar edit). Every node's re-arming reader takes
-- rows (SKIP LOCKED), has each promise's grain re-read its deadlines and set its reminder, and
-- deletes them in the same transaction: a node that dies mid-way leaves its rows to the others.
CREATE TABLE deadline_rearm (
    commitment_id  uuid PRIMARY KEY REFERENCES commitments (id),
    queued_at      timestamptz NOT NULL
);

-- The upgrade: every promise still running, and every open list item with a remediation deadline,
-- gets its reminder from its grain. The deadline sweeper these replace is gone with this version.
INSERT INTO deadline_rearm (commitment_id, queued_at)
SELECT id, now() FROM commitments WHERE status IN ('Open', 'InProgress', 'PartlyFulfilled', 'Extended')
UNION
SELECT commitment_id, now() FROM remediation_items WHERE status = 'Open' AND deadline IS NOT NULL
ON CONFLICT DO NOTHING;
