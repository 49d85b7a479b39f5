using Npgsql;

namespace BizEnv.Invest.Reliability;

/// <summary>What the client was told against what the database holds, for one phase's writes.</summary>
public sealed record WriteAccount(
    string Phase, int Writes, int Acknowledged, int Lost, int Duplicated, int UnacknowledgedButPresent, int FailedWithAnswer, int Unknown, int NotDelivered,
    int LedgerOrAuditGaps, IReadOnlyDictionary<string, int> Answers, IReadOnlyList<string> Samples, IReadOnlyList<string> Problems)
{
    public bool Passed => Lost == 0 && Duplicated == 0 && LedgerOrAuditGaps == 0;

    /// <summary>
    /// Reads back every promise whose clause carries this phase's marker, with its 'Recorded' ledger
    /// entries and its succeeded audit rows, and sets them against what each writer was told.
    /// </summary>
    public static async Task<WriteAccount> TakeAsync(NpgsqlConnection cn, string run, string phase, Traffic traffic, CancellationToken ct)
    {
        var rows = await Postgres.QueryAsync(cn, """
            WITH p AS (
                SELECT c.id, substring(c.clause from '\[(rh:[^\]]+)\]') AS marker FROM commitments c WHERE c.clause LIKE @pattern)
            SELECT p.id, p.marker,
                   (SELECT count(*) FROM ledger_history l WHERE l.commitment_id = p.id AND l.event = 'Recorded') AS recorded,
                   coalesce(a.n, 0) AS audited
            FROM p LEFT JOIN (SELECT object_id, count(*) AS n FROM audit_log
                              WHERE action = 'RecordCommitment' AND outcome = 'success' GROUP BY object_id) a ON a.object_id = p.id::text
            """, r => (Id: r.GetGuid(0), Marker: r.GetString(1), Recorded: r.GetInt64(2), Audited: r.GetInt64(3)), ct,
            ("pattern", $"%[rh:{run}:{phase}:%"));
        var byMarker = rows.GroupBy(r => r.Marker).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var ids = rows.Select(r => r.Id).ToHashSet();
        var writes = traffic.Writes.ToList();
        var problems = new List<string>();
        int lost = 0, unackedPresent = 0;
        foreach (var w in writes)
        {
            var present = byMarker.ContainsKey(w.Marker);
            if (w.Final == Outcome.Acknowledged && (!present || !ids.Contains(w.Id!.Value)))
            {
                lost++;
                problems.Add($"LOST: {w.Marker} acknowledged as {w.Id} but not in the database");
            }
            if (w.Final != Outcome.Acknowledged && present && ++unackedPresent <= 5)
                problems.Add($"unacknowledged but present (not a loss): {w.Marker}, the client saw {w.Final} {(w.Status > 0 ? w.Status : "")} after {w.Attempts} attempt(s): {w.Detail}");
        }
        var duplicated = byMarker.Where(m => m.Value.Count > 1).ToList();
        foreach (var d in duplicated.Take(10))
            problems.Add($"DUPLICATED: {d.Key} is in the database {d.Value.Count} times ({string.Join(", ", d.Value.Select(v => v.Id))})");
        var known = writes.Select(w => w.Marker).ToHashSet(StringComparer.Ordinal);
        foreach (var stray in byMarker.Keys.Where(m => !known.Contains(m)).Take(10))
            problems.Add($"STRAY: {stray} is in the database but no writer sent it");
        var gaps = rows.Where(r => r.Recorded != 1 || r.Audited != 1).ToList();
        foreach (var g in gaps.Take(10))
            problems.Add($"LEDGER/AUDIT: promise {g.Id} ({g.Marker}) has {g.Recorded} 'Recorded' ledger entries and {g.Audited} succeeded audit rows (1 and 1 expected)");
        return new WriteAccount(phase, writes.Count,
            writes.Count(w => w.Final == Outcome.Acknowledged), lost, duplicated.Count, unackedPresent,
            writes.Count(w => w.Final == Outcome.Answered), writes.Count(w => w.Final == Outcome.Unknown), writes.Count(w => w.Final == Outcome.NotDelivered),
            gaps.Count, new SortedDictionary<string, int>(traffic.AttemptAnswers, StringComparer.Ordinal),
            traffic.Samples.GroupBy(x => x.Split(':')[0]).SelectMany(g => g.Take(2)).ToList(), problems);
    }
}

/// <summary>What the mass lapse left: statuses, alerts, lapse entries, outbox events and the pre-2018 list.</summary>
public sealed record LapseAccount(
    int Promises, int BreachEra, int Pre2018, int Lapsed, int AlertsExpected, int AlertsRaised, int AlertsDoubled, int AlertsMissed, int AlertsWrong,
    int LapseEntriesNotOne, int OutboxEventsNotOne, int Pre2018NotListed, IReadOnlyList<string> Problems)
{
    public bool Passed => Lapsed == Promises && AlertsDoubled == 0 && AlertsMissed == 0 && AlertsWrong == 0 && LapseEntriesNotOne == 0 && OutboxEventsNotOne == 0
        && Pre2018NotListed == 0 && Promises > 0;

    public static async Task<LapseAccount> TakeAsync(NpgsqlConnection cn, string run, string phase, CancellationToken ct)
    {
        var rows = await Postgres.QueryAsync(cn, """
            WITH p AS (SELECT c.id, c.made_on >= date '2018-01-01' AS breach_era, c.status FROM commitments c WHERE c.clause LIKE @pattern)
            SELECT p.id, p.breach_era, p.status,
                   coalesce(a.n, 0) AS alerts, coalesce(l.n, 0) AS lapses, coalesce(o.n, 0) AS events,
                   EXISTS (SELECT 1 FROM remediation_items r WHERE r.commitment_id = p.id) AS listed
            FROM p
            LEFT JOIN (SELECT commitment_id, count(*) AS n FROM breach_alerts WHERE kind = 'Breach' GROUP BY commitment_id) a ON a.commitment_id = p.id
            LEFT JOIN (SELECT commitment_id, count(*) AS n FROM ledger_history WHERE event = 'Lapsed' GROUP BY commitment_id) l ON l.commitment_id = p.id
            LEFT JOIN (SELECT (payload->>'commitmentId')::uuid AS commitment_id, count(*) AS n FROM outbox
                       WHERE type = 'BreachAlertRaised' AND payload->>'kind' = 'Breach' GROUP BY 1) o ON o.commitment_id = p.id
            """, r => (Id: r.GetGuid(0), BreachEra: r.GetBoolean(1), Status: r.GetString(2), Alerts: r.GetInt64(3), Lapses: r.GetInt64(4), Events: r.GetInt64(5),
                Listed: r.GetBoolean(6)), ct, ("pattern", $"%[rh:{run}:{phase}:%"));
        var problems = new List<string>();
        void Note(string what, IEnumerable<Guid> ids)
        {
            foreach (var id in ids.Take(5))
                problems.Add($"{what}: promise {id}");
        }
        var era = rows.Where(r => r.BreachEra).ToList();
        var pre = rows.Where(r => !r.BreachEra).ToList();
        Note("NOT LAPSED", rows.Where(r => r.Status != "Lapsed").Select(r => r.Id));
        Note("ALERT DOUBLED", era.Where(r => r.Alerts > 1).Select(r => r.Id));
        Note("ALERT MISSED", era.Where(r => r.Alerts == 0).Select(r => r.Id));
        Note("ALERT FOR A PRE-2018 PROMISE", pre.Where(r => r.Alerts > 0).Select(r => r.Id));
        Note("LAPSE LEDGER ENTRIES ≠ 1", rows.Where(r => r.Lapses != 1).Select(r => r.Id));
        Note("OUTBOX EVENTS ≠ ALERTS", rows.Where(r => r.Events != r.Alerts).Select(r => r.Id));
        Note("PRE-2018 NOT ON THE LIST", pre.Where(r => !r.Listed).Select(r => r.Id));
        return new LapseAccount(rows.Count, era.Count, pre.Count, rows.Count(r => r.Status == "Lapsed"),
            era.Count, era.Count(r => r.Alerts >= 1), era.Count(r => r.Alerts > 1), era.Count(r => r.Alerts == 0), pre.Count(r => r.Alerts > 0),
            rows.Count(r => r.Lapses != 1), rows.Count(r => r.Events != r.Alerts), pre.Count(r => !r.Listed), problems);
    }
}
