-- 0001 foundation: units, users, the audit log, the working-day calendar and the seed journal.
-- Runs as the schema owner. The app connects as the restricted role invest_app (see README):
-- plain tables get SELECT/INSERT/UPDATE/DELETE by default privileges; append-only tables get
-- SELECT/INSERT only, and a trigger refuses UPDATE/DELETE/TRUNCATE for every role.

ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO invest_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO invest_app;
GRANT USAGE ON SCHEMA public TO invest_app;

CREATE FUNCTION refuse_change_to_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TABLE units (
    id          uuid PRIMARY KEY,
    parent_id   uuid REFERENCES units (id),
    code        text NOT NULL,
    name_zh     text NOT NULL,
    name_en     text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('Bureau', 'Division', 'Park', 'County')),
    created_at  timestamptz NOT NULL,
    version     integer NOT NULL DEFAULT 1,
    CONSTRAINT units_code_format CHECK (code ~ '^[A-Z][A-Z0-9]{1,9}$')
);
CREATE UNIQUE INDEX units_code_key ON units (code);
CREATE UNIQUE INDEX units_name_zh_key ON units (name_zh);
CREATE INDEX units_parent_idx ON units (parent_id);

CREATE TABLE users (
    id                    uuid PRIMARY KEY,
    user_name             text NOT NULL,
    display_name          text NOT NULL,
    unit_id               uuid NOT NULL REFERENCES units (id),
    roles                 text[] NOT NULL CHECK (cardinality(roles) > 0),
    email                 text,
    phone                 text,
    password_hash         text NOT NULL,
    must_change_password  boolean NOT NULL DEFAULT true,
    is_disabled           boolean NOT NULL DEFAULT false,
    failed_sign_ins       integer NOT NULL DEFAULT 0,
    locked_until          timestamptz,
    security_stamp        uuid NOT NULL,
    language              text NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en-US')),
    last_sign_in_at       timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    version               integer NOT NULL DEFAULT 1
);
-- User names are compared case-insensitively: "Admin" and "admin" are one account.
CREATE UNIQUE INDEX users_user_name_key ON users (lower(user_name));
CREATE INDEX users_unit_idx ON users (unit_id);

CREATE TABLE audit_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL,
    user_id      uuid,
    user_name    text NOT NULL,
    roles        text NOT NULL,
    action       text NOT NULL,
    object_type  text,
    object_id    text,
    outcome      text NOT NULL,
    detail       text,
    client_ip    text
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_user_idx ON audit_log (lower(user_name), at DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

-- Working-day calendar: one row per year that has been loaded (a year without a row is not
-- answered for), and one row per date that deviates from Monday–Friday.
CREATE TABLE calendar_years (
    year        integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    notice      text NOT NULL,
    loaded_at   timestamptz NOT NULL
);
CREATE TABLE calendar_days (
    day         date PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('Holiday', 'Workday')),
    name        text NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text NOT NULL,
    CONSTRAINT calendar_days_year_loaded FOREIGN KEY (year) REFERENCES calendar_years (year),
    year        integer GENERATED ALWAYS AS (extract(year FROM day)::integer) STORED,
    -- A 调休 working day is by definition a weekend day.
    CONSTRAINT calendar_workday_is_weekend CHECK (kind <> 'Workday' OR extract(isodow FROM day) IN (6, 7))
);

-- Which one-off seed sets (calendar, demo data) have been loaded, so a restart never loads twice.
CREATE TABLE seed_runs (
    name        text PRIMARY KEY,
    applied_at  timestamptz NOT NULL
);

REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM invest_app;
