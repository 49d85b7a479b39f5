-- 0027 investor default and clawback 违约追偿 (issue #14). A missed obligation opens one default (obligation_id unique):
-- a written notice 履约催告 with its cure period (cure_days working days after the notice date), then at the end of
-- the cure day the obligation is satisfied (closed as cured) or the remedy the obligation names runs, and amounts
-- recovered are entered until the amount due is recovered (closed), or an officer closes it with a reason (written
-- off). The default's grain (keyed by the obligation id) is the single writer of these rows; every step is a ledger
-- entry under the default's id (Default.Noticed, .Cured, .Remedied, .AmountSet, .Recovered, .Closed).
-- Open = closed_at IS NULL; the figures read id, obligation_id, status, amount_due, amount_recovered, opened_at, closed_at.

CREATE SEQUENCE default_notice_seq;

CREATE TABLE obligation_defaults (
    id               uuid PRIMARY KEY,
    obligation_id    uuid NOT NULL UNIQUE REFERENCES obligations (id),
    -- Noticed: cure period running; Remedying: the remedy ran, amounts being recovered; the rest are closed.
    status           text NOT NULL CHECK (status IN ('Noticed', 'Remedying', 'Cured', 'Recovered', 'WrittenOff')),
    notice_number    text NOT NULL UNIQUE,
    notice_date      date NOT NULL,
    notice_text      text NOT NULL,                                    -- the notice as recorded (Chinese, printable)
    cure_days        integer NOT NULL CHECK (cure_days BETWEEN 1 AND 365),
    cure_until       date NOT NULL,                                    -- the last working day of the cure period
    -- When the grain decides: the end of cure_until (Asia/Shanghai); for TakeBackIdleLand not before two years after the agreed start.
    decides_at       timestamptz NOT NULL,
    remedy           text NOT NULL CHECK (remedy IN ('RecoverSubsidy', 'ReduceRebate', 'TakeBackIdleLand', 'LiquidatedDamages')),
    amount_due       numeric(18,2) CHECK (amount_due >= 0),            -- NULL until the remedy ran with a fixed amount or one was entered
    amount_recovered numeric(18,2) NOT NULL DEFAULT 0 CHECK (amount_recovered >= 0),
    opened_at        timestamptz NOT NULL,
    remedied_at      timestamptz,
    closed_at        timestamptz,
    close_reason     text,
    closed_by        uuid REFERENCES users (id),
    version          integer NOT NULL DEFAULT 1,
    CONSTRAINT obligation_defaults_closed CHECK ((status IN ('Cured', 'Recovered', 'WrittenOff')) = (closed_at IS NOT NULL))
);
CREATE INDEX obligation_defaults_open_idx ON obligation_defaults (decides_at) WHERE closed_at IS NULL;

-- Each step as the officer reads it on the default's page (the ledger holds the same, hashed).
CREATE TABLE default_steps (
    id          uuid PRIMARY KEY,
    seq         bigint GENERATED ALWAYS AS IDENTITY,                -- the order they were written in
    default_id  uuid NOT NULL REFERENCES obligation_defaults (id),
    step        text NOT NULL CHECK (step IN ('Noticed', 'Cured', 'Remedied', 'AmountSet', 'Recovered', 'Closed')),
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    user_id     uuid REFERENCES users (id),
    amount      numeric(18,2),
    note        text
);
CREATE INDEX default_steps_default_idx ON default_steps (default_id, seq);

-- Money (or its equivalent) recovered, each with its evidence (a bank slip, a land-recovery decision).
CREATE TABLE default_recoveries (
    id           uuid PRIMARY KEY,
    seq          bigint GENERATED ALWAYS AS IDENTITY,
    default_id   uuid NOT NULL REFERENCES obligation_defaults (id),
    amount       numeric(18,2) NOT NULL CHECK (amount > 0),
    received_on  date NOT NULL,
    evidence     text NOT NULL CHECK (length(evidence) BETWEEN 1 AND 1000),
    entered_by   uuid NOT NULL REFERENCES users (id),
    entered_at   timestamptz NOT NULL
);
CREATE INDEX default_recoveries_default_idx ON default_recoveries (default_id);
