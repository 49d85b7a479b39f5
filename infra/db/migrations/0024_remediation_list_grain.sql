-- 0024 the remediation list 历史遗留未兑现承诺清单 becomes a grain (issue 12 item 4).
--
-- The list's grain is the one writer of remediation_items. What makes a promise belong on the list
-- (recording or approving a pre-2018 promise, its lapse, a historical import) queues the join here in
-- its own transaction; the list's grain takes the rows — inserting the item (idempotent by the
-- promise's id) with its ledger entry and deleting the row in one transaction. The writer hands them
-- over right after its commit; every node's join reader hands over whatever is left (a node that died
-- in between), so a join committed with its cause is never lost.
CREATE TABLE remediation_joins (
    commitment_id     uuid PRIMARY KEY REFERENCES commitments (id),
    source            text NOT NULL CHECK (source IN ('Lapsed', 'Recorded', 'Imported')),
    responsible_unit  uuid REFERENCES units (id),
    deadline          date,
    actor             text NOT NULL,
    queued_at         timestamptz NOT NULL
);

-- Remediation deadlines are watched by the list's grain now (a reminder per item, armed for every open
-- item with a deadline when it activates), no longer by the promises' grains.
