-- 0011 the outbox gets its reader. A breach alert's outbox row is written in the lapse transaction;
-- once the alert has been pushed through the cluster (the alert hub grain, which tells every silo's
-- open integrity-office pages) the relay stamps relayed_at. The column 0005 named processed_at and
-- nothing ever set is that stamp. Rows written before this migration were announced by the NOTIFY of
-- their own transaction (LISTEN/NOTIFY is retired with this change), so they count as relayed.

ALTER TABLE outbox RENAME COLUMN processed_at TO relayed_at;
UPDATE outbox SET relayed_at = created_at WHERE relayed_at IS NULL;
ALTER INDEX outbox_pending_idx RENAME TO outbox_unrelayed_idx;
