-- 0010 Orleans: cluster membership, reminders and grain state for the co-hosted silos.
--
-- The ADO.NET providers (Microsoft.Orleans.Clustering.AdoNet, .Reminders.AdoNet, .Persistence.AdoNet
-- 10.4.2) ship no schema: at start they read their SQL from OrleansQuery (QueryKey → QueryText) and
-- run it with named parameters (@DeploymentId, @Address, …), reading result columns by name. This
-- script is our implementation of that contract. Table and column names are ours; only the
-- OrleansQuery table, its two columns, the query keys, the parameter names and the result column
-- names are fixed by the providers. Result columns are matched case-insensitively, so unquoted
-- aliases suffice.
--
-- Runs as the schema owner; the app role (invest_app) gets SELECT/INSERT/UPDATE/DELETE on the tables
-- through 0001's default privileges, and EXECUTE on the two functions below.

-- The providers issue "SELECT QueryKey, QueryText FROM OrleansQuery" unquoted: PostgreSQL folds that
-- to orleansquery / querykey / querytext.
CREATE TABLE OrleansQuery (
    QueryKey   text PRIMARY KEY,
    QueryText  text NOT NULL
);
-- The app reads the queries; only migrations change them.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON OrleansQuery FROM invest_app;

-- ── Membership ──────────────────────────────────────────────────────────────────────────────────
-- One version row per cluster (DeploymentId = ClusterId): every membership change bumps it under an
-- optimistic check, which is how silos agree on one table history.
CREATE TABLE orleans_membership_version (
    deployment_id  text PRIMARY KEY,
    changed_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 0
);

-- One row per silo incarnation (address, port, generation). Status is Orleans' SiloStatus:
-- 0 None, 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead.
CREATE TABLE orleans_membership (
    deployment_id   text NOT NULL REFERENCES orleans_membership_version (deployment_id),
    address         text NOT NULL,
    port            integer NOT NULL,
    generation      integer NOT NULL,
    silo_name       text NOT NULL,
    host_name       text NOT NULL,
    status          integer NOT NULL,
    proxy_port      integer,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Inserts a silo's row if the cluster's version is still the one the caller read, and bumps it.
-- The version row is locked first: every versioned change passes through it, so they serialize and
-- the existence check below cannot race. Returns 1 (done) or 0 (stale version, or the row exists).
CREATE FUNCTION orleans_insert_membership(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_silo_name text, p_host_name text, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    current_version integer;
BEGIN
    SELECT version INTO current_version FROM orleans_membership_version
    WHERE deployment_id = p_deployment_id FOR UPDATE;
    IF current_version IS DISTINCT FROM p_version THEN
        RETURN 0;
    END IF;
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                    status, proxy_port, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
            p_status, p_proxy_port, p_start_time, p_i_am_alive_time)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
    WHERE deployment_id = p_deployment_id;
    RETURN 1;
END;
$$;

-- Updates a silo's status, suspicions and heartbeat under the same version check. 1 or 0.
CREATE FUNCTION orleans_update_membership(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    current_version integer;
BEGIN
    SELECT version INTO current_version FROM orleans_membership_version
    WHERE deployment_id = p_deployment_id FOR UPDATE;
    IF current_version IS DISTINCT FROM p_version THEN
        RETURN 0;
    END IF;
    UPDATE orleans_membership
    SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
    WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
    WHERE deployment_id = p_deployment_id;
    RETURN 1;
END;
$$;

REVOKE ALL ON FUNCTION orleans_insert_membership(text, text, integer, integer, text, text, integer, integer, timestamptz, timestamptz, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION orleans_update_membership(text, text, integer, integer, integer, text, timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orleans_insert_membership(text, text, integer, integer, text, text, integer, integer, timestamptz, timestamptz, integer) TO invest_app;
GRANT EXECUTE ON FUNCTION orleans_update_membership(text, text, integer, integer, integer, text, timestamptz, integer) TO invest_app;

-- ── Reminders ───────────────────────────────────────────────────────────────────────────────────
-- grain_hash is the grain's uniform hash as a signed integer: each silo reads the slice of the ring
-- it owns. Period is in milliseconds.
CREATE TABLE orleans_reminders (
    service_id     text NOT NULL,
    grain_id       text NOT NULL,
    reminder_name  text NOT NULL,
    start_time     timestamptz NOT NULL,
    period         bigint NOT NULL,
    grain_hash     integer NOT NULL,
    version        integer NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX orleans_reminders_ring_idx ON orleans_reminders (service_id, grain_hash);

-- ── Grain state ─────────────────────────────────────────────────────────────────────────────────
-- One row per (state name, grain): grain_type is the state name the grain declares, the hashes
-- narrow the index, n0/n1/extension are the grain key. Version is the ETag: every write bumps it,
-- a write with a stale version changes nothing and the provider raises InconsistentStateException.
-- The unique key (NULLS NOT DISTINCT: most keys have no extension) makes a second concurrent first
-- write lose instead of inserting a duplicate.
CREATE TABLE orleans_storage (
    service_id          text NOT NULL,
    grain_type_hash     integer NOT NULL,
    grain_id_hash       integer NOT NULL,
    grain_type          text NOT NULL,
    grain_id_n0         bigint NOT NULL,
    grain_id_n1         bigint NOT NULL,
    grain_id_extension  text,
    payload             bytea,
    version             integer NOT NULL,
    modified_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_storage_grain_key UNIQUE NULLS NOT DISTINCT
        (grain_id_hash, grain_type_hash, service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);

-- ── The queries the providers run ───────────────────────────────────────────────────────────────
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Clustering (DbStoredQueries of Orleans.Clustering.AdoNet: all nine are required at start).
-- 1 when this call created the cluster's version row, 0 when it was there already.
('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT count(*) AS Done FROM inserted
$q$),

('MembershipReadRowKey', $q$
SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
       v.version AS Version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
    AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
       v.version AS Version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

('InsertMembershipKey', $q$
SELECT orleans_insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                 @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS Done
$q$),

('UpdateMembershipKey', $q$
SELECT orleans_update_membership(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
                                 @IAmAliveTime, @Version) AS Done
$q$),

('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

('GatewaysQueryKey', $q$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId;
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Only dead silos (status 6) are ever cleaned up; the provider passes the cut-off as @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime
$q$),

-- Optional in 10.4.2 and preferred when present: the provider reads all rows, picks the dead ones
-- past the retention cut-off, and deletes each only if it is unchanged since it was read.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6 AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
  AND suspect_times IS NOT DISTINCT FROM @SuspectTimes
$q$),

-- Reminders (Orleans.Reminders.AdoNet: all seven are required at start).
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
    version = orleans_reminders.version + 1
RETURNING version AS Version
$q$),

('ReadReminderRowsKey', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

-- The ring slice (begin, end] when it does not wrap in signed order …
('ReadRangeRows1Key', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

-- … and when it does.
('ReadRangeRows2Key', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1)
SELECT count(*) AS Done FROM deleted
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$),

-- Grain state (Orleans.Persistence.AdoNet: Write, Read and Clear required, Delete optional — we
-- configure DeleteStateOnClear, so clearing removes the row).
-- Write: with a version, update that version only; without one, insert the first row. The result
-- is the new version; the old version (stale) or NULL (lost the first insert) means "conflict".
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_storage
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
      AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version),
inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type_hash, grain_id_hash, grain_type, grain_id_n0, grain_id_n1,
                                 grain_id_extension, payload, version)
    SELECT @ServiceId, @GrainTypeHash, @GrainIdHash, @GrainTypeString, @GrainIdN0, @GrainIdN1,
           @GrainIdExtensionString, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_storage_grain_key DO NOTHING
    RETURNING version)
SELECT coalesce((SELECT version FROM updated), (SELECT version FROM inserted), @GrainStateVersion) AS NewGrainStateVersion
$q$),

('ReadFromStorageKey', $q$
SELECT payload AS PayloadBinary, version AS Version
FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

-- Clear keeping the row (DeleteStateOnClear = false): payload gone, version bumped.
('ClearStorageKey', $q$
UPDATE orleans_storage
SET payload = NULL, version = version + 1, modified_at = now()
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion
$q$),

-- Clear removing the row (DeleteStateOnClear = true): answers version + 1 so the provider sees a change.
('DeleteStorageKey', $q$
DELETE FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1 AS NewGrainStateVersion
$q$);
