-- 0004 zones: parks and their zones/plots, capacity (land, factory space, power, water, gas), the
-- 九通一平 / 新九通一平 readiness checklist, the append-only history of every capacity change, and
-- reservations of capacity by projects (the guard that keeps promises of land and space honest).

CREATE TABLE parks (
    id                  uuid PRIMARY KEY,
    name                text NOT NULL UNIQUE,
    level               text NOT NULL CHECK (level IN ('National', 'Provincial', 'Municipal')),
    park_type           text NOT NULL,          -- economic development zone, high-tech zone, bonded area…
    managing_unit_id    uuid NOT NULL REFERENCES units (id),
    leading_industries  text[] NOT NULL DEFAULT '{}',   -- GB/T 4754 code prefixes, e.g. {C38, C36}
    description         text,
    created_at          timestamptz NOT NULL,
    version             integer NOT NULL DEFAULT 1
);
CREATE INDEX parks_unit_idx ON parks (managing_unit_id);

CREATE TABLE zones (
    id                 uuid PRIMARY KEY,
    park_id            uuid NOT NULL REFERENCES parks (id),
    name               text NOT NULL,
    lng                numeric(9,6) NOT NULL CHECK (lng BETWEEN -180 AND 180),
    lat                numeric(8,6) NOT NULL CHECK (lat BETWEEN -90 AND 90),
    polygon            jsonb,                 -- [[lng, lat], …] drawn on the map, optional
    land_use           text NOT NULL,
    land_total_m2      numeric(14,2) NOT NULL DEFAULT 0 CHECK (land_total_m2 >= 0),
    factory_total_m2   numeric(14,2) NOT NULL DEFAULT 0 CHECK (factory_total_m2 >= 0),
    power_total_kva    numeric(14,2) NOT NULL DEFAULT 0 CHECK (power_total_kva >= 0),
    water_total_tpd    numeric(14,2) NOT NULL DEFAULT 0 CHECK (water_total_tpd >= 0),
    gas_total_m3pd     numeric(14,2) NOT NULL DEFAULT 0 CHECK (gas_total_m3pd >= 0),
    updated_at         timestamptz NOT NULL,
    version            integer NOT NULL DEFAULT 1,
    UNIQUE (park_id, name)
);

CREATE TABLE zone_readiness (
    zone_id        uuid NOT NULL REFERENCES zones (id),
    item           text NOT NULL,
    status         text NOT NULL CHECK (status IN ('NotYet', 'Partly', 'Ready')),
    expected_date  date,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (zone_id, item)
);

-- Every change of a capacity figure or checklist item: who, when, before → after, why.
CREATE TABLE capacity_changes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    zone_id     uuid NOT NULL REFERENCES zones (id),
    subject     text NOT NULL,                 -- a resource (Land…) or a checklist item (readiness:Power…)
    before      text,
    after       text NOT NULL,
    reason      text NOT NULL,
    changed_by  uuid NOT NULL REFERENCES users (id),
    changed_at  timestamptz NOT NULL
);
CREATE INDEX capacity_changes_zone_idx ON capacity_changes (zone_id, changed_at DESC);
CREATE TRIGGER capacity_changes_append_only BEFORE UPDATE OR DELETE ON capacity_changes
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER capacity_changes_no_truncate BEFORE TRUNCATE ON capacity_changes
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON capacity_changes FROM invest_app;

CREATE TABLE reservations (
    id               uuid PRIMARY KEY,
    zone_id          uuid NOT NULL REFERENCES zones (id),
    project_id       uuid NOT NULL REFERENCES projects (id),
    resource         text NOT NULL CHECK (resource IN ('Land', 'FactorySpace', 'Power', 'Water', 'Gas')),
    amount           numeric(14,2) NOT NULL CHECK (amount > 0),
    status           text NOT NULL CHECK (status IN ('Intended', 'Reserved', 'Released')),
    commitment_id    uuid,                       -- set when a promise placed it (the ledger feature)
    created_by       uuid NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL,
    released_at      timestamptz,
    released_reason  text
);
CREATE INDEX reservations_zone_active_idx ON reservations (zone_id, resource) WHERE status <> 'Released';
CREATE INDEX reservations_project_idx ON reservations (project_id);

ALTER TABLE projects ADD CONSTRAINT projects_zone_fk FOREIGN KEY (zone_id) REFERENCES zones (id);
REVOKE DELETE, TRUNCATE ON reservations FROM invest_app;
