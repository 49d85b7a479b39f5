using System.Diagnostics;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Application.Commitments.VerifyLedger;
using BizEnv.Invest.Testing;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BizEnv.Invest.Web.Tests;

/// <summary>
/// The operator's proofs from the server's own binary: an entry in a checkpoint and two checkpoints consistent
/// (exit 0), the same commands after a superuser rewrote a sealed entry or a checkpoint's root (exit 2, said in
/// words), and a wrong command line (exit 64).
/// </summary>
public sealed class LedgerCommandLineTests
{
    [Fact]
    public async Task Proofs_from_the_command_line_hold_on_an_intact_ledger_and_fail_once_it_was_rewritten()
    {
        var database = await TestPostgres.CreateDatabaseAsync("ledgercli");
        var signer = CheckpointSigner.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ledger:SigningKey"] = TestSigningKey.Sm2 }).Build());
        await using var app = NpgsqlDataSource.Create(database.AppConnectionString);
        var older = await SealAsync(app, signer, 5);
        var newer = await SealAsync(app, signer, 4);

        var entry = await RunAsync(database, "--prove-entry", "3", older.ToString());
        entry.Code.ShouldBe(0, entry.Output);
        entry.Output.ShouldContain($"Entry 3 is in checkpoint #{older} (5 entries)");
        entry.Output.ShouldContain("signature verified");
        var consistent = await RunAsync(database, "--prove-consistency", older.ToString(), newer.ToString());
        consistent.Code.ShouldBe(0, consistent.Output);
        consistent.Output.ShouldContain($"Checkpoint #{newer} (9 entries) only appended to checkpoint #{older} (5 entries)");

        await using (var su = new NpgsqlConnection(database.SuperuserConnectionString))
        {
            await su.ExecuteAsync("SET session_replication_role = replica; UPDATE commitment_ledger SET state = replace(state, '办结', '完成') WHERE seq = 3");
            await su.ExecuteAsync("SET session_replication_role = replica; UPDATE ledger_checkpoints SET tree_root = @other WHERE id = @older", new { other = new byte[32], older });
        }
        var rewritten = await RunAsync(database, "--prove-entry", "3", newer.ToString());
        rewritten.Code.ShouldBe(2, rewritten.Output);
        rewritten.Output.ShouldContain($"NOT PROVEN: entry 3 as stored does not lead to the root checkpoint #{newer} sealed");
        var forked = await RunAsync(database, "--prove-consistency", older.ToString(), newer.ToString());
        forked.Code.ShouldBe(2, forked.Output);
        forked.Output.ShouldContain($"NOT CONSISTENT: checkpoint #{newer}");
        var missing = await RunAsync(database, "--prove-entry", "10", newer.ToString());
        (missing.Code, missing.Output.Contains("ledger.proof.leaf_out_of_range")).ShouldBe((2, true), missing.Output);

        (await RunAsync(database, "--prove-entry", "3")).Code.ShouldBe(64);
    }

    /// <summary>Appends <paramref name="entries"/> entries, seals them and writes a signed checkpoint; returns its id.</summary>
    private static async Task<long> SealAsync(NpgsqlDataSource app, ICheckpointSigner signer, int entries)
    {
        await using var cn = await app.OpenConnectionAsync();
        await using var tx = await cn.BeginTransactionAsync();
        var at = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        await new LedgerWriter().AppendManyAsync(cn, tx, [.. Enumerable.Range(0, entries).Select(i =>
            new LedgerEntry(Guid.NewGuid(), "Recorded", "officer", at.AddMinutes(i), null, new Dictionary<string, string> { ["clause"] = $"{i} 个工作日内办结" }))], default);
        await CheckpointWriter.WriteAsync(cn, tx, signer, new LedgerSequencer(app, NullLogger<LedgerSequencer>.Instance), DateTimeOffset.UtcNow, default);
        await tx.CommitAsync();
        return await cn.ExecuteScalarAsync<long>("SELECT max(id) FROM ledger_checkpoints");
    }

    private static async Task<(int Code, string Output)> RunAsync(TestDatabase database, params string[] command)
    {
        var webDir = Path.Combine(RepoPaths.Root, "src", "BizEnv.Invest.Web");
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = webDir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(webDir, "bin", configuration, "net10.0", "BizEnv.Invest.Web.dll"));
        foreach (var arg in command)
            start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__Invest"] = database.AppConnectionString;
        start.Environment["ConnectionStrings__InvestOwner"] = database.OwnerConnectionString;
        start.Environment["Ledger__SigningKey"] = TestSigningKey.Sm2;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await errors);
    }
}
