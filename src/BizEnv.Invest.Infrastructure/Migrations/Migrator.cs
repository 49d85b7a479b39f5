using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Infrastructure.Migrations;

/// <summary>
/// Applies the embedded forward-only scripts (infra/db/migrations/NNNN_name.sql) in order, each in
/// its own transaction, journaled with a SHA-256 checksum. A session-level advisory lock makes
/// concurrent starters queue: the second finds everything applied and does nothing. A script whose
/// text changed after it was applied stops start-up: history is never rewritten, add a new one.
/// </summary>
public sealed class Migrator(ILogger<Migrator> log)
{
    // Any constant will do, as long as every process uses the same one.
    private const long LockKey = 0x42_49_5A_45_4E_56_01;

    public const string AppRole = "invest_app";

    public static IReadOnlyList<MigrationScript> EmbeddedScripts() => MigrationScript.LoadEmbedded();

    public Task<IReadOnlyList<string>> MigrateAsync(string ownerConnectionString, CancellationToken ct = default) =>
        MigrateAsync(ownerConnectionString, EmbeddedScripts(), ct);

    /// <returns>The names of the scripts applied by this call.</returns>
    public async Task<IReadOnlyList<string>> MigrateAsync(string ownerConnectionString, IReadOnlyList<MigrationScript> scripts, CancellationToken ct = default)
    {
        await using var cn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString);
        await cn.OpenAsync(ct);
        await Exec(cn, "SELECT pg_advisory_lock(@k)", ct, ("k", LockKey));
        try
        {
            await EnsureAppRoleExists(cn, ct);
            await Exec(cn, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    id          integer PRIMARY KEY,
                    name        text NOT NULL,
                    checksum    text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now(),
                    applied_by  text NOT NULL DEFAULT current_user)
                """, ct);
            // The journal predates 0001's default privileges: the app role reads it (readiness check) but never writes it.
            await Exec(cn, $"GRANT SELECT ON schema_migrations TO {AppRole}", ct);
            var applied = await ReadJournal(cn, ct);
            var done = new List<string>();
            foreach (var script in scripts.OrderBy(s => s.Id))
            {
                if (applied.TryGetValue(script.Id, out var recorded))
                {
                    if (recorded.Checksum != script.Checksum)
                        throw new MigrationTamperedException(script.FileName, recorded.Checksum, script.Checksum);
                    continue;
                }
                await using var tx = await cn.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand(script.Sql, cn, tx))
                    await cmd.ExecuteNonQueryAsync(ct);
                await using (var journal = new NpgsqlCommand("INSERT INTO schema_migrations (id, name, checksum) VALUES (@id, @name, @sum)", cn, tx))
                {
                    journal.Parameters.AddWithValue("id", script.Id);
                    journal.Parameters.AddWithValue("name", script.FileName);
                    journal.Parameters.AddWithValue("sum", script.Checksum);
                    await journal.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                log.LogInformation("Applied migration {Migration}", script.FileName);
                done.Add(script.FileName);
            }
            return done;
        }
        finally
        {
            await Exec(cn, "SELECT pg_advisory_unlock(@k)", CancellationToken.None, ("k", LockKey));
        }
    }

    private static async Task EnsureAppRoleExists(NpgsqlConnection cn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @r)", cn);
        cmd.Parameters.AddWithValue("r", AppRole);
        if (!(bool)(await cmd.ExecuteScalarAsync(ct))!)
            throw new InvalidOperationException(
                $"The database role '{AppRole}' does not exist. Create it before migrating (see README, 'Configured database'): " +
                $"CREATE ROLE {AppRole} LOGIN PASSWORD '…';");
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadJournal(NpgsqlConnection cn, CancellationToken ct)
    {
        var result = new Dictionary<int, (string, string)>();
        await using var cmd = new NpgsqlCommand("SELECT id, name, checksum FROM schema_migrations", cn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        return result;
    }

    private static async Task Exec(NpgsqlConnection cn, string sql, CancellationToken ct, params (string Name, object Value)[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, cn);
        foreach (var (name, value) in args)
            cmd.Parameters.AddWithValue(name, value);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

public sealed record MigrationScript(int Id, string FileName, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    public static MigrationScript FromFile(string fileName, string text)
    {
        var dash = fileName.IndexOf('_');
        if (dash != 4 || !int.TryParse(fileName.AsSpan(0, 4), out var id) || !fileName.EndsWith(".sql", StringComparison.Ordinal))
            throw new InvalidOperationException($"Migration file '{fileName}' must be named NNNN_what.sql");
        // Line endings must not change a checksum: a Windows checkout is not a tampered script.
        return new MigrationScript(id, fileName, text.Replace("\r\n", "\n"));
    }

    internal static IReadOnlyList<MigrationScript> LoadEmbedded()
    {
        var assembly = typeof(Migrator).Assembly;
        const string prefix = "Migrations.";
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                return FromFile(n[prefix.Length..], reader.ReadToEnd());
            })
            .OrderBy(s => s.Id)
            .ToList();
        var duplicate = scripts.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two migrations share number {duplicate.Key:D4}");
        return scripts;
    }
}

public sealed class MigrationTamperedException(string fileName, string recorded, string current)
    : Exception($"Migration {fileName} was changed after it was applied (recorded checksum {recorded[..12]}…, now {current[..12]}…). " +
                "Applied migrations are never edited: restore the original text and add a new migration for the change.")
{
    public string FileName { get; } = fileName;
}
