using System.Diagnostics;
using System.Text.Json;
using BizEnv.Invest.SiloProbe;
using BizEnv.Invest.Testing;
using Dapper;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;

namespace BizEnv.Invest.Application.Tests.Cluster;

/// <summary>
/// Migration 0010 against the real Orleans ADO.NET providers (10.4.2): a silo configured as the app's
/// joins on a freshly migrated database, keeps grain state and fires reminders there.
/// </summary>
public sealed class SiloProvidersTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private TestSilo _silo = default!;

    public async Task InitializeAsync()
    {
        _db = await TestPostgres.CreateDatabaseAsync(nameof(SiloProvidersTests));
        _silo = await TestSilo.StartAsync(_db);
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_silo_on_a_freshly_migrated_database_writes_its_membership_row_and_heartbeat()
    {
        var row = await Single<(string Address, int Port, int Status, int? ProxyPort, DateTime StartTime, DateTime IAmAliveTime)>(
            "SELECT address, port, status, proxy_port, start_time, i_am_alive_time FROM orleans_membership WHERE deployment_id = 'bizenv-invest'");
        row.Address.ShouldBe("127.0.0.1");
        row.Port.ShouldBe(_silo.Settings.SiloPort);
        row.ProxyPort.ShouldBe(_silo.Settings.GatewayPort);
        row.Status.ShouldBe((int)SiloStatus.Active);
        // Instants are stored as UTC: the start is now, not eight hours off.
        (DateTime.UtcNow - row.StartTime).Duration().ShouldBeLessThan(TimeSpan.FromMinutes(1));
        (await Scalar<int>("SELECT version FROM orleans_membership_version WHERE deployment_id = 'bizenv-invest'")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Grain_state_is_written_read_guarded_by_version_and_cleared_through_the_provider()
    {
        var grain = _silo.Grains.GetGrain<IProbeGrain>("state-1");
        await grain.Save("第一版");
        var (version, json) = await StateRow("state-1");
        version.ShouldBe(1);
        // Plain JSON, no .NET type names: renaming the state class does not orphan the row.
        json.ShouldNotContain("$type");
        JsonDocument.Parse(json).RootElement.GetProperty("value").GetString().ShouldBe("第一版");

        await grain.Deactivate();
        (await grain.Read()).ShouldBe("第一版"); // a new activation, loaded from the row
        await grain.Save("second");
        (await StateRow("state-1")).Version.ShouldBe(2);

        // Someone else wrote the row meanwhile: the grain's write is refused, not lost over theirs.
        await Exec("UPDATE orleans_storage SET version = version + 1 WHERE grain_id_extension = 'state-1'");
        await Should.ThrowAsync<InconsistentStateException>(() => grain.Save("third"));
        await grain.Deactivate();
        (await grain.Read()).ShouldBe("second");

        await grain.Clear();
        (await Scalar<long>("SELECT count(*) FROM orleans_storage WHERE grain_id_extension = 'state-1'")).ShouldBe(0);
        (await grain.Read()).ShouldBeNull();
        await grain.Deactivate();
        (await grain.Read()).ShouldBeNull();
        await grain.Save("again");
        (await StateRow("state-1")).Version.ShouldBe(1);
    }

    [Fact]
    public async Task A_reminder_with_a_short_due_time_fires_after_its_grain_was_deactivated()
    {
        var grain = _silo.Grains.GetGrain<IProbeGrain>("reminder-1");
        await grain.Arm(TimeSpan.FromSeconds(2));
        (await Scalar<long>("SELECT period FROM orleans_reminders WHERE reminder_name = 'tick' AND grain_id LIKE '%reminder-1'")).ShouldBe(60_000);
        await grain.Deactivate();

        var ticks = await WaitForTicks("reminder-1", TimeSpan.FromSeconds(30));
        ticks.ShouldContain(_silo.Endpoint);

        await grain.Disarm();
        (await Scalar<long>("SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%reminder-1'")).ShouldBe(0);
    }

    private async Task<List<string>> WaitForTicks(string key, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < patience)
        {
            var json = await MaybeScalar<string>("SELECT convert_from(payload, 'UTF8') FROM orleans_storage WHERE grain_id_extension = @key", new { key });
            var ticks = json is null ? [] : JsonSerializer.Deserialize<ProbeState>(json, JsonSerializerOptions.Web)!.Ticks;
            if (ticks.Count > 0)
                return ticks;
            await Task.Delay(200);
        }
        throw new TimeoutException($"no tick of {key} within {patience}");
    }

    private Task<(int Version, string Json)> StateRow(string key) => Single<(int, string)>(
        "SELECT version, convert_from(payload, 'UTF8') FROM orleans_storage WHERE grain_type = 'test-probe' AND grain_id_extension = @key", new { key });

    private async Task<T> Single<T>(string sql, object? args = null)
    {
        await using var cn = new NpgsqlConnection(_db.AppConnectionString);
        return await cn.QuerySingleAsync<T>(sql, args);
    }

    private async Task<T> Scalar<T>(string sql, object? args = null) => (await MaybeScalar<T>(sql, args))!;

    private async Task<T?> MaybeScalar<T>(string sql, object? args = null)
    {
        await using var cn = new NpgsqlConnection(_db.AppConnectionString);
        return await cn.ExecuteScalarAsync<T>(sql, args);
    }

    private async Task Exec(string sql)
    {
        await using var cn = new NpgsqlConnection(_db.AppConnectionString);
        await cn.ExecuteAsync(sql);
    }
}
