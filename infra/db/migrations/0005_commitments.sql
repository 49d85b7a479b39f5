-- 0005 commitments: the promises 承诺 the government side makes to investors, the authority limits
-- that decide whether a promise binds at once or waits for approval, the hash-chained append-only
-- ledger of every event of every promise, signed checkpoints of that ledger, the deadline
-- bookkeeping of the sweeper (warnings, lapses), breach alerts for the integrity office, the
-- pre-2018 remediation list, and the outbox of events that leave a transaction.

CREATE TABLE authority_limits (
    id           uuid PRIMARY KEY,
    unit_id      uuid NOT NULL REFERENCES units (id),
    role         text NOT NULL,
    kind         text NOT NULL,
    max_value    numeric(18,2),            -- NULL: any value of that kind
    updated_at   timestamptz NOT NULL,
    UNIQUE (unit_id, role, kind)
);

CREATE TABLE commitments (
    id                 uuid PRIMARY KEY,
    project_id         uuid NOT NULL REFERENCES projects (id),
    investor_id        uuid NOT NULL REFERENCES investors (id),
    unit_id            uuid NOT NULL REFERENCES units (id),
    kind               text NOT NULL,
    clause             text NOT NULL,
    value_cny          numeric(18,2) CHECK (value_cny >= 0),
    zone_id            uuid REFERENCES zones (id),
    resource           text,
    amount             numeric(14,2) CHECK (amount > 0),
    made_on            date NOT NULL,
    due_date           date NOT NULL,
    lapse_at           timestamptz NOT NULL,    -- end of the due date in Asia/Shanghai
    promiser_id        uuid REFERENCES users (id),
    promiser_name      text NOT NULL,
    policy_title       text,
    policy_number      text,
    contract_ref       text,
    status             text NOT NULL,
    pending_reason     text,
    fulfilled_share    numeric(5,2),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    version            integer NOT NULL DEFAULT 1,
    CONSTRAINT commitments_status CHECK (status IN ('PendingApproval', 'Rejected', 'Open', 'InProgress', 'PartlyFulfilled', 'Extended', 'Fulfilled', 'Cancelled', 'Lapsed'))
);
CREATE INDEX commitments_due_idx ON commitments (lapse_at) WHERE status IN ('Open', 'InProgress', 'PartlyFulfilled', 'Extended');
CREATE INDEX commitments_project_idx ON commitments (project_id);
CREATE INDEX commitments_unit_idx ON commitments (unit_id, status);
CREATE INDEX commitments_pending_idx ON commitments (status) WHERE status = 'PendingApproval';

-- The ledger: one row per event, hash = SHA-256(prev_hash ‖ canonical bytes of the row's fields).
-- The state is kept as the exact JSON text that was hashed. Never changed.
CREATE TABLE commitment_ledger (
    seq            bigint PRIMARY KEY,
    commitment_id  uuid NOT NULL,
    event          text NOT NULL,
    actor          text NOT NULL,
    at             timestamptz NOT NULL,
    reason         text,
    state          text NOT NULL,
    prev_hash      bytea NOT NULL,
    hash           bytea NOT NULL
);
CREATE INDEX commitment_ledger_commitment_idx ON commitment_ledger (commitment_id, seq);
CREATE TRIGGER commitment_ledger_append_only BEFORE UPDATE OR DELETE ON commitment_ledger
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER commitment_ledger_no_truncate BEFORE TRUNCATE ON commitment_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON commitment_ledger FROM invest_app;

CREATE TABLE ledger_checkpoints (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    size        bigint NOT NULL,
    head_hash   bytea NOT NULL,
    signature   bytea NOT NULL,               -- HMAC-SHA256 with the server key over size ‖ head hash
    at          timestamptz NOT NULL
);
REVOKE UPDATE, DELETE, TRUNCATE ON ledger_checkpoints FROM invest_app;

-- Exactly once: a warning per promise and threshold, a lapse per promise and due date.
CREATE TABLE commitment_warnings (
    commitment_id  uuid NOT NULL REFERENCES commitments (id),
    due_date       date NOT NULL,
    days_before    integer NOT NULL,
    sent_at        timestamptz NOT NULL,
    PRIMARY KEY (commitment_id, due_date, days_before)
);

CREATE TABLE breach_alerts (
    id              uuid PRIMARY KEY,
    commitment_id   uuid NOT NULL REFERENCES commitments (id),
    due_date        date NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('Breach', 'RemediationOverdue')),
    raised_at       timestamptz NOT NULL,
    status          text NOT NULL DEFAULT 'New' CHECK (status IN ('New', 'Confirmed', 'Dismissed')),
    dismiss_reason  text,
    triaged_by      uuid REFERENCES users (id),
    triaged_at      timestamptz,
    version         integer NOT NULL DEFAULT 1,
    UNIQUE (commitment_id, due_date, kind)
);
CREATE INDEX breach_alerts_status_idx ON breach_alerts (status, raised_at DESC);

-- 历史遗留未兑现承诺清单: promises made before 2018-01-01 and still unfulfilled.
CREATE TABLE remediation_items (
    commitment_id      uuid PRIMARY KEY REFERENCES commitments (id),
    joined_at          timestamptz NOT NULL,
    study_notes        text,
    plan               text,
    responsible_unit   uuid REFERENCES units (id),
    deadline           date,
    status             text NOT NULL DEFAULT 'Open' CHECK (status IN ('Open', 'SignedOff')),
    signed_off_at      timestamptz,
    signed_off_by      uuid REFERENCES users (id),
    evidence           text,
    version            integer NOT NULL DEFAULT 1
);

CREATE TABLE outbox (
    id            uuid PRIMARY KEY,
    type          text NOT NULL,
    payload       jsonb NOT NULL,
    created_at    timestamptz NOT NULL,
    processed_at  timestamptz
);
CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE processed_at IS NULL;

CREATE TABLE notifications (
    id            uuid PRIMARY KEY,
    user_id       uuid NOT NULL REFERENCES users (id),
    event_id      uuid NOT NULL,
    title         text NOT NULL,
    link          text,
    created_at    timestamptz NOT NULL,
    read_at       timestamptz,
    UNIQUE (user_id, event_id)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

ALTER TABLE reservations ADD CONSTRAINT reservations_commitment_fk FOREIGN KEY (commitment_id) REFERENCES commitments (id);
