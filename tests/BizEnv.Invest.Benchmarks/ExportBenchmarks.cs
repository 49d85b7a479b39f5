using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Audit.ExportAuditLog;
using BizEnv.Invest.Application.Audit.SearchAuditLog;
using BizEnv.Invest.Application.Commitments.ExportBreachAlerts;
using BizEnv.Invest.Application.Commitments.ListBreachAlerts;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.Investors.ExportInvestors;
using BizEnv.Invest.Application.Crm.Investors.ListInvestors;
using BizEnv.Invest.Application.Crm.Projects.ExportProjects;
using BizEnv.Invest.Application.Crm.Projects.ListProjects;
using MediatR;
using Npgsql;

namespace BizEnv.Invest.Benchmarks;

/// <summary>
/// The exports' target: four exports of 100,000 rows at once stay under 300 MB of resident memory.
/// Each export runs the real handler (MediatR pipeline, unbuffered Dapper read, streamed .xlsx into a
/// temporary file) and is then copied to a null sink as the API copies it to the response. The raw
/// side is the same SELECT (same parameters, inlined) as <c>COPY … TO STDOUT</c> read into a sink: the
/// database's part of the work with nothing on top.
/// </summary>
internal static partial class ExportBenchmarks
{
    private const long TargetMb = 300;

    private sealed record Kind(string Name, IRequest<FileDownload> Request, string Sql, IReadOnlyDictionary<string, object?> Args);

    private sealed record Run(long Rows, long Bytes, double Seconds);

    public static async Task RunAsync(RequestDispatcher dispatcher, NpgsqlDataSource dataSource, string ownerConnection, Actor admin, Guid[] units, int rows)
    {
        var started = Stopwatch.StartNew();
        await CrmData.LoadAsync(ownerConnection, units, admin.UserId!.Value, rows, 1);
        await LoadAuditAndAlertsAsync(ownerConnection, rows);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loaded {rows:N0} investors, projects, audit entries and breach alerts in {started.Elapsed.TotalSeconds:F1} s"));

        Kind[] kinds =
        [
            new("audit log", new ExportAuditLog(new SearchAuditLog()), ExportAuditLogHandler.Sql,
                Properties(AuditLogFilter.Of(new SearchAuditLog()), ("limit", ExportRows.QueryLimit))),
            new("investors", new ExportInvestors(new ListInvestors()), InvestorListQuery.PageSql(InvestorListQuery.Order(new ListInvestors())),
                Properties(InvestorListQuery.Args(new ListInvestors(), admin, ExportRows.QueryLimit, 0))),
            new("projects", new ExportProjects(new ListProjects()), ProjectListQuery.PageSql(ProjectListQuery.Order(new ListProjects())),
                Properties(ProjectListQuery.Args(new ListProjects(), admin, ExportRows.QueryLimit, 0))),
            new("breach alerts", new ExportBreachAlerts(new BreachAlertFilter(Status: null)), BreachAlertQuery.Sql,
                Properties(BreachAlertQuery.Args(new BreachAlertFilter(Status: null), ExportRows.QueryLimit))),
        ];

        Console.WriteLine("'app' = MediatR pipeline + unbuffered Dapper + streamed .xlsx to a temporary file + copy to a null sink (as to the response);");
        Console.WriteLine("'raw' = the same SELECT with the same parameters as COPY (…) TO STDOUT into a null sink; peak = resident set high-water mark (VmHWM) during the run");
        foreach (var kind in kinds)
        {
            await AppExport(dispatcher, admin, kind); // warm-up: JIT, plans, caches
            var (app, appPeak, _) = await Peak(() => AppExport(dispatcher, admin, kind));
            var raw = await RawCopy(dataSource, kind);
            Console.WriteLine(Line($"app export {kind.Name}", app, appPeak));
            Console.WriteLine(Line($"raw COPY {kind.Name}", raw, null));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  ratio app/raw throughput = {raw.Seconds / app.Seconds:P0}; rows app {app.Rows:N0} = raw {raw.Rows:N0}: {(app.Rows == raw.Rows ? "same" : "DIFFERENT")}; file {app.Bytes / 1024.0 / 1024:F1} MB"));
        }

        foreach (var (name, batch) in new (string, Kind[])[] { ("4 concurrent: audit+investors+projects+alerts", kinds), ("4 concurrent: investors x4", [kinds[1], kinds[1], kinds[1], kinds[1]]) })
        {
            var (app, peak, before) = await Peak(async () =>
            {
                var clock = Stopwatch.StartNew();
                var runs = await Task.WhenAll(batch.Select(k => Task.Run(() => AppExport(dispatcher, admin, k))));
                return new Run(runs.Sum(r => r.Rows), runs.Sum(r => r.Bytes), clock.Elapsed.TotalSeconds);
            });
            var raw = await Timed(async () => (await Task.WhenAll(batch.Select(k => Task.Run(() => RawCopy(dataSource, k))))).Sum(r => r.Rows));
            Console.WriteLine(Line($"app {name}", app, peak));
            Console.WriteLine(Line($"raw {name}", raw, null));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  ratio app/raw throughput = {raw.Seconds / app.Seconds:P0}; peak RSS {peak} MB, {before} MB before the exports (target < {TargetMb} MB): {(peak < TargetMb ? "met" : "NOT MET")}"));
        }
    }

    /// <summary>One export as a download: the handler writes the file, the file is copied to a sink, then its rows are counted (not timed).</summary>
    private static async Task<Run> AppExport(RequestDispatcher dispatcher, Actor admin, Kind kind)
    {
        var clock = Stopwatch.StartNew();
        await using var file = await dispatcher.Send(kind.Request, admin);
        await file.Content.CopyToAsync(Stream.Null);
        var seconds = clock.Elapsed.TotalSeconds;
        file.Content.Position = 0;
        return new Run(await CountDataRows(file.Content), file.Content.Length, seconds);
    }

    /// <summary>Data rows in the sheet (every row but the title and the header), counted on the streamed-out part.</summary>
    private static async Task<long> CountDataRows(Stream xlsx)
    {
        using var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
        await using var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        var closing = "</x:row>"u8.ToArray();
        var buffer = new byte[64 * 1024];
        long rows = 0;
        var matched = 0;
        int read;
        while ((read = await sheet.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                matched = buffer[i] == closing[matched] ? matched + 1 : buffer[i] == closing[0] ? 1 : 0;
                if (matched == closing.Length)
                {
                    rows++;
                    matched = 0;
                }
            }
        }
        return rows - 2;
    }

    private static async Task<Run> RawCopy(NpgsqlDataSource dataSource, Kind kind)
    {
        var clock = Stopwatch.StartNew();
        await using var cn = await dataSource.OpenConnectionAsync();
        using var reader = await cn.BeginTextExportAsync($"COPY ({Inline(kind.Sql, kind.Args)}) TO STDOUT");
        var buffer = new char[64 * 1024];
        long rows = 0, chars = 0;
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            chars += read;
            rows += buffer.AsSpan(0, read).Count('\n'); // COPY's text format escapes newlines inside values
        }
        return new Run(rows, chars, clock.Elapsed.TotalSeconds);
    }

    private static async Task<Run> Timed(Func<Task<long>> work)
    {
        var clock = Stopwatch.StartNew();
        var rows = await work();
        return new Run(rows, 0, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Runs <paramref name="work"/> and reports the process's resident high-water mark over it: collected
    /// garbage first, then the kernel's VmHWM reset (clear_refs 5), read back at the end. Sampling
    /// the working set every 10 ms backs it up where the reset is not allowed.
    /// </summary>
    private static async Task<(Run Run, long PeakMb, long BeforeMb)> Peak(Func<Task<Run>> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = StatusKb("VmRSS:") / 1024;
        var reset = TryResetHighWaterMark();
        using var sampling = new CancellationTokenSource();
        long sampled = 0;
        var sampler = Task.Run(async () =>
        {
            using var self = Process.GetCurrentProcess();
            while (!sampling.IsCancellationRequested)
            {
                self.Refresh();
                sampled = Math.Max(sampled, self.WorkingSet64);
                await Task.Delay(10);
            }
        });
        var run = await work();
        await sampling.CancelAsync();
        await sampler;
        var peak = reset ? Math.Max(StatusKb("VmHWM:") * 1024, sampled) : sampled;
        return (run, peak / (1024 * 1024), before);
    }

    private static bool TryResetHighWaterMark()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A line of /proc/self/status in kB: VmRSS (resident now), VmHWM (resident high-water mark).</summary>
    private static long StatusKb(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static string Line(string name, Run run, long? peakMb) => string.Create(CultureInfo.InvariantCulture,
        $"{name,-52} rows={run.Rows,9:N0} s={run.Seconds,7:F2} rows/s={run.Rows / run.Seconds,9:F0}{(peakMb is { } p ? $" peak={p,5}MB" : "")}");

    private static async Task LoadAuditAndAlertsAsync(string ownerConnection, int rows)
    {
        await using var cn = new NpgsqlConnection(ownerConnection);
        await cn.OpenAsync();
        foreach (var sql in new[]
        {
            $"""
            INSERT INTO audit_log (at, user_id, user_name, roles, action, object_type, object_id, outcome, detail, client_ip)
            SELECT now() - n * interval '1 second', NULL, 'officer' || (n % 40), 'PromotionOfficer',
                   (ARRAY['SaveInvestor', 'CreateProject', 'ChangeProjectStage', 'LogVisit', 'SignIn'])[1 + n % 5], 'project', gen_random_uuid()::text,
                   CASE WHEN n % 17 = 0 THEN 'refused:project.stage_skip' ELSE 'success' END, '阶段：洽谈 → 签约，第 ' || n || ' 次变更', '10.0.' || (n % 256) || '.' || (n % 200)
            FROM generate_series(1, {rows}) n
            """,
            $"""
            INSERT INTO commitments (id, project_id, investor_id, unit_id, kind, clause, value_cny, made_on, due_date, lapse_at, promiser_name, status, created_at, updated_at)
            SELECT gen_random_uuid(), p.id, p.investor_id, p.unit_id, (ARRAY['Land', 'TaxRebate', 'Subsidy', 'Infrastructure'])[1 + p.n % 4],
                   '按投资协议第 ' || (p.n % 30 + 1) || ' 条，项目投产后兑现设备补助', (p.n % 500) * 10000, DATE '2023-03-01', DATE '2025-06-30',
                   TIMESTAMPTZ '2025-06-30 16:00Z', '张' || (p.n % 50), 'Lapsed', now(), now()
            FROM (SELECT id, investor_id, unit_id, row_number() OVER (ORDER BY number) AS n FROM projects WHERE number LIKE 'BM-%') p
            WHERE p.n <= {rows}
            """,
            """
            INSERT INTO breach_alerts (id, commitment_id, due_date, kind, raised_at)
            SELECT gen_random_uuid(), c.id, c.due_date, 'Breach', c.lapse_at + (hashtext(c.id::text) % 86400) * interval '1 second'
            FROM commitments c WHERE c.promiser_id IS NULL AND c.status = 'Lapsed' AND NOT EXISTS (SELECT 1 FROM breach_alerts a WHERE a.commitment_id = c.id)
            """,
            "VACUUM ANALYZE audit_log", "VACUUM ANALYZE commitments", "VACUUM ANALYZE breach_alerts",
        })
        {
            await using var command = new NpgsqlCommand(sql, cn) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync();
        }
    }

    private static IReadOnlyDictionary<string, object?> Properties(object args, params (string Name, object? Value)[] more)
    {
        var map = args.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(args), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in more)
            map[name] = value;
        return map;
    }

    /// <summary>COPY takes no parameters: the statement's <c>@name</c>s become SQL literals of the same values.</summary>
    private static string Inline(string sql, IReadOnlyDictionary<string, object?> args) =>
        ParameterName().Replace(sql, m => args.TryGetValue(m.Groups[1].Value, out var value)
            ? Literal(value)
            : throw new InvalidOperationException($"No value for parameter @{m.Groups[1].Value}"));

    private static string Literal(object? value) => value switch
    {
        null => "NULL",
        bool b => b ? "true" : "false",
        int or long or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        Guid g => $"'{g}'",
        DateTimeOffset t => $"'{t.ToString("O", CultureInfo.InvariantCulture)}'",
        string s => $"'{s.Replace("'", "''", StringComparison.Ordinal)}'",
        _ => throw new InvalidOperationException($"No literal for {value.GetType()}"),
    };

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterName();
}
