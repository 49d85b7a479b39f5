-- 0008 idempotency keys: the first outcome of each command a user sent with an Idempotency-Key
-- (API header, or the key a page gives each form submission), so that a retry whose first reply
-- was lost returns that outcome instead of creating a second promise, visit, investor or project.
-- A command claims its key at the start of its own transaction and stores its response in the
-- same transaction: the row commits exactly when the change it records commits.

CREATE TABLE idempotency_keys (
    user_id       uuid NOT NULL,          -- no foreign key: rows are disposable after 24 h and must never block anything
    key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_type  text NOT NULL,          -- the command's .NET type
    fingerprint   bytea NOT NULL,         -- SHA-256 of the request type and its JSON: the same key with other content is refused
    response      text,                   -- the response as JSON; NULL only inside the first attempt's open transaction
    object_type   text,                   -- what the first attempt touched, for the audit row of a replay
    object_id     text,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- The app role claims keys, stores responses, takes over expired keys and purges them: the default
-- privileges of 0001 (SELECT, INSERT, UPDATE, DELETE) are what it needs; nothing is append-only here.
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO invest_app;
