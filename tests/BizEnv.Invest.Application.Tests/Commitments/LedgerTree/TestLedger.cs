using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Application.Commitments.VerifyLedger;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Ledger.Merkle;
using BizEnv.Invest.Testing;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Commitments.LedgerTree;

/// <summary>
/// A ledger of its own per test, on a fresh database with no cluster: entries appended by the real writer,
/// sealed by the real sequencer, and tampered with as the superuser (with triggers off, as an attacker with
/// the database would) — so each tamper test starts from a ledger that verifies.
/// </summary>
public sealed class TestLedger : IAsyncDisposable
{
    private TestLedger(TestDatabase db)
    {
        Db = db;
        App = NpgsqlDataSource.Create(db.AppConnectionString);
        Sequencer = new LedgerSequencer(App, NullLogger<LedgerSequencer>.Instance, Signer);
        Unsigned = new LedgerSequencer(App, NullLogger<LedgerSequencer>.Instance);
        Verifier = new LedgerVerifier(App, Signer);
    }

    public TestDatabase Db { get; }

    public NpgsqlDataSource App { get; }

    /// <summary>The sequencer as the app runs it: every batch sealed with a signed checkpoint.</summary>
    public LedgerSequencer Sequencer { get; }

    /// <summary>A sequencer that signs nothing (a node whose signing failed): batches sealed after the last checkpoint.</summary>
    public LedgerSequencer Unsigned { get; }

    public LedgerVerifier Verifier { get; }

    public ICheckpointSigner Signer { get; } = CheckpointSigner.FromConfiguration(new ConfigurationBuilder().Build());

    public static async Task<TestLedger> CreateAsync(int entries)
    {
        var ledger = new TestLedger(await TestPostgres.CreateDatabaseAsync("ledger_tree"));
        await ledger.AppendAsync(entries);
        return ledger;
    }

    /// <summary>Appends <paramref name="n"/> entries in one transaction, as a command's entries are.</summary>
    public async Task AppendAsync(int n)
    {
        await using var cn = await App.OpenConnectionAsync();
        await using var tx = await cn.BeginTransactionAsync();
        var at = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        await new LedgerWriter().AppendManyAsync(cn, tx, [.. Enumerable.Range(0, n).Select(i =>
            new LedgerEntry(Guid.NewGuid(), "Recorded", "officer", at.AddMinutes(i), null, new Dictionary<string, string> { ["clause"] = $"审批 {i} 个工作日内办结" }))], default);
        await tx.CommitAsync();
    }

    public async Task<CheckpointDto> CheckpointAsync()
    {
        await using var cn = await App.OpenConnectionAsync();
        await using var tx = await cn.BeginTransactionAsync();
        var checkpoint = await CheckpointWriter.WriteAsync(cn, tx, Signer, Sequencer, DateTimeOffset.UtcNow, default);
        await tx.CommitAsync();
        return checkpoint;
    }

    /// <summary>Runs SQL as the superuser with every trigger off (replica mode): the append-only guards do not hold them.</summary>
    public async Task AsSuperuser(string sql, object? args = null)
    {
        await using var su = new NpgsqlConnection(Db.SuperuserConnectionString);
        await su.ExecuteAsync("SET session_replication_role = replica;\n" + sql, args);
    }

    /// <summary>What a careful attacker does after rewriting entries: recomputes every prev_hash and hash so the chain holds again.</summary>
    public async Task RechainAsync()
    {
        await using var su = new NpgsqlConnection(Db.SuperuserConnectionString);
        await su.OpenAsync();
        var rows = new List<LedgerRow>();
        await foreach (var row in LedgerRows.StreamAsync(su, 0, null))
            rows.Add(row);
        var prev = LedgerHash.Genesis;
        foreach (var row in rows)
        {
            var hash = LedgerHash.Compute(prev, row.Canonical());
            await su.ExecuteAsync("SET session_replication_role = replica; UPDATE commitment_ledger SET prev_hash = @prev, hash = @hash WHERE seq = @Seq",
                new { prev, hash, row.Seq });
            prev = hash;
        }
    }

    /// <summary>The root of the first <paramref name="size"/> entries, recomputed in memory from the entries as stored.</summary>
    public async Task<byte[]> RecomputedRootAsync(long size)
    {
        await using var cn = await App.OpenConnectionAsync();
        var tree = new MerkleAppender();
        await foreach (var row in LedgerRows.StreamAsync(cn, 0, (int)size))
            tree.Append([MerkleHash.LeafHash(row.Canonical())]);
        return tree.Root();
    }

    public async Task<T> Scalar<T>(string sql, object? args = null)
    {
        await using var cn = await App.OpenConnectionAsync();
        return (await cn.ExecuteScalarAsync<T>(sql, args))!;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
