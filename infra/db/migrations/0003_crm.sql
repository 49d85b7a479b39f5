-- 0003 CRM: industry codes, investors, projects with their stage history, evidence files and
-- investment in place, key-project "five ones", weekly reports, visits with demands, trips, and
-- the concierge (店小二) A/B assignments. Every record belongs to a unit: officers see their own.

-- Some units want every stage change of their projects reviewed (pending → approved/rejected with an opinion).
ALTER TABLE units ADD COLUMN requires_stage_review boolean NOT NULL DEFAULT false;

CREATE TABLE industries (
    code      text PRIMARY KEY,               -- GB/T 4754-2017 with section letter, e.g. C3841
    level     text NOT NULL CHECK (level IN ('section', 'division', 'group', 'class')),
    parent    text REFERENCES industries (code),
    name_zh   text NOT NULL
);

CREATE TABLE investors (
    id                 uuid PRIMARY KEY,
    unit_id            uuid NOT NULL REFERENCES units (id),
    name               text NOT NULL,
    credit_code        text,
    ownership          text NOT NULL CHECK (ownership IN ('State', 'Private', 'Foreign', 'HongKongMacaoTaiwan')),
    home_region        text,
    industry_code      text REFERENCES industries (code),
    is_fortune500      boolean NOT NULL DEFAULT false,
    is_china500        boolean NOT NULL DEFAULT false,
    parent_id          uuid REFERENCES investors (id),
    notes              text,
    created_by         uuid NOT NULL REFERENCES users (id),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    version            integer NOT NULL DEFAULT 1,
    CONSTRAINT investors_credit_code_format CHECK (credit_code IS NULL OR credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
    CONSTRAINT investors_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX investors_credit_code_key ON investors (credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX investors_unit_idx ON investors (unit_id, lower(name));
CREATE INDEX investors_name_idx ON investors (lower(name) text_pattern_ops);
CREATE INDEX investors_industry_idx ON investors (industry_code);
CREATE INDEX investors_parent_idx ON investors (parent_id);

CREATE TABLE investor_contacts (
    id           uuid PRIMARY KEY,
    investor_id  uuid NOT NULL REFERENCES investors (id) ON DELETE CASCADE,
    name         text NOT NULL,
    title        text,
    phone        text,
    email        text,
    sort         integer NOT NULL DEFAULT 0
);
CREATE INDEX investor_contacts_investor_idx ON investor_contacts (investor_id);

-- 联系企业: the officers who "link" with an investor (each division head links 1–2 private firms).
CREATE TABLE investor_officers (
    investor_id  uuid NOT NULL REFERENCES investors (id) ON DELETE CASCADE,
    user_id      uuid NOT NULL REFERENCES users (id),
    PRIMARY KEY (investor_id, user_id)
);
CREATE INDEX investor_officers_user_idx ON investor_officers (user_id);

-- Unified numbers: one counter per unit code and year, taken under a row lock.
CREATE TABLE project_number_sequences (
    unit_code  text NOT NULL,
    year       integer NOT NULL,
    last       integer NOT NULL,
    PRIMARY KEY (unit_code, year)
);

CREATE TABLE projects (
    id                   uuid PRIMARY KEY,
    number               text NOT NULL UNIQUE,
    unit_id              uuid NOT NULL REFERENCES units (id),
    investor_id          uuid NOT NULL REFERENCES investors (id),
    name                 text NOT NULL,
    zone_id              uuid,                 -- target zone (the zones feature adds the reference)
    chain_node_id        uuid,                 -- industry-chain node (the chain feature adds the reference)
    planned_investment   numeric(18,2) NOT NULL CHECK (planned_investment >= 0),
    registered_capital   numeric(18,2) CHECK (registered_capital >= 0),
    jobs                 integer CHECK (jobs >= 0),
    key_level            text NOT NULL DEFAULT 'None' CHECK (key_level IN ('None', 'Municipal', 'Provincial')),
    stage                text NOT NULL CHECK (stage IN ('Lead', 'Negotiating', 'Signed', 'Registered', 'Started', 'InProduction', 'Terminated')),
    stage_date           date NOT NULL,
    terminated_reason    text,
    requires_review      boolean NOT NULL DEFAULT false,
    responsible_leader   uuid REFERENCES users (id),
    working_team         text,
    construction_plan    text,
    created_by           uuid NOT NULL REFERENCES users (id),
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    version              integer NOT NULL DEFAULT 1
);
CREATE INDEX projects_unit_updated_idx ON projects (unit_id, updated_at DESC);
CREATE INDEX projects_unit_stage_idx ON projects (unit_id, stage, updated_at DESC);
CREATE INDEX projects_investor_idx ON projects (investor_id);
CREATE INDEX projects_stage_idx ON projects (stage, updated_at DESC);
CREATE INDEX projects_name_idx ON projects (lower(name) text_pattern_ops);
CREATE INDEX projects_key_idx ON projects (key_level) WHERE key_level <> 'None';

CREATE TABLE project_stage_changes (
    id             uuid PRIMARY KEY,
    project_id     uuid NOT NULL REFERENCES projects (id),
    from_stage     text NOT NULL,
    to_stage       text NOT NULL,
    stage_date     date NOT NULL,
    note           text,
    review_status  text NOT NULL DEFAULT 'NotRequired' CHECK (review_status IN ('NotRequired', 'Pending', 'Approved', 'Rejected')),
    reviewed_by    uuid REFERENCES users (id),
    review_opinion text,
    reviewed_at    timestamptz,
    created_by     uuid NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL
);
CREATE INDEX project_stage_changes_project_idx ON project_stage_changes (project_id, created_at);
CREATE INDEX project_stage_changes_pending_idx ON project_stage_changes (review_status) WHERE review_status = 'Pending';

-- Evidence (files, photos) kept in PostgreSQL: one backup covers it; size and type limits in the app.
CREATE TABLE project_files (
    id               uuid PRIMARY KEY,
    project_id       uuid NOT NULL REFERENCES projects (id),
    stage_change_id  uuid REFERENCES project_stage_changes (id),
    file_name        text NOT NULL,
    content_type     text NOT NULL,
    size_bytes       integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
    content          bytea NOT NULL,
    uploaded_by      uuid NOT NULL REFERENCES users (id),
    uploaded_at      timestamptz NOT NULL
);
CREATE INDEX project_files_project_idx ON project_files (project_id);

-- 到资: investment actually in place, recorded over time against the plan.
CREATE TABLE project_investments (
    id           uuid PRIMARY KEY,
    project_id   uuid NOT NULL REFERENCES projects (id),
    on_date      date NOT NULL,
    amount       numeric(18,2) NOT NULL CHECK (amount > 0),
    note         text,
    created_by   uuid NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL
);
CREATE INDEX project_investments_project_idx ON project_investments (project_id, on_date);

-- 五个一: the issue list of a key project.
CREATE TABLE project_issues (
    id           uuid PRIMARY KEY,
    project_id   uuid NOT NULL REFERENCES projects (id),
    description  text NOT NULL,
    owner_id     uuid NOT NULL REFERENCES users (id),
    due_date     date NOT NULL,
    status       text NOT NULL DEFAULT 'Open' CHECK (status IN ('Open', 'Resolved')),
    resolution   text,
    resolved_at  timestamptz,
    created_by   uuid NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL,
    version      integer NOT NULL DEFAULT 1
);
CREATE INDEX project_issues_open_idx ON project_issues (owner_id, due_date) WHERE status = 'Open';
CREATE INDEX project_issues_project_idx ON project_issues (project_id);

CREATE TABLE weekly_reports (
    id               uuid PRIMARY KEY,
    project_id       uuid NOT NULL REFERENCES projects (id),
    week_start       date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
    progress         text NOT NULL,
    investment_to_date numeric(18,2) NOT NULL,
    issues           text NOT NULL,
    next_steps       text NOT NULL,
    status           text NOT NULL DEFAULT 'Draft' CHECK (status IN ('Draft', 'Submitted')),
    submitted_by     uuid REFERENCES users (id),
    submitted_at     timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          integer NOT NULL DEFAULT 1,
    UNIQUE (project_id, week_start)
);

CREATE TABLE visits (
    id           uuid PRIMARY KEY,
    unit_id      uuid NOT NULL REFERENCES units (id),
    investor_id  uuid NOT NULL REFERENCES investors (id),
    project_id   uuid REFERENCES projects (id),
    visited_on   date NOT NULL,
    purpose      text NOT NULL,
    notes        text,
    created_by   uuid NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL
);
CREATE INDEX visits_investor_idx ON visits (investor_id, visited_on DESC);
CREATE INDEX visits_unit_idx ON visits (unit_id, visited_on DESC);

CREATE TABLE visit_officers (
    visit_id  uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    user_id   uuid NOT NULL REFERENCES users (id),
    PRIMARY KEY (visit_id, user_id)
);

-- 诉求: what an investor asked for during a visit, each a tracked item with an owner.
CREATE TABLE demands (
    id           uuid PRIMARY KEY,
    visit_id     uuid NOT NULL REFERENCES visits (id),
    description  text NOT NULL,
    owner_id     uuid NOT NULL REFERENCES users (id),
    due_date     date NOT NULL,
    status       text NOT NULL DEFAULT 'Open' CHECK (status IN ('Open', 'Resolved')),
    resolution   text,
    resolved_at  timestamptz,
    version      integer NOT NULL DEFAULT 1
);
CREATE INDEX demands_open_idx ON demands (owner_id, due_date) WHERE status = 'Open';

-- 外出招商: out-of-town trips; the report is due 10 working days after return.
CREATE TABLE trips (
    id              uuid PRIMARY KEY,
    unit_id         uuid NOT NULL REFERENCES units (id),
    destination     text NOT NULL,
    departed_on     date NOT NULL,
    returned_on     date NOT NULL CHECK (returned_on >= departed_on),
    leader_name     text NOT NULL,
    chain           text,
    firms_visited   text NOT NULL,
    report_due      date NOT NULL,
    report          text,
    report_submitted_at timestamptz,
    created_by      uuid NOT NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL,
    version         integer NOT NULL DEFAULT 1
);
CREATE INDEX trips_due_idx ON trips (created_by, report_due) WHERE report IS NULL;
CREATE INDEX trips_unit_idx ON trips (unit_id, returned_on DESC);

-- 店小二 A/B assignments with history: the current one has ended_at NULL.
CREATE TABLE concierge_assignments (
    id            uuid PRIMARY KEY,
    project_id    uuid NOT NULL REFERENCES projects (id),
    a_user_id     uuid NOT NULL REFERENCES users (id),
    b_user_id     uuid REFERENCES users (id),
    started_at    timestamptz NOT NULL,
    ended_at      timestamptz,
    handover_reason text,
    assigned_by   uuid NOT NULL REFERENCES users (id),
    CONSTRAINT concierge_a_differs_from_b CHECK (b_user_id IS NULL OR a_user_id <> b_user_id)
);
CREATE UNIQUE INDEX concierge_current_key ON concierge_assignments (project_id) WHERE ended_at IS NULL;
CREATE INDEX concierge_a_idx ON concierge_assignments (a_user_id) WHERE ended_at IS NULL;
CREATE INDEX concierge_b_idx ON concierge_assignments (b_user_id) WHERE ended_at IS NULL;

-- The stage history is the record of how a project moved: rows are added, never changed or removed
-- (reviews are recorded on the row once, by the guarded update below).
REVOKE DELETE, TRUNCATE ON project_stage_changes, project_investments, concierge_assignments FROM invest_app;
