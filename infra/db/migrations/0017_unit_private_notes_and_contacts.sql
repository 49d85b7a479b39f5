-- 0017 unit privacy in the shared firm registry (issue #15 item 4). Every unit may open any firm, but a
-- unit's internal notes about it, and the contacts it marks private, are seen only by that unit and
-- the integrity office. The queries filter on these columns (see CrmAccess.PrivateScope).

-- A unit's internal notes about a firm: one text per (firm, unit), kept by that unit's officers.
CREATE TABLE investor_unit_notes (
    investor_id  uuid NOT NULL REFERENCES investors (id) ON DELETE CASCADE,
    unit_id      uuid NOT NULL REFERENCES units (id),
    body         text NOT NULL CHECK (btrim(body) <> ''),
    updated_by   uuid NOT NULL REFERENCES users (id),
    updated_at   timestamptz NOT NULL,
    version      integer NOT NULL DEFAULT 1,
    PRIMARY KEY (investor_id, unit_id)
);

-- The old shared notes were written by the owning unit's officers (only they edit a firm), so they
-- become that unit's internal notes; the shared column goes, so there is one mechanism, not two.
INSERT INTO investor_unit_notes (investor_id, unit_id, body, updated_by, updated_at)
SELECT id, unit_id, notes, created_by, updated_at FROM investors WHERE notes IS NOT NULL AND btrim(notes) <> '';
ALTER TABLE investors DROP COLUMN notes;

-- A contact a unit marked "only our unit": null = shared with every CRM reader.
ALTER TABLE investor_contacts ADD COLUMN private_to_unit uuid REFERENCES units (id);
