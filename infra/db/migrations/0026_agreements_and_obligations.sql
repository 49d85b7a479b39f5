-- 0026 investment agreements 投资协议 and the investor's obligations 企业履约义务 (issue #14). An agreement belongs to
-- a project; its clauses bind both sides: the government's are the promises (commitments.agreement_id), the
-- investor's are the obligations below. Each agreement is owned by its grain (single writer of these rows); every
-- change is a ledger entry under the agreement's or the obligation's id.

CREATE TABLE agreements (
    id                   uuid PRIMARY KEY,
    project_id           uuid NOT NULL REFERENCES projects (id),
    investor_id          uuid NOT NULL REFERENCES investors (id),
    unit_id              uuid NOT NULL REFERENCES units (id),       -- the government party (often a park committee)
    number               text NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 60),
    title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    government_signatory text NOT NULL CHECK (length(government_signatory) BETWEEN 1 AND 100),
    investor_signatory   text NOT NULL CHECK (length(investor_signatory) BETWEEN 1 AND 100),
    signed_on            date NOT NULL,
    -- A conditional promise falls due this many working days after its last condition is met.
    condition_payment_days integer NOT NULL DEFAULT 30 CHECK (condition_payment_days BETWEEN 1 AND 365),
    file_name            text,
    file_type            text,
    file_content         bytea CHECK (file_content IS NULL OR length(file_content) <= 10485760),
    owner_id             uuid NOT NULL REFERENCES users (id),       -- the officer who keeps it (handover moves it)
    created_by           uuid NOT NULL REFERENCES users (id),
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    version              integer NOT NULL DEFAULT 1
);
CREATE INDEX agreements_project_idx ON agreements (project_id);
CREATE INDEX agreements_owner_idx ON agreements (owner_id);

-- Kinds: StartOfConstruction and Production are milestones met by the project's stage date (no target); the others
-- have a target in their unit. FixedAssetInvestment is measured from the project's investment in place 到资; the
-- rest are entered with evidence. Status: Open → Met (by the due date) | Missed (due date ended unmet: a default
-- opens, with a cure period in working days, then the remedy the agreement names) → Cured (met later). What the
-- default did (notice, remedy, amounts recovered) is the default's own record, not the obligation's.
CREATE TABLE obligations (
    id            uuid PRIMARY KEY,
    agreement_id  uuid NOT NULL REFERENCES agreements (id),
    kind          text NOT NULL CHECK (kind IN ('StartOfConstruction', 'Production', 'FixedAssetInvestment', 'RegisteredCapital',
                                                'TaxPerMu', 'AnnualOutput', 'Jobs', 'RnDSpending', 'Other')),
    description   text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
    target        numeric(18,2) CHECK (target > 0),
    unit          text,                                             -- 万元, 万元/亩/年, 人 … (free text for Other)
    due_date      date NOT NULL,
    progress      numeric(18,2),                                    -- latest measured or entered value
    reached_on    date,                                             -- milestones: the stage date
    status        text NOT NULL DEFAULT 'Open' CHECK (status IN ('Open', 'Met', 'Missed', 'Cured')),
    met_on        date,                                             -- Met or Cured: the day the target was reached
    cure_days     integer NOT NULL DEFAULT 30 CHECK (cure_days BETWEEN 1 AND 365),   -- working days after the notice
    remedy        text NOT NULL CHECK (remedy IN ('RecoverSubsidy', 'ReduceRebate', 'TakeBackIdleLand', 'LiquidatedDamages')),
    remedy_amount numeric(18,2) CHECK (remedy_amount >= 0),         -- CNY to recover / damages, when the agreement fixes it
    owner_id      uuid NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       integer NOT NULL DEFAULT 1,
    CONSTRAINT obligations_met_has_date CHECK ((status IN ('Met', 'Cured')) = (met_on IS NOT NULL))
);
CREATE INDEX obligations_agreement_idx ON obligations (agreement_id);
CREATE INDEX obligations_open_idx ON obligations (due_date) WHERE status = 'Open';
CREATE INDEX obligations_owner_idx ON obligations (owner_id) WHERE status IN ('Open', 'Missed');

-- Every progress figure with its evidence (a statement, a tax certificate, photos): entered by an officer, or read
-- from the project's own records (source 'Project').
CREATE TABLE obligation_progress (
    id             uuid PRIMARY KEY,
    obligation_id  uuid NOT NULL REFERENCES obligations (id),
    value          numeric(18,2),
    reached_on     date,
    as_of          date NOT NULL,
    evidence       text NOT NULL CHECK (length(evidence) BETWEEN 1 AND 1000),
    source         text NOT NULL CHECK (source IN ('Entered', 'Project')),
    entered_by     uuid REFERENCES users (id),
    entered_at     timestamptz NOT NULL,
    CHECK (value IS NOT NULL OR reached_on IS NOT NULL)
);
CREATE INDEX obligation_progress_obligation_idx ON obligation_progress (obligation_id, as_of);

-- A promise made under an agreement says so (NULL: a promise outside any agreement, as before).
ALTER TABLE commitments ADD COLUMN agreement_id uuid REFERENCES agreements (id);
CREATE INDEX commitments_agreement_idx ON commitments (agreement_id) WHERE agreement_id IS NOT NULL;
