-- 0020 checkpoints become signed notes (issue #13): SM2/SM3 by default or Ed25519, with the server's key whose public
-- half is published, replacing the HMAC nobody outside could check. The note is the signed text itself (origin,
-- size, root, time and the signature line); signature keeps the raw signature. Earlier rows keep NULL here and
-- their HMAC in signature: legacy, not verifiable without the old key.
ALTER TABLE ledger_checkpoints
    ADD COLUMN note      text,
    ADD COLUMN algorithm text CHECK (algorithm IN ('SM2-SM3', 'Ed25519')),
    ADD COLUMN key_id    text;
