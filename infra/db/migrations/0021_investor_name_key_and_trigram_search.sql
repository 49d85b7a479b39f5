-- 0021 the investor registry at 100,000 firms: a save's duplicate-name check and the list's name
-- fragment search are index look-ups, not scans of every firm.

-- The duplicate-name key (lower case, no whitespace, no ASCII or full-width brackets), computed by the
-- database from the name, so every writer (the firm's grain, the import, the seeders) keeps it right
-- and the rows already there get it as the column is added.
ALTER TABLE investors ADD COLUMN name_key text GENERATED ALWAYS AS (regexp_replace(lower(name), '[\s()（）]', '', 'g')) STORED;
CREATE INDEX investors_name_key_idx ON investors (name_key);

-- The name in search form (0018), stored: the list's fragment search compares it to the fragment's, and
-- computing NFKC for every candidate row cost more than the search itself. A trigram index serves
-- "name_search LIKE '%fragment%'" and a pattern index "credit_code LIKE 'prefix%'" (the two arms of the
-- search, so the planner can OR two bitmap index scans). pg_trgm is a trusted extension
-- (PostgreSQL 13+): the database owner the migrator runs as may create it.
ALTER TABLE investors ADD COLUMN name_search text GENERATED ALWAYS AS (search_form(name)) STORED;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX investors_name_trgm_idx ON investors USING gin (name_search gin_trgm_ops);
CREATE INDEX investors_credit_code_prefix_idx ON investors (credit_code text_pattern_ops);
