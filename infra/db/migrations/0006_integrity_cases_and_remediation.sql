-- 0006 integrity cases, amendments and the remediation workflow.
-- A confirmed breach alert becomes a case the integrity office runs to an accountability outcome
-- (investigator, responsible persons, rectification actions, the 30-day result report, closure).
-- Amendments that widen a promise beyond its promiser's authority wait here for approval. The
-- pre-2018 remediation list gets its progress updates and escalation bookkeeping. Every event of
-- all of these is also written to the commitment ledger by the application.

-- The head of a unit is warned with the promiser and the concierge pair before a promise falls due.
ALTER TABLE units ADD COLUMN head_user_id uuid REFERENCES users (id);

CREATE TABLE integrity_cases (
    id               uuid PRIMARY KEY,
    number           text NOT NULL UNIQUE,            -- 失信-2026-0001
    alert_id         uuid NOT NULL UNIQUE REFERENCES breach_alerts (id),
    commitment_id    uuid NOT NULL REFERENCES commitments (id),
    unit_id          uuid NOT NULL REFERENCES units (id),   -- the promising unit, for filters and figures
    opened_at        timestamptz NOT NULL,
    opened_by        uuid NOT NULL REFERENCES users (id),
    investigator_id  uuid REFERENCES users (id),
    result_due       date NOT NULL,                   -- the 30-day result report deadline (Beijing date)
    outcome          text CHECK (outcome IN ('CriticismEducation', 'WrittenInquiry', 'AdmonishmentTalk', 'NoticeOrTransfer', 'DisciplinaryAction', 'NoLiability')),
    outcome_note     text,
    outcome_at       timestamptz,
    status           text NOT NULL DEFAULT 'Investigating' CHECK (status IN ('Investigating', 'Rectifying', 'Closed')),
    closed_at        timestamptz,
    closing_note     text,
    version          integer NOT NULL DEFAULT 1
);
CREATE INDEX integrity_cases_open_idx ON integrity_cases (status, result_due);
CREATE INDEX integrity_cases_unit_idx ON integrity_cases (unit_id, opened_at);

CREATE TABLE case_number_sequences (
    year     integer PRIMARY KEY,
    last     integer NOT NULL
);

CREATE TABLE case_responsible_persons (
    id           uuid PRIMARY KEY,
    case_id      uuid NOT NULL REFERENCES integrity_cases (id),
    name         text NOT NULL,
    position     text NOT NULL,
    unit_name    text NOT NULL,
    responsibility text NOT NULL CHECK (responsibility IN ('Direct', 'Leadership', 'Supervisory')),
    added_at     timestamptz NOT NULL
);
CREATE INDEX case_responsible_persons_case_idx ON case_responsible_persons (case_id);

CREATE TABLE case_rectifications (
    id           uuid PRIMARY KEY,
    case_id      uuid NOT NULL REFERENCES integrity_cases (id),
    action       text NOT NULL,
    due_date     date NOT NULL,
    added_at     timestamptz NOT NULL,
    done_at      timestamptz,
    done_note    text,
    version      integer NOT NULL DEFAULT 1
);
CREATE INDEX case_rectifications_case_idx ON case_rectifications (case_id);

-- Amendments of a promise's terms. One that stays within the promiser's authority applies at once
-- (status Applied); one that widens the promise beyond it waits for a leader (Pending).
CREATE TABLE commitment_amendments (
    id             uuid PRIMARY KEY,
    commitment_id  uuid NOT NULL REFERENCES commitments (id),
    clause         text NOT NULL,
    value_cny      numeric(18,2) CHECK (value_cny >= 0),
    policy_title   text,
    policy_number  text,
    contract_ref   text,
    reason         text NOT NULL,
    widens         boolean NOT NULL,
    pending_reason text,
    status         text NOT NULL CHECK (status IN ('Pending', 'Applied', 'Rejected')),
    requested_by   uuid NOT NULL REFERENCES users (id),
    requested_at   timestamptz NOT NULL,
    reviewed_by    uuid REFERENCES users (id),
    reviewed_at    timestamptz,
    opinion        text,
    version        integer NOT NULL DEFAULT 1
);
CREATE INDEX commitment_amendments_commitment_idx ON commitment_amendments (commitment_id, requested_at);
-- At most one amendment waiting per promise: a second one would be judged against stale terms.
CREATE UNIQUE INDEX commitment_amendments_one_pending ON commitment_amendments (commitment_id) WHERE status = 'Pending';

-- The remediation list: where the item came from, and its progress notes.
ALTER TABLE remediation_items ADD COLUMN source text NOT NULL DEFAULT 'Lapsed' CHECK (source IN ('Lapsed', 'Recorded', 'Imported'));
ALTER TABLE remediation_items ADD COLUMN progress_percent integer NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100);
CREATE INDEX remediation_items_deadline_idx ON remediation_items (deadline) WHERE status = 'Open';

CREATE TABLE remediation_updates (
    id              uuid PRIMARY KEY,
    commitment_id   uuid NOT NULL REFERENCES remediation_items (commitment_id),
    at              timestamptz NOT NULL,
    by_user         uuid NOT NULL REFERENCES users (id),
    note            text NOT NULL,
    progress_percent integer NOT NULL CHECK (progress_percent BETWEEN 0 AND 100)
);
CREATE INDEX remediation_updates_item_idx ON remediation_updates (commitment_id, at);
REVOKE UPDATE, DELETE, TRUNCATE ON remediation_updates FROM invest_app;

-- Figures and filters read alerts by the promise's unit and period.
CREATE INDEX breach_alerts_raised_idx ON breach_alerts (raised_at);
CREATE INDEX commitments_made_idx ON commitments (made_on);
