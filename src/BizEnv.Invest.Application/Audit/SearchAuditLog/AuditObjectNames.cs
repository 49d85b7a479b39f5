namespace BizEnv.Invest.Application.Audit.SearchAuditLog;

/// <summary>
/// What an audit row acted on, by name rather than by id: a firm's name, a project's number and name, a
/// promise's project and first words… Read when the log is read (a renamed firm shows its name now);
/// an object since removed has no name, and the page says so. Dates, years and checkpoint sizes are their own names.
/// </summary>
public static class AuditObjectNames
{
    public const string Sql = """
        SELECT CASE a.object_type
            WHEN 'investor' THEN (SELECT i.name FROM investors i WHERE i.id = o.id)
            WHEN 'project' THEN (SELECT p.number || ' ' || p.name FROM projects p WHERE p.id = o.id)
            WHEN 'zone' THEN (SELECT z.name FROM zones z WHERE z.id = o.id)
            WHEN 'park' THEN (SELECT k.name FROM parks k WHERE k.id = o.id)
            WHEN 'user' THEN (SELECT u.display_name || ' (' || u.user_name || ')' FROM users u WHERE u.id = o.id)
            WHEN 'chain' THEN (SELECT ch.name FROM chains ch WHERE ch.id = o.id)
            WHEN 'case' THEN (SELECT k.number FROM integrity_cases k WHERE k.id = o.id)
            WHEN 'trip' THEN (SELECT t.destination || ' ' || to_char(t.departed_on, 'YYYY-MM-DD') FROM trips t WHERE t.id = o.id)
            WHEN 'demand' THEN (SELECT left(d.description, 40) FROM demands d WHERE d.id = o.id)
            WHEN 'visit' THEN (SELECT i.name || ' ' || to_char(v.visited_on, 'YYYY-MM-DD') FROM visits v JOIN investors i ON i.id = v.investor_id WHERE v.id = o.id)
            WHEN 'weekly-report' THEN (SELECT p.number || ' ' || to_char(w.week_start, 'YYYY-MM-DD') FROM weekly_reports w JOIN projects p ON p.id = w.project_id WHERE w.id = o.id)
            WHEN 'reservation' THEN (SELECT z.name || ' · ' || p.number FROM reservations r JOIN zones z ON z.id = r.zone_id JOIN projects p ON p.id = r.project_id WHERE r.id = o.id)
            WHEN 'commitment' THEN (SELECT p.number || ' · ' || left(c.clause, 40) FROM commitments c JOIN projects p ON p.id = c.project_id WHERE c.id = o.id)
            WHEN 'remediation' THEN (SELECT p.number || ' · ' || left(c.clause, 40) FROM commitments c JOIN projects p ON p.id = c.project_id WHERE c.id = o.id)
            WHEN 'amendment' THEN (SELECT p.number || ' · ' || left(c.clause, 40) FROM commitment_amendments m JOIN commitments c ON c.id = m.commitment_id
                                   JOIN projects p ON p.id = c.project_id WHERE m.id = o.id)
            WHEN 'breach-alert' THEN (SELECT p.number || ' · ' || left(c.clause, 40) FROM breach_alerts b JOIN commitments c ON c.id = b.commitment_id
                                      JOIN projects p ON p.id = c.project_id WHERE b.id = o.id)
            WHEN 'unit' THEN (SELECT unit_name(n.name_zh, n.name_en) FROM units n WHERE n.id = o.id)
            WHEN 'authority-limit' THEN (SELECT unit_name(n.name_zh, n.name_en) FROM units n WHERE n.id = o.id)
            WHEN 'calendar-day' THEN a.object_id
            WHEN 'calendar-year' THEN a.object_id
            WHEN 'ledger-checkpoint' THEN '#' || a.object_id
        END
        FROM (SELECT CASE WHEN a.object_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN a.object_id::uuid END AS id) o
        """;
}
