-- 0028 conditional promises 附条件承诺 (issue #14 item 2). A promise made under an agreement may be paid only once
-- the investor has met some of that agreement's obligations. Written by the promise's grain with the promise.
CREATE TABLE commitment_conditions (
    commitment_id uuid NOT NULL REFERENCES commitments (id),
    obligation_id uuid NOT NULL REFERENCES obligations (id),
    PRIMARY KEY (commitment_id, obligation_id)
);
-- The promises waiting on an obligation (what an obligation turning Met wakes).
CREATE INDEX commitment_conditions_obligation_idx ON commitment_conditions (obligation_id);

-- ConditionUnmet: its due date ended with a condition unmet — not a breach; it waits for the condition (capacity held).
ALTER TABLE commitments DROP CONSTRAINT commitments_status;
ALTER TABLE commitments ADD CONSTRAINT commitments_status
    CHECK (status IN ('PendingApproval', 'Rejected', 'Open', 'InProgress', 'PartlyFulfilled', 'Extended', 'Fulfilled', 'Cancelled', 'Lapsed',
                      'ConditionUnmet'));
CREATE INDEX commitments_condition_unmet_idx ON commitments (due_date) WHERE status = 'ConditionUnmet';
