-- 0025 witnesses (issue #13 item 3): other offices (the integrity office, the audit bureau, the people's congress) run
-- a witness program that cosigns the ledger's checkpoints only after checking they extend what it cosigned before.
-- A split view (two checkpoints of one size with different roots) or a shrunk ledger then cannot be shown to one reader
-- and hidden from another: the witnesses refuse it and say so.

-- The witnesses an admin registered (RegisterWitness): their Ed25519 public key is the only thing that lets a
-- cosignature or an alarm in. Retired ones stay, so older cosignatures keep the key that made them.
CREATE TABLE ledger_witnesses (
    name        text PRIMARY KEY CHECK (name ~ '^[^\s+]{1,100}$'),
    office      text NOT NULL CHECK (length(office) BETWEEN 1 AND 100),
    public_key  bytea NOT NULL UNIQUE CHECK (length(public_key) = 32),
    key_id      text NOT NULL,
    added_by    uuid NOT NULL REFERENCES users (id),
    added_at    timestamptz NOT NULL,
    retired_at  timestamptz
);

-- One cosignature per witness and checkpoint: the line as the witness sent it (appended to the note it makes a
-- cosigned note) and the time the witness signed into it.
CREATE TABLE ledger_cosignatures (
    checkpoint_id  bigint NOT NULL REFERENCES ledger_checkpoints (id),
    witness        text NOT NULL REFERENCES ledger_witnesses (name),
    line           text NOT NULL,
    signed_at      timestamptz NOT NULL,
    received_at    timestamptz NOT NULL,
    PRIMARY KEY (checkpoint_id, witness)
);
CREATE INDEX ledger_cosignatures_witness_idx ON ledger_cosignatures (witness, checkpoint_id DESC);
REVOKE UPDATE, DELETE, TRUNCATE ON ledger_cosignatures FROM invest_app;

-- A witness's refusal (kind LedgerFork and its siblings): both checkpoints in full, as the witness signed them. The
-- integrity office is told by a notice; the row is the evidence, so it is append-only.
CREATE TABLE ledger_witness_alarms (
    id            uuid PRIMARY KEY,
    witness       text NOT NULL REFERENCES ledger_witnesses (name),
    kind          text NOT NULL CHECK (kind IN ('Fork', 'Shrink', 'Inconsistent', 'BadSignature')),
    cosigned_size bigint NOT NULL,
    cosigned_note text NOT NULL,
    offered_size  bigint,
    offered_note  text NOT NULL,
    signed_at     timestamptz NOT NULL,
    signature     bytea NOT NULL,
    raised_at     timestamptz NOT NULL,
    UNIQUE (witness, signature)
);
CREATE INDEX ledger_witness_alarms_raised_idx ON ledger_witness_alarms (raised_at DESC);
REVOKE UPDATE, DELETE, TRUNCATE ON ledger_witness_alarms FROM invest_app;
