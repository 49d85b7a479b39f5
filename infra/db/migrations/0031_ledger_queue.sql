-- 0031 writers queue, the sequencer orders (issue #13). A writer used to take a cluster-wide advisory
-- lock to chain its entry onto the ledger's head, so every promise, zone and agreement transaction took
-- turns from its append to its commit. Now a writer inserts its entries here, inside its own
-- transaction, with nothing to wait for; the sequencer (one at a time in the cluster, under its own
-- lock) moves committed entries into commitment_ledger in queue order, giving each its seq and hash
-- chain, and seals them into the Merkle tree and a signed checkpoint in the same transaction. The
-- ledger itself stays insert-only.

CREATE TABLE ledger_queue (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,   -- the order entries are sequenced in
    commitment_id  uuid NOT NULL,
    event          text NOT NULL,
    actor          text NOT NULL,
    at             timestamptz NOT NULL,
    reason         text,
    state          text NOT NULL                                      -- the exact JSON text the ledger will hash
);
CREATE INDEX ledger_queue_commitment_idx ON ledger_queue (commitment_id, id);

-- A queued entry leaves whole (moved by the sequencer) or stays as written: never changed in place.
CREATE TRIGGER ledger_queue_no_update BEFORE UPDATE ON ledger_queue
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER ledger_queue_no_truncate BEFORE TRUNCATE ON ledger_queue
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
REVOKE UPDATE, TRUNCATE ON ledger_queue FROM invest_app;

-- Every entry of the ledger as a reader sees it the moment its transaction commits: sealed (seq and
-- hash) or still queued (queued_id, no seq yet). One statement reads one snapshot, so an entry being
-- moved is seen exactly once.
CREATE VIEW ledger_history AS
    SELECT seq, NULL::bigint AS queued_id, commitment_id, event, actor, at, reason, state, hash FROM commitment_ledger
    UNION ALL
    SELECT NULL::bigint, id, commitment_id, event, actor, at, reason, state, NULL::bytea FROM ledger_queue;
GRANT SELECT ON ledger_history TO invest_app;
