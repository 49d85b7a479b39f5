namespace BizEnv.Invest.Reliability;

/// <summary>The summary table and the verdict.</summary>
public static class Report
{
    public static bool Print(string run, IReadOnlyList<PhaseResult> phases, LapseResult? lapse, LedgerVerdict? ledger, string? error)
    {
        var w = Console.Out;
        w.WriteLine();
        w.WriteLine($"══ Reliability harness, run {run} ══");
        var accounts = phases.Select(p => p.Writes).ToList();
        if (lapse is not null)
            accounts.Add(lapse.Recording with { Phase = "mass-lapse (recording)" });
        var failures = new List<string>();
        if (accounts.Count > 0)
        {
            w.WriteLine("Writes (one write = one marker; a retry carries the same marker and Idempotency-Key):");
            w.WriteLine($"  {"phase",-24}{"writes",8}{"acked",8}{"lost",6}{"dup",6}{"unacked-present",17}{"failed-answer",15}{"unknown",9}{"undelivered",13}{"ledger/audit≠1",16}");
            foreach (var a in accounts)
                w.WriteLine($"  {a.Phase,-24}{a.Writes,8}{a.Acknowledged,8}{a.Lost,6}{a.Duplicated,6}{a.UnacknowledgedButPresent,17}{a.FailedWithAnswer,15}{a.Unknown,9}{a.NotDelivered,13}{a.LedgerOrAuditGaps,16}");
            w.WriteLine("  answers per attempt:");
            foreach (var a in accounts)
                w.WriteLine($"    {a.Phase,-24}{string.Join(", ", a.Answers.Select(kv => $"{kv.Key} × {kv.Value}"))}");
            foreach (var a in accounts.Where(a => !a.Passed))
                failures.Add($"{a.Phase}: {a.Lost} lost, {a.Duplicated} duplicated, {a.LedgerOrAuditGaps} ledger/audit gaps");
        }
        foreach (var p in phases)
        {
            w.WriteLine($"Phase {p.Writes.Phase}:");
            foreach (var e in p.Events)
                w.WriteLine($"  {e}");
            foreach (var sample in p.Writes.Samples)
                w.WriteLine($"  e.g. {sample}");
            foreach (var problem in p.Writes.Problems.Take(15))
                w.WriteLine($"  ! {problem}");
            failures.AddRange(p.Failures.Select(f => $"{p.Writes.Phase}: {f}"));
        }
        if (lapse is not null)
        {
            var l = lapse.Lapse;
            w.WriteLine("Phase mass-lapse:");
            foreach (var e in lapse.Events)
                w.WriteLine($"  {e}");
            w.WriteLine($"  {l.Promises} promises ({l.BreachEra} made since 2018-01-01, {l.Pre2018} before), {l.Lapsed} lapsed");
            w.WriteLine($"  {"alerts:",-10}{"expected",10}{"raised",8}{"doubled",9}{"missed",8}{"raised for pre-2018",21}");
            w.WriteLine($"  {"",-10}{l.AlertsExpected,10}{l.AlertsRaised,8}{l.AlertsDoubled,9}{l.AlertsMissed,8}{l.AlertsWrong,21}");
            w.WriteLine($"  promises without exactly one 'Lapsed' ledger entry: {l.LapseEntriesNotOne}; outbox events ≠ alerts: {l.OutboxEventsNotOne}; " +
                $"pre-2018 not on the remediation list: {l.Pre2018NotListed}");
            foreach (var problem in l.Problems.Concat(lapse.Recording.Problems).Take(20))
                w.WriteLine($"  ! {problem}");
            if (!l.Passed)
                failures.Add($"mass-lapse: {l.Promises - l.Lapsed} not lapsed, {l.AlertsMissed} alerts missed, {l.AlertsDoubled} doubled, {l.AlertsWrong} wrongly raised, " +
                    $"{l.LapseEntriesNotOne} lapse entries ≠ 1, {l.OutboxEventsNotOne} outbox ≠ alerts, {l.Pre2018NotListed} pre-2018 unlisted");
            failures.AddRange(lapse.Failures.Select(f => $"mass-lapse: {f}"));
        }
        if (ledger is not null)
        {
            w.WriteLine("Ledger:");
            w.WriteLine($"  --verify-ledger: {ledger.CliOutput}");
            w.WriteLine($"  GET /api/v1/ledger/verify (integrity): {ledger.ApiOutput}");
            w.WriteLine($"  ledger entries without a promise: {ledger.OrphanEntries}");
            w.WriteLine($"  verdict: {(ledger.Passed ? "intact" : "BROKEN")}");
            if (!ledger.Passed)
                failures.Add("ledger: not intact");
        }
        else
            failures.Add("ledger: not verified");
        if (error is not null)
        {
            w.WriteLine($"Harness error: {error}");
            failures.Add("the harness did not complete");
        }
        var unknownPresent = accounts.Sum(a => a.UnacknowledgedButPresent);
        if (unknownPresent > 0)
            w.WriteLine($"Note: {unknownPresent} write(s) whose client got no success are in the database — the usual ambiguity of a connection (or the database) dying between commit and answer; not a loss.");
        w.WriteLine(failures.Count == 0 ? "VERDICT: PASS — 0 lost, 0 duplicated, 0 missed or doubled alerts, ledger intact" : "VERDICT: FAIL");
        foreach (var f in failures)
            w.WriteLine($"  - {f}");
        return failures.Count == 0;
    }
}
