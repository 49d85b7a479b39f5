-- 0029 fair-competition review 公平竞争审查 (issue #14 item 4). Since the Fair Competition Review Regulation
-- (State Council, in force 2024-08-01) a measure favouring a specific firm — tax preferences, selective awards or
-- subsidies, fee, factor-price or land concessions — must be reviewed before it is adopted. An admin keeps the
-- list of rules that flag such promises and names the unit that reviews them; a flagged promise waits for that
-- unit's opinion before it binds. The review state lives on the promise's row: its grain is the one writer.

CREATE TABLE fair_competition_rules (
    id          uuid PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    -- The commitment kinds the rule covers (at least one), stored by name like commitments.kind.
    kinds       text[] NOT NULL CHECK (cardinality(kinds) >= 1),
    -- Words looked for in the clause; none: every promise of the kinds matches.
    keywords    text[] NOT NULL DEFAULT '{}',
    legal_basis text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 500),
    active      boolean NOT NULL DEFAULT true,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- One row: the unit whose users record review opinions (none named: flagged promises wait until one is).
CREATE TABLE fair_competition_settings (
    only_row          boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    reviewing_unit_id uuid REFERENCES units (id),
    updated_at        timestamptz NOT NULL,
    updated_by        uuid REFERENCES users (id)
);

-- Pending: flagged at recording, no opinion yet; Passed / Refused: the reviewing unit's opinion.
ALTER TABLE commitments
    ADD COLUMN fair_review          text CHECK (fair_review IN ('Pending', 'Passed', 'Refused')),
    ADD COLUMN fair_review_rules    jsonb,   -- the rules that matched at recording, as they read then
    ADD COLUMN fair_review_opinion  text,
    ADD COLUMN fair_reviewer_id     uuid REFERENCES users (id),
    ADD COLUMN fair_reviewer_name   text,
    ADD COLUMN fair_reviewed_at     timestamptz,
    ADD CONSTRAINT commitments_fair_review_opinion CHECK (fair_review_opinion IS NULL OR fair_review IN ('Passed', 'Refused'));
CREATE INDEX commitments_fair_review_pending_idx ON commitments (made_on) WHERE fair_review = 'Pending';
