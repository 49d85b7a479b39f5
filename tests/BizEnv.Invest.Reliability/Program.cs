using System.Globalization;
using BizEnv.Invest.Reliability;

// The reliability harness: two app processes on one PostgreSQL, kill -9 cycles during concurrent
// writes, immediate PostgreSQL stops, a mass lapse with one node killed mid-way; then the figures.
// Exit 0 only with nothing lost or duplicated, no alert missed or doubled and an intact ledger.
// Started by tests/BizEnv.Invest.Reliability/run.sh, which provides the database (RH_* variables).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 64;
}
Directory.CreateDirectory(options.OutputDir);

// Every run is bounded: 30 minutes at most, whatever happens.
using var abort = new CancellationTokenSource(TimeSpan.FromMinutes(30));
var harness = new Harness(options);
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C: stop cleanly (the finally below kills the nodes); a second one ends the process at once.
    e.Cancel = !abort.IsCancellationRequested;
    abort.Cancel();
    if (!e.Cancel)
        harness.KillAll();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => harness.KillAll();

var results = new List<PhaseResult>();
LapseResult? lapse = null;
LedgerVerdict? ledger = null;
string? error = null;
try
{
    Console.WriteLine($"Reliability harness: writers {options.Writers}, kill cycles {options.KillCycles}, PostgreSQL stops {options.PgStops}, " +
        $"mass lapse {options.Lapse}, retry unknown {(options.RetryUnknown ? "yes" : "no")}, seed {options.Seed}; logs in {options.OutputDir}");
    await harness.StartAsync(abort.Token);
    if (options.Phases.Contains("kill"))
        results.Add(await harness.KillPhaseAsync(abort.Token));
    if (options.Phases.Contains("pg-stop"))
        results.Add(await harness.PgStopPhaseAsync(abort.Token));
    if (options.Phases.Contains("mass-lapse"))
        lapse = await harness.MassLapsePhaseAsync(abort.Token);
    ledger = await harness.VerifyLedgerAsync(abort.Token);
}
catch (OperationCanceledException) when (abort.IsCancellationRequested)
{
    error = "interrupted (Ctrl+C or the 30-minute limit)";
}
catch (Exception e)
{
    error = e.ToString();
}
finally
{
    await harness.DisposeAsync();
}

var passed = Report.Print(harness.Run, results, lapse, ledger, error);
return passed ? 0 : 1;
