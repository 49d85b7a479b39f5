using System.Diagnostics;
using System.Globalization;

namespace BizEnv.Invest.Reliability;

/// <summary>A phase's figures plus what happened during it (kills, restarts, recovery times) and any failed expectation.</summary>
public sealed record PhaseResult(WriteAccount Writes, IReadOnlyList<string> Events, IReadOnlyList<string> Failures)
{
    public bool Passed => Writes.Passed && Failures.Count == 0;
}

public sealed record LapseResult(WriteAccount Recording, LapseAccount Lapse, IReadOnlyList<string> Events, IReadOnlyList<string> Failures)
{
    public bool Passed => Recording.Passed && Lapse.Passed && Failures.Count == 0;
}

public sealed record LedgerVerdict(bool CliIntact, string CliOutput, bool ApiIntact, string ApiOutput, long OrphanEntries)
{
    public bool Passed => CliIntact && ApiIntact && OrphanEntries == 0;
}

/// <summary>
/// Two app processes on one database, the writers, and the three phases: kill -9 cycles during
/// concurrent writes, immediate PostgreSQL stops, and a mass lapse with one node killed mid-way.
/// </summary>
public sealed class Harness : IAsyncDisposable
{
    private const string Password = "Invest@2026";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly Options _options;
    private readonly Postgres _pg;
    private readonly Random _random;
    private readonly Node[] _nodes;
    private readonly List<ApiSession> _sessions = [];
    private readonly Dictionary<string, string> _settings;
    private readonly string _run = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
    private readonly DateOnly _today = DateOnly.FromDateTime(DateTime.UtcNow);
    private Writers? _writers;
    private Guid[] _projects = [];

    public Harness(Options options)
    {
        _options = options;
        _pg = new Postgres(options);
        _random = new Random(options.Seed);
        _nodes = [new Node("node-a", options, WritePids), new Node("node-b", options, WritePids)];
        _settings = new Dictionary<string, string>
        {
            // A reminder tick missed while its silo died comes again after this period (default 60 s).
            ["Grains__RetrySeconds"] = "5",
            // Every node signs checkpoints with one SM2 key (the test key of BizEnv.Invest.Testing.TestSigningKey; this project references no app project).
            ["Ledger__SigningKey"] = "MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQgeOWSGbp1T8bXtd4ChXdOFOyhjRCcTH7tVGKS5C+dDz6hRANCAASJQ8Yjcv99J+Kl7Z8VbPSzls4/W1OX41N1xASubzkFWsiXHpygvAUCsm5JlendG2aDzyQNLzYetH6aWtT7aBZf",
        };
    }

    public string Run => _run;

    private void WritePids()
    {
        if (_options.PidFile is { } file)
            File.WriteAllLines(file, _nodes.Select(n => n.Pid).OfType<int>().Select(p => p.ToString(CultureInfo.InvariantCulture)));
    }

    private static void Say(string text) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");

    /// <summary>Starts node A, then node B (one after the other, so the first start creates the shared data-protection key), signs the writers in.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await StartNodesAsync(_settings, ct);
        for (var i = 0; i < _options.Writers; i++)
        {
            var session = new ApiSession(TimeSpan.FromSeconds(30));
            _sessions.Add(session);
            // Signed in on one node, writing on both: the session must hold across nodes.
            await session.SignInAsync(_nodes[i % 2].BaseUri, "officer", Password, ct);
        }
        var page = await _sessions[0].GetAsync(_nodes[0].BaseUri, "api/v1/projects?pageSize=100", ct);
        _projects = page.GetProperty("items").EnumerateArray()
            .Where(p => p.GetProperty("stage").GetString() != "Terminated").Select(p => p.GetProperty("id").GetGuid()).ToArray();
        if (_projects.Length == 0)
            throw new InvalidOperationException("the demo officer has no project to record promises on");
        _writers = new Writers(_sessions, _nodes, _options, _run);
        Say($"run {_run}: 2 nodes ({_nodes[0].BaseUri} and {_nodes[1].BaseUri}), {_options.Writers} writers signed in as officer, {_projects.Length} projects");
    }

    private async Task StartNodesAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        foreach (var node in _nodes)
        {
            node.Start(settings);
            var ready = await node.WaitReadyAsync(ReadyTimeout, ct);
            Say($"{node.Name} pid {node.Pid} ready in {ready.TotalSeconds:F1} s");
        }
    }

    /// <summary>A promise that binds at once: a tax rebate of 100,000 CNY (the officer's unit may promise up to 10 million) with its policy basis.</summary>
    private object Promise(string marker, int n, DateOnly madeOn, DateOnly dueDate) => new
    {
        projectId = _projects[n % _projects.Length],
        kind = "TaxRebate",
        clause = $"可靠性测试：地方留成税收奖励 10 万元 [{marker}]",
        valueCny = 100_000m,
        madeOn,
        dueDate,
        policyTitle = "海川市招商引资优惠政策",
        policyNumber = "海政发〔2024〕12号",
        contractRef = $"RH-{n:D6}",
    };

    // Due beyond the 75-day warning horizon: these promises stay quietly open.
    private object RunningPromise(string marker, int n) => Promise(marker, n, _today, _today.AddDays(120));

    /// <summary>Phase "kill": writers on both nodes while one node at a time is killed with -9 and restarted.</summary>
    public async Task<PhaseResult> KillPhaseAsync(CancellationToken abort)
    {
        const string phase = "kill";
        Say($"phase {phase}: {_options.Writers} writers, {_options.KillCycles} kill -9 cycles");
        var events = new List<string>();
        var failures = new List<string>();
        using var stop = new CancellationTokenSource();
        var traffic = _writers!.Start(phase, RunningPromise, null, stop.Token, abort);
        var restartedAt = new long[_nodes.Length];
        try
        {
            await Task.Delay(2000, abort);
            for (var cycle = 1; cycle <= _options.KillCycles; cycle++)
            {
                await Task.Delay(_random.Next(1000, 3000), abort);
                var v = _random.Next(_nodes.Length);
                var victim = _nodes[v];
                var inFlight = traffic.InFlight(v);
                var pid = victim.Kill($"kill cycle {cycle}");
                await Task.Delay(_random.Next(300, 1500), abort);
                victim.Start();
                var ready = await victim.WaitReadyAsync(ReadyTimeout, abort);
                restartedAt[v] = Stopwatch.GetTimestamp();
                var line = $"cycle {cycle}: kill -9 {victim.Name} (pid {pid}) with {inFlight} writes in flight; restarted, ready in {ready.TotalSeconds:F1} s";
                events.Add(line);
                Say(line);
                CheckAlive(failures, "during the kill cycles");
            }
            await Task.Delay(3000, abort);
        }
        finally
        {
            stop.Cancel();
        }
        await traffic.Completion.WaitAsync(TimeSpan.FromSeconds(90), abort);
        for (var i = 0; i < _nodes.Length; i++)
            if (restartedAt[i] != 0 && traffic.LastAckTimestamp(i) < restartedAt[i])
                failures.Add($"{_nodes[i].Name} acknowledged no write after its last restart");
        return new PhaseResult(await AccountAsync(phase, traffic, abort), events, failures);
    }

    /// <summary>Phase "pg-stop": writers on both nodes while PostgreSQL is stopped with -m immediate and started again; the nodes must recover by themselves.</summary>
    public async Task<PhaseResult> PgStopPhaseAsync(CancellationToken abort)
    {
        const string phase = "pg-stop";
        Say($"phase {phase}: {_options.Writers} writers, {_options.PgStops} immediate PostgreSQL stops");
        var events = new List<string>();
        var failures = new List<string>();
        var pids = _nodes.Select(n => n.Pid).ToArray();
        using var stop = new CancellationTokenSource();
        var traffic = _writers!.Start(phase, RunningPromise, null, stop.Token, abort);
        try
        {
            await Task.Delay(2000, abort);
            for (var cycle = 1; cycle <= _options.PgStops; cycle++)
            {
                await Task.Delay(_random.Next(1000, 3000), abort);
                var inFlight = string.Join(", ", _nodes.Select((n, i) => $"{n.Name} {traffic.InFlight(i)}"));
                var down = Stopwatch.StartNew();
                await _pg.StopImmediateAsync(abort);
                await Task.Delay(_random.Next(1000, 3000), abort);
                var starting = Stopwatch.StartNew();
                await _pg.StartAsync(abort);
                var back = Stopwatch.GetTimestamp();
                var line = $"cycle {cycle}: pg_ctl stop -m immediate (writes in flight: {inFlight}); down {down.Elapsed.TotalSeconds:F1} s (start with crash recovery {starting.Elapsed.TotalSeconds:F1} s);";
                // Recovery = the first write each node acknowledges after PostgreSQL is back, without restarting any node.
                for (var i = 0; i < _nodes.Length; i++)
                {
                    var deadline = Stopwatch.StartNew();
                    while (traffic.LastAckTimestamp(i) < back && deadline.Elapsed < TimeSpan.FromSeconds(60))
                        await Task.Delay(20, abort);
                    line += traffic.LastAckTimestamp(i) < back
                        ? $" {_nodes[i].Name} NOT recovered in 60 s"
                        : $" {_nodes[i].Name} writes again after {Stopwatch.GetElapsedTime(back, traffic.LastAckTimestamp(i)).TotalSeconds:F2} s";
                    if (traffic.LastAckTimestamp(i) < back)
                        failures.Add($"cycle {cycle}: {_nodes[i].Name} acknowledged no write within 60 s of PostgreSQL being back");
                }
                events.Add(line);
                Say(line);
                CheckAlive(failures, "during the PostgreSQL stops");
            }
            await Task.Delay(2000, abort);
        }
        finally
        {
            stop.Cancel();
        }
        await traffic.Completion.WaitAsync(TimeSpan.FromSeconds(90), abort);
        if (!pids.SequenceEqual(_nodes.Select(n => n.Pid)))
            failures.Add("a node process was restarted or exited during the PostgreSQL stops (the app must recover without a restart)");
        return new PhaseResult(await AccountAsync(phase, traffic, abort), events, failures);
    }

    /// <summary>
    /// Phase "mass-lapse": record the promises through the API with a due date already passed (one in
    /// ten made before 2018) — each lapses by its grain's reminder about a second after it is recorded,
    /// its lapse group-committed with the others of its silo; once 10–50 % have lapsed, kill -9 one node
    /// (its silo's reminders and half-written lapse batch with it) and restart it. Every recorded promise
    /// must lapse exactly once: the survivor takes over the dead silo's reminders.
    /// </summary>
    public async Task<LapseResult> MassLapsePhaseAsync(CancellationToken abort)
    {
        const string phase = "mass-lapse";
        var events = new List<string>();
        var failures = new List<string>();
        Say($"phase {phase}: recording {_options.Lapse} promises already past due; their grains lapse them as they are recorded");
        await using var cn = await _pg.OpenAsync(abort);
        var pattern = $"%[rh:{_run}:{phase}:%";
        var due = _today.AddDays(-30);
        var traffic = _writers!.Start(phase, (marker, n) => Promise(marker, n, n % 10 == 0 ? new DateOnly(2017, 6, 1) : due.AddDays(-400), due),
            _options.Lapse, CancellationToken.None, abort);
        var clock = Stopwatch.StartNew();
        // Kill somewhere between a tenth and half of the way through, so lapses committed by the victim,
        // lapses it was writing, and reminders it owned but had not fired yet are all in play.
        var killAt = Math.Max(1, (long)(_options.Lapse * (0.1 + 0.4 * _random.NextDouble())));
        Node? victim = null;
        while (!traffic.Completion.IsCompleted && victim is null && clock.Elapsed < TimeSpan.FromMinutes(15))
        {
            var lapsed = await Postgres.ScalarAsync(cn, "SELECT count(*) FROM commitments WHERE clause LIKE @p AND status = 'Lapsed'", abort, ("p", pattern));
            if (lapsed >= killAt)
            {
                victim = _nodes[_random.Next(_nodes.Length)];
                var pid = victim.Kill("mid-lapse");
                var line = $"kill -9 {victim.Name} (pid {pid}) with {lapsed} lapses committed, recording still under way";
                events.Add(line);
                Say(line);
                await Task.Delay(_random.Next(300, 1500), abort);
                victim.Start();
                await victim.WaitReadyAsync(ReadyTimeout, abort);
                events.Add($"{victim.Name} restarted");
            }
            await Task.Delay(20, abort);
        }
        await traffic.Completion.WaitAsync(TimeSpan.FromMinutes(15), abort);
        var recorded = await AccountAsync(phase, traffic, abort);
        if (victim is null)
            failures.Add($"every promise was recorded before {killAt} had lapsed: no node was killed mid-way (use more promises)");
        // Nothing of this phase may stay un-lapsed: the dead silo's reminders fire on the survivor (or on the restarted node).
        long open = -1;
        var settling = Stopwatch.StartNew();
        while (settling.Elapsed < TimeSpan.FromSeconds(120))
        {
            open = await Postgres.ScalarAsync(cn, "SELECT count(*) FROM commitments WHERE clause LIKE @p AND status <> 'Lapsed'", abort, ("p", pattern));
            if (open == 0)
                break;
            await Task.Delay(250, abort);
        }
        var finished = $"all recorded promises lapsed {clock.Elapsed.TotalSeconds:F1} s after recording began, {settling.Elapsed.TotalSeconds:F1} s after it ended ({open} left open)";
        events.Add(finished);
        Say(finished);
        await Task.Delay(3000, abort); // a repeated tick would have written its second lapse by now
        CheckAlive(failures, "during the mass lapse");
        return new LapseResult(recorded, await LapseAccount.TakeAsync(cn, _run, phase, abort), events, failures);
    }

    /// <summary>The app's own verifier, from the command line and through the API as the integrity office, plus ledger entries without a promise.</summary>
    public async Task<LedgerVerdict> VerifyLedgerAsync(CancellationToken abort)
    {
        Say("verifying the ledger");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.Combine(_options.Root, "src", "BizEnv.Invest.Web") };
        start.ArgumentList.Add(_options.AppDll);
        start.ArgumentList.Add("--verify-ledger");
        start.Environment.Remove("ConnectionStrings__InvestOwner");
        start.Environment["ConnectionStrings__Invest"] = _options.AppConnection;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the verifier");
        var output = process.StandardOutput.ReadToEndAsync(abort);
        var error = process.StandardError.ReadToEndAsync(abort);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
        timeout.CancelAfter(TimeSpan.FromSeconds(180));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var cliText = ((await output).Trim() + " " + (await error).Trim()).Trim();
        var cli = $"exit {process.ExitCode}: {cliText}";

        var node = _nodes.First(n => n.Running);
        using var integrity = new ApiSession(TimeSpan.FromSeconds(120));
        await integrity.SignInAsync(node.BaseUri, "integrity", Password, abort);
        var api = await integrity.GetAsync(node.BaseUri, "api/v1/ledger/verify", abort);
        var apiIntact = api.GetProperty("intact").GetBoolean();
        var apiText = $"intact={apiIntact}, entries={api.GetProperty("entries").GetInt64()}" +
            (apiIntact ? "" : $", first broken {api.GetProperty("firstBrokenSeq")}: {api.GetProperty("problem")}");

        await using var cn = await _pg.OpenAsync(abort);
        var orphans = await Postgres.ScalarAsync(cn,
            "SELECT count(*) FROM ledger_history l WHERE NOT EXISTS (SELECT 1 FROM commitments c WHERE c.id = l.commitment_id)", abort);
        return new LedgerVerdict(process.ExitCode == 0 && cliText.Contains("intact", StringComparison.OrdinalIgnoreCase), cli, apiIntact, apiText, orphans);
    }

    private async Task<WriteAccount> AccountAsync(string phase, Traffic traffic, CancellationToken ct)
    {
        await using var cn = await _pg.OpenAsync(ct);
        return await WriteAccount.TakeAsync(cn, _run, phase, traffic, ct);
    }

    private void CheckAlive(List<string> failures, string when)
    {
        foreach (var node in _nodes.Where(n => !n.Running))
        {
            failures.Add($"{node.Name} exited by itself {when} (see {node.Name}.log)");
            node.Start();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
            await node.DisposeAsync();
        WritePids();
        foreach (var s in _sessions)
            s.Dispose();
    }

    /// <summary>Kills the app processes at once (Ctrl+C, process exit): never leave a node behind.</summary>
    public void KillAll()
    {
        foreach (var node in _nodes)
            node.Kill("harness interrupted");
    }
}
