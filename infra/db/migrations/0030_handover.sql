-- 0030 handover continuity 新官理旧账 (issue #14 item 5): when an officer or unit head is disabled or moved, every
-- open item they own passes to a named successor, who acknowledges each one. A handover and its items are written
-- by the handover's grain (keyed by the handover id) only; each item's own change (its owner) is written by the
-- item's owner (the promise grain, the project grain, the demand's transaction) with a Handover.Assigned ledger entry.

-- A promise's owner: the officer who answers for it now. Starts as the promiser; a handover moves it.
ALTER TABLE commitments ADD COLUMN owner_id uuid REFERENCES users (id);
UPDATE commitments SET owner_id = promiser_id;
CREATE INDEX commitments_owner_idx ON commitments (owner_id) WHERE owner_id IS NOT NULL;

CREATE TABLE handovers (
    id            uuid PRIMARY KEY,
    from_user_id  uuid NOT NULL REFERENCES users (id),
    successor_id  uuid NOT NULL REFERENCES users (id) CHECK (successor_id <> from_user_id),
    cause         text NOT NULL CHECK (cause IN ('Disabled', 'Moved')),
    from_unit_id  uuid NOT NULL REFERENCES units (id),    -- the unit the items belong to (leaders see them by it)
    reason        text NOT NULL,
    created_by    uuid NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL,
    completed_at  timestamptz                              -- every item assigned (or closed meanwhile)
);
CREATE INDEX handovers_successor_idx ON handovers (successor_id);
CREATE INDEX handovers_incomplete_idx ON handovers (created_at) WHERE completed_at IS NULL;

-- One open item of a handover. Pending: not moved yet; Assigned: with the successor; Acknowledged: the
-- successor has confirmed it; Closed: closed or no longer the departing user's before it could move.
CREATE TABLE handover_items (
    handover_id      uuid NOT NULL REFERENCES handovers (id),
    kind             text NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    subject_id       uuid NOT NULL,
    label            text NOT NULL,
    status           text NOT NULL DEFAULT 'Pending' CHECK (status IN ('Pending', 'Assigned', 'Acknowledged', 'Closed')),
    assigned_at      timestamptz,
    acknowledged_at  timestamptz,
    PRIMARY KEY (handover_id, kind, subject_id),
    CHECK ((status IN ('Assigned', 'Acknowledged')) = (assigned_at IS NOT NULL)),
    CHECK ((status = 'Acknowledged') = (acknowledged_at IS NOT NULL))
);
CREATE INDEX handover_items_unacknowledged_idx ON handover_items (handover_id) WHERE status = 'Assigned';
