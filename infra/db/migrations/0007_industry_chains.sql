-- 0007 industry chains 产业链招商图谱: chains (directed acyclic "supplies" graphs of nodes, with the
-- thresholds that decide a node's status), nodes shared between chains, their GB/T 4754 codes, the
-- local firms confirmed at a node, the chain's editors, and the target list 招商目标库 whose visits
-- and projects trace the path gap → target → visit → signed project → gap closed.

CREATE TABLE chains (
    id                      uuid PRIMARY KEY,
    name                    text NOT NULL,
    description             text,
    strong_min_firms        integer NOT NULL DEFAULT 3,
    weak_min_firms          integer NOT NULL DEFAULT 1,
    strong_min_investment   numeric(18,2),           -- yuan of signed local investment a strong node also needs (optional)
    created_by              uuid NOT NULL REFERENCES users (id),
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    version                 integer NOT NULL DEFAULT 1,
    CONSTRAINT chains_thresholds CHECK (weak_min_firms >= 1 AND strong_min_firms >= weak_min_firms),
    CONSTRAINT chains_investment_positive CHECK (strong_min_investment IS NULL OR strong_min_investment > 0)
);
CREATE UNIQUE INDEX chains_name_key ON chains (lower(name));

-- Designated editors of a chain (admins edit every chain without being listed).
CREATE TABLE chain_editors (
    chain_id    uuid NOT NULL REFERENCES chains (id),
    user_id     uuid NOT NULL REFERENCES users (id),
    granted_by  uuid NOT NULL REFERENCES users (id),
    granted_at  timestamptz NOT NULL,
    PRIMARY KEY (chain_id, user_id)
);
CREATE INDEX chain_editors_user_idx ON chain_editors (user_id);

-- A node (a link of a chain) exists once and may belong to several chains; its name is unique so
-- that a second chain shares the node instead of duplicating it.
CREATE TABLE chain_nodes (
    id           uuid PRIMARY KEY,
    name         text NOT NULL,
    description  text,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX chain_nodes_name_key ON chain_nodes (lower(name));

-- GB/T 4754-2017 codes of a node at any level (C38, C384, C3841); a firm matches by code prefix.
CREATE TABLE chain_node_industries (
    node_id        uuid NOT NULL REFERENCES chain_nodes (id) ON DELETE CASCADE,
    industry_code  text NOT NULL REFERENCES industries (code),
    PRIMARY KEY (node_id, industry_code)
);
CREATE INDEX chain_node_industries_code_idx ON chain_node_industries (industry_code text_pattern_ops);

-- Membership of a node in a chain: its segment in that chain and whether it was added to extend the chain (延链).
CREATE TABLE chain_members (
    chain_id      uuid NOT NULL REFERENCES chains (id),
    node_id       uuid NOT NULL REFERENCES chain_nodes (id),
    segment       text NOT NULL CHECK (segment IN ('Upstream', 'Midstream', 'Downstream')),
    is_extension  boolean NOT NULL DEFAULT false,
    added_by      uuid NOT NULL REFERENCES users (id),
    added_at      timestamptz NOT NULL,
    PRIMARY KEY (chain_id, node_id)
);
CREATE INDEX chain_members_node_idx ON chain_members (node_id);

-- "from supplies to" inside one chain; the application refuses cycles under a lock on the chain row.
CREATE TABLE chain_edges (
    chain_id    uuid NOT NULL,
    from_node   uuid NOT NULL,
    to_node     uuid NOT NULL,
    added_by    uuid NOT NULL REFERENCES users (id),
    added_at    timestamptz NOT NULL,
    PRIMARY KEY (chain_id, from_node, to_node),
    CONSTRAINT chain_edges_no_self_loop CHECK (from_node <> to_node),
    FOREIGN KEY (chain_id, from_node) REFERENCES chain_members (chain_id, node_id) ON DELETE CASCADE,
    FOREIGN KEY (chain_id, to_node) REFERENCES chain_members (chain_id, node_id) ON DELETE CASCADE
);
CREATE INDEX chain_edges_to_idx ON chain_edges (chain_id, to_node);

-- Firms mapped to a node. Suggestions are computed from industry codes and become rows only when a
-- person decides: Confirmed (local presence from confirmed_on), Dismissed (not suggested again), or
-- Removed (was confirmed until removed_on; kept so that past periods still count it).
CREATE TABLE chain_node_firms (
    id            uuid PRIMARY KEY,
    node_id       uuid NOT NULL REFERENCES chain_nodes (id),
    investor_id   uuid NOT NULL REFERENCES investors (id),
    status        text NOT NULL CHECK (status IN ('Confirmed', 'Dismissed', 'Removed')),
    confirmed_on  date,
    removed_on    date,
    decided_by    uuid NOT NULL REFERENCES users (id),
    decided_at    timestamptz NOT NULL,
    CONSTRAINT chain_node_firms_dates CHECK (
        (status = 'Confirmed' AND confirmed_on IS NOT NULL AND removed_on IS NULL)
        OR (status = 'Removed' AND confirmed_on IS NOT NULL AND removed_on IS NOT NULL AND removed_on >= confirmed_on)
        OR (status = 'Dismissed'))
);
CREATE UNIQUE INDEX chain_node_firms_current_key ON chain_node_firms (node_id, investor_id) WHERE status <> 'Removed';
CREATE INDEX chain_node_firms_investor_idx ON chain_node_firms (investor_id);

-- 招商目标库: a firm to approach for a node of a chain — a registered investor or a prospect typed in
-- (linked to the registry once registered). Signed is not stored: it is the linked project's stage.
CREATE TABLE chain_targets (
    id               uuid PRIMARY KEY,
    chain_id         uuid NOT NULL,
    node_id          uuid NOT NULL,
    investor_id      uuid REFERENCES investors (id),
    prospect_name    text,
    prospect_region  text,
    is_fortune500    boolean NOT NULL DEFAULT false,
    is_china500      boolean NOT NULL DEFAULT false,
    reason           text NOT NULL,
    label            text NOT NULL CHECK (label IN ('Fill', 'Strengthen', 'Extend')),
    status           text NOT NULL CHECK (status IN ('Identified', 'Contacted', 'Negotiating', 'Dropped')),
    dropped_reason   text,
    unit_id          uuid NOT NULL REFERENCES units (id),
    owner_id         uuid REFERENCES users (id),
    created_by       uuid NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          integer NOT NULL DEFAULT 1,
    FOREIGN KEY (chain_id, node_id) REFERENCES chain_members (chain_id, node_id),
    CONSTRAINT chain_targets_who CHECK (investor_id IS NOT NULL OR prospect_name IS NOT NULL),
    CONSTRAINT chain_targets_dropped_reason CHECK (status <> 'Dropped' OR dropped_reason IS NOT NULL)
);
-- One open target per firm and node of a chain.
CREATE UNIQUE INDEX chain_targets_open_investor_key ON chain_targets (chain_id, node_id, investor_id)
    WHERE investor_id IS NOT NULL AND status <> 'Dropped';
CREATE UNIQUE INDEX chain_targets_open_prospect_key ON chain_targets (chain_id, node_id, lower(prospect_name))
    WHERE investor_id IS NULL AND status <> 'Dropped';
CREATE INDEX chain_targets_chain_idx ON chain_targets (chain_id, status, created_at DESC);
CREATE INDEX chain_targets_node_idx ON chain_targets (node_id);
CREATE INDEX chain_targets_investor_idx ON chain_targets (investor_id);

-- The path: visits made and projects started for a target; a project's node is where it counts.
ALTER TABLE visits ADD COLUMN chain_target_id uuid REFERENCES chain_targets (id);
CREATE INDEX visits_chain_target_idx ON visits (chain_target_id, visited_on) WHERE chain_target_id IS NOT NULL;
ALTER TABLE projects ADD COLUMN chain_target_id uuid REFERENCES chain_targets (id);
CREATE INDEX projects_chain_target_idx ON projects (chain_target_id) WHERE chain_target_id IS NOT NULL;
ALTER TABLE projects ADD CONSTRAINT projects_chain_node_fk FOREIGN KEY (chain_node_id) REFERENCES chain_nodes (id);
CREATE INDEX projects_chain_node_idx ON projects (chain_node_id) WHERE chain_node_id IS NOT NULL;

-- A chain's page lists its recent changes from the audit log.
CREATE INDEX audit_log_chain_idx ON audit_log (object_id, at DESC) WHERE object_type = 'chain';

-- Firm mappings are history: confirmed rows are closed (Removed), never deleted.
REVOKE DELETE, TRUNCATE ON chain_node_firms FROM invest_app;
