using System.Globalization;

namespace BizEnv.Invest.Reliability;

/// <summary>
/// What to run. The knobs come from the command line; where the database and the app are comes
/// from the environment run.sh sets up (RH_* variables), so the console can also be pointed at a
/// cluster of one's own.
/// </summary>
public sealed record Options(
    string Root, string AppDll, string SuperuserConnection, string AppConnection, string PgData, string PgBin, string OutputDir, string? PidFile,
    int Writers, int KillCycles, int PgStops, int Lapse, bool RetryUnknown, int Seed, IReadOnlySet<string> Phases)
{
    public const string Usage = """
        Usage: run.sh [--writers 16] [--kill-cycles 5] [--pg-stops 4] [--lapse 2000]
                      [--retry-unknown] [--seed N] [--phases kill,pg-stop,mass-lapse]
        """;

    public static Options Parse(string[] args)
    {
        string Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
            ? v
            : throw new ArgumentException($"{name} is not set: start the harness with tests/BizEnv.Invest.Reliability/run.sh");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a is "--retry-unknown")
                flags.Add(a);
            else if (a.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
                values[a] = args[++i];
            else
                throw new ArgumentException($"unknown argument '{a}'\n{Usage}");
        }
        int Int(string name, int fallback, int min, int max)
        {
            if (!values.TryGetValue(name, out var text))
                return fallback;
            var v = int.Parse(text, CultureInfo.InvariantCulture);
            return v < min || v > max ? throw new ArgumentException($"{name} must be between {min} and {max}") : v;
        }
        var root = Env("RH_ROOT");
        var phases = (values.GetValueOrDefault("--phases") ?? "kill,pg-stop,mass-lapse").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var p in phases)
            if (p is not ("kill" or "pg-stop" or "mass-lapse"))
                throw new ArgumentException($"unknown phase '{p}'\n{Usage}");
        values.Remove("--phases");
        var known = new[] { "--writers", "--kill-cycles", "--pg-stops", "--lapse", "--seed" };
        foreach (var k in values.Keys)
            if (!known.Contains(k))
                throw new ArgumentException($"unknown option '{k}'\n{Usage}");
        return new Options(
            root,
            Path.Combine(root, "src", "BizEnv.Invest.Web", "bin", "Release", "net10.0", "BizEnv.Invest.Web.dll"),
            Env("RH_SUPERUSER_CS"), Env("RH_APP_CS"), Env("RH_PGDATA"), Env("RH_PG_BIN"), Env("RH_OUT"), Environment.GetEnvironmentVariable("RH_PIDFILE"),
            Int("--writers", 16, 1, 64), Int("--kill-cycles", 5, 0, 50), Int("--pg-stops", 4, 0, 50), Int("--lapse", 2000, 10, 20_000),
            flags.Contains("--retry-unknown"), Int("--seed", Environment.TickCount & 0xFFFF, 0, int.MaxValue),
            phases.ToHashSet(StringComparer.Ordinal));
    }
}
