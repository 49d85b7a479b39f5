-- 0009 suspect values: before the API required every field a command needs, a request could leave
-- out a date or a kind and be stored with a default instead (made-on 0001-01-01 or -infinity, which
-- put a promise on the pre-2018 list instead of raising a breach; a kind read from an integer).
-- The true values cannot be known from the rows, and a promise's row is the fold of its ledger,
-- so these are reported — not guessed and rewritten. The view lists every business date outside
-- 1900-01-01 … 2199-12-31 and every enum text that names no value; the admin's home shows it until
-- each row has been put right through the product (amendment, correction of the CRM record).

CREATE VIEW suspect_values AS
WITH dates (table_name, row_id, column_name, value) AS (
    SELECT 'commitments', id, 'made_on', made_on FROM commitments
    UNION ALL SELECT 'commitments', id, 'due_date', due_date FROM commitments
    UNION ALL SELECT 'project_stage_changes', id, 'stage_date', stage_date FROM project_stage_changes
    UNION ALL SELECT 'project_investments', id, 'on_date', on_date FROM project_investments
    UNION ALL SELECT 'project_issues', id, 'due_date', due_date FROM project_issues
    UNION ALL SELECT 'visits', id, 'visited_on', visited_on FROM visits
    UNION ALL SELECT 'demands', id, 'due_date', due_date FROM demands
    UNION ALL SELECT 'trips', id, 'departed_on', departed_on FROM trips
    UNION ALL SELECT 'trips', id, 'returned_on', returned_on FROM trips
    UNION ALL SELECT 'remediation_items', commitment_id, 'deadline', deadline FROM remediation_items
    UNION ALL SELECT 'case_rectifications', id, 'due_date', due_date FROM case_rectifications
)
SELECT table_name, row_id, column_name, value::text AS value, 'date_out_of_range' AS problem
FROM dates
WHERE value IS NOT NULL AND (value < DATE '1900-01-01' OR value > DATE '2199-12-31')
UNION ALL
SELECT 'commitments', id, 'kind', kind, 'enum_unknown' FROM commitments
WHERE kind NOT IN ('Land', 'TaxRebate', 'Subsidy', 'Infrastructure', 'ApprovalSpeed', 'TalentHousing', 'Financing', 'Other')
UNION ALL
SELECT 'commitments', id, 'resource', resource, 'enum_unknown' FROM commitments
WHERE resource IS NOT NULL AND resource NOT IN ('Land', 'FactorySpace', 'Power', 'Water', 'Gas');

GRANT SELECT ON suspect_values TO invest_app;
