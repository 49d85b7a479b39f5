-- 0019 an RFC 9162 Merkle tree over the promise ledger (issue #13). Leaf i is SHA-256(0x00 ‖ canonical
-- bytes of entry seq = i + 1), the same canonical bytes the hash chain hashes, so every existing entry
-- enters the tree as it is and its chain stays verifiable. The sequencer fills both tables; rows
-- written before this migration are integrated by it at start-up, not here.

-- Complete subtrees only: their hashes never change once their last leaf is in, so the table is
-- append-only like the ledger, and a proof at any size folds O(log n) of them read in one query.
CREATE TABLE ledger_tree_nodes (
    level  smallint NOT NULL CHECK (level BETWEEN 0 AND 62),
    idx    bigint NOT NULL CHECK (idx >= 0),
    hash   bytea NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, idx)
);
CREATE TRIGGER ledger_tree_nodes_append_only BEFORE UPDATE OR DELETE ON ledger_tree_nodes
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER ledger_tree_nodes_no_truncate BEFORE TRUNCATE ON ledger_tree_nodes
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON ledger_tree_nodes FROM invest_app;

-- One head per integration batch: the tree's size is the largest, and each row is a root the tree
-- once had (what a checkpoint then seals).
CREATE TABLE ledger_tree_heads (
    size   bigint PRIMARY KEY CHECK (size > 0),
    root   bytea NOT NULL CHECK (length(root) = 32),
    at     timestamptz NOT NULL
);
CREATE TRIGGER ledger_tree_heads_append_only BEFORE UPDATE OR DELETE ON ledger_tree_heads
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER ledger_tree_heads_no_truncate BEFORE TRUNCATE ON ledger_tree_heads
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON ledger_tree_heads FROM invest_app;

-- Checkpoints now also seal the tree's root at their size (signed with it). Older checkpoints keep
-- NULL: they still seal the chain's head hash, and are read and checked as before.
ALTER TABLE ledger_checkpoints ADD COLUMN tree_root bytea CHECK (length(tree_root) = 32);
