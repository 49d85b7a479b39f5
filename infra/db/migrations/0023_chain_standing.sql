-- 0023 a chain's standing as its grain last computed it: each node's status, local firms, signed
-- investment, jobs and targets, and the chain's completeness and totals — written by the chain's
-- grain whenever a command or news of a firm, project or target changes them, so the graph and the
-- list read these rows instead of recomputing every node for every page. as_of is the (Beijing) day
-- the figures are for: a page that finds an older day (or none) asks the grain to bring them up to today.

CREATE TABLE chain_status (
    chain_id        uuid PRIMARY KEY REFERENCES chains (id),
    as_of           date NOT NULL,
    strong          integer NOT NULL,
    weak            integer NOT NULL,
    missing         integer NOT NULL,
    investment      numeric(18,2) NOT NULL,
    open_targets    integer NOT NULL,
    signed_targets  integer NOT NULL
);

CREATE TABLE chain_node_status (
    chain_id        uuid NOT NULL REFERENCES chains (id),
    node_id         uuid NOT NULL REFERENCES chain_nodes (id),
    status          text NOT NULL CHECK (status IN ('Strong', 'Weak', 'Missing')),
    firms           integer NOT NULL,
    investment      numeric(18,2) NOT NULL,
    jobs            integer NOT NULL,
    open_targets    integer NOT NULL,
    signed_targets  integer NOT NULL,
    PRIMARY KEY (chain_id, node_id)
);
