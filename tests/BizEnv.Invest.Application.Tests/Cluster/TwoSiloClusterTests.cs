using System.Diagnostics;
using System.Text.Json;
using BizEnv.Invest.SiloProbe;
using BizEnv.Invest.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Npgsql;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace BizEnv.Invest.Application.Tests.Cluster;

/// <summary>
/// Two silos on one database are one cluster; when one is killed -9 the other evicts it within 10 s,
/// takes over the reminders it owned and fires them on time, and later clears its dead row.
/// </summary>
public sealed class TwoSiloClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan EvictionLimit = TimeSpan.FromSeconds(10);
    private TestDatabase _db = default!;
    private TestSilo _a = default!;
    private SiloProcess _b = default!;

    public async Task InitializeAsync()
    {
        _db = await TestPostgres.CreateDatabaseAsync(nameof(TwoSiloClusterTests));
        _a = await TestSilo.StartAsync(_db);
        _b = await SiloProcess.StartAsync(_db);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task A_killed_silo_is_evicted_within_10_s_and_its_reminder_fires_on_the_survivor()
    {
        (await Statuses()).ShouldBe(new Dictionary<int, int>
        {
            [_a.Settings.SiloPort] = (int)SiloStatus.Active,
            [_b.SiloPort] = (int)SiloStatus.Active,
        }, ignoreOrder: true);

        // Reminders of 20 grains: the ring gives each silo about half of them, so some are B's (all 20
        // being A's has odds of 2^-20), and B's death must hand those to A. Due after the kill and the
        // eviction: a tick missed while nobody owned it would not be replayed.
        var keys = Enumerable.Range(0, 20).Select(i => $"tick-{i}").ToList();
        await Task.WhenAll(keys.Select(k => _a.Grains.GetGrain<IProbeGrain>(k).Arm(TimeSpan.FromSeconds(15))));
        var armed = Stopwatch.StartNew();

        await _b.KillAsync();
        var killed = Stopwatch.StartNew();
        while (await Status(_b.SiloPort) != (int)SiloStatus.Dead)
        {
            killed.Elapsed.ShouldBeLessThan(EvictionLimit, "B is still not marked Dead");
            await Task.Delay(100);
        }
        var evicted = killed.Elapsed;
        output.WriteLine($"evicted (marked Dead) {evicted.TotalSeconds:0.00} s after the kill");
        // Declared dead by the survivor's vote, not by a goodbye from B.
        ((await SuspectTimes(_b.SiloPort)) ?? "").ShouldContain(_a.Endpoint);
        (await Status(_a.Settings.SiloPort)).ShouldBe((int)SiloStatus.Active);

        var firstTicks = await WaitForFirstTicks(keys, armed, TimeSpan.FromSeconds(100));
        foreach (var (key, (at, silos)) in firstTicks.OrderBy(t => t.Value.At))
            output.WriteLine($"{key}: first tick seen {at.TotalSeconds:0.0} s after arming, on {string.Join(", ", silos)}");
        firstTicks.Values.SelectMany(t => t.Silos).Distinct().ShouldBe([_a.Endpoint]);
        firstTicks.Values.Max(t => t.At).ShouldBeLessThan(TimeSpan.FromSeconds(25), "a reminder missed its due time");

        // The survivor's cleanup removes dead rows past the retention cut-off (both cleanup queries of 0010).
        var table = _a.Host.Services.GetRequiredService<IMembershipTable>();
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1));
        (await Statuses()).Keys.ShouldBe([_a.Settings.SiloPort]);
    }

    private async Task<Dictionary<string, (TimeSpan At, List<string> Silos)>> WaitForFirstTicks(List<string> keys, Stopwatch armed, TimeSpan patience)
    {
        var seen = new Dictionary<string, (TimeSpan, List<string>)>();
        while (seen.Count < keys.Count && armed.Elapsed < patience)
        {
            await using var cn = new NpgsqlConnection(_db.AppConnectionString);
            var rows = await cn.QueryAsync<(string Key, string Json)>(
                "SELECT grain_id_extension, convert_from(payload, 'UTF8') FROM orleans_storage WHERE grain_type = @state", new { state = ProbeGrain.StateName });
            foreach (var (key, json) in rows)
            {
                var ticks = JsonSerializer.Deserialize<ProbeState>(json, JsonSerializerOptions.Web)!.Ticks;
                if (ticks.Count > 0 && keys.Contains(key) && !seen.ContainsKey(key))
                    seen[key] = (armed.Elapsed, ticks);
            }
            await Task.Delay(200);
        }
        seen.Count.ShouldBe(keys.Count, $"reminders that never fired: {string.Join(", ", keys.Except(seen.Keys))}");
        return seen;
    }

    private async Task<int?> Status(int port)
    {
        await using var cn = new NpgsqlConnection(_db.AppConnectionString);
        return await cn.ExecuteScalarAsync<int?>("SELECT status FROM orleans_membership WHERE port = @port", new { port });
    }

    private async Task<string?> SuspectTimes(int port)
    {
        await using var cn = new NpgsqlConnection(_db.AppConnectionString);
        return await cn.ExecuteScalarAsync<string?>("SELECT suspect_times FROM orleans_membership WHERE port = @port", new { port });
    }

    private async Task<Dictionary<int, int>> Statuses()
    {
        await using var cn = new NpgsqlConnection(_db.AppConnectionString);
        return (await cn.QueryAsync<(int Port, int Status)>("SELECT port, status FROM orleans_membership")).ToDictionary(r => r.Port, r => r.Status);
    }
}
