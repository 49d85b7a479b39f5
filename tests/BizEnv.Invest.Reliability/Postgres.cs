using System.Diagnostics;
using Npgsql;

namespace BizEnv.Invest.Reliability;

/// <summary>
/// The harness's side of PostgreSQL: stopping and starting the throwaway cluster run.sh created
/// (pg_ctl, as the postgres OS user when we are root), and superuser queries to count what is
/// really in the database afterwards.
/// </summary>
public sealed class Postgres(Options options)
{
    public string Superuser { get; } = new NpgsqlConnectionStringBuilder(options.SuperuserConnection) { Pooling = false, Timeout = 10 }.ConnectionString;

    /// <summary>pg_ctl stop -m immediate: every backend is killed at once, no checkpoint; start-up runs crash recovery.</summary>
    public Task StopImmediateAsync(CancellationToken ct) => PgCtlAsync(ct, "-D", options.PgData, "-m", "immediate", "-w", "-t", "60", "stop");

    public Task StartAsync(CancellationToken ct) =>
        PgCtlAsync(ct, "-D", options.PgData, "-l", Path.Combine(options.PgData, "server.log"), "-w", "-t", "120", "start");

    private async Task PgCtlAsync(CancellationToken ct, params string[] args)
    {
        var pgCtl = Path.Combine(options.PgBin, "pg_ctl");
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : pgCtl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asRoot)
            foreach (var a in new[] { "-u", "postgres", "--", pgCtl })
                start.ArgumentList.Add(a);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not run pg_ctl");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(150));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pg_ctl {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var cn = new NpgsqlConnection(Superuser);
        await cn.OpenAsync(ct);
        return cn;
    }

    public static async Task<List<T>> QueryAsync<T>(NpgsqlConnection cn, string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, cn) { CommandTimeout = 120 };
        foreach (var (name, value) in parameters)
            cmd.Parameters.AddWithValue(name, value);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
            rows.Add(map(reader));
        return rows;
    }

    public static async Task<long> ScalarAsync(NpgsqlConnection cn, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, cn) { CommandTimeout = 120 };
        foreach (var (name, value) in parameters)
            cmd.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
