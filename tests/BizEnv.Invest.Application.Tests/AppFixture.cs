using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Infrastructure.Seeding;
using BizEnv.Invest.Testing;
using Dapper;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BizEnv.Invest.Application.Tests;

/// <summary>
/// The application layer wired as in production (same DI, pipeline, SQL and a silo of its own for the
/// grains — <see cref="ClusterNode"/>) over a database of this test class's own, cloned from the
/// migrated template, with the demo units and accounts.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = default!;
    public FakeClock Clock { get; } = new();
    public ClusterNode Node { get; private set; } = default!;
    public IServiceProvider Services => Node.Services;
    public Orleans.IGrainFactory Grains => Node.Grains;

    public async Task InitializeAsync()
    {
        Database = await TestPostgres.CreateDatabaseAsync(GetType().Name);
        Node = await ClusterNode.StartAsync(AppConnection(Database), Database.OwnerConnectionString, Clock, siloConnectionString: Database.AppConnectionString,
            settings: new Dictionary<string, string?>
            {
                ["Idempotency:WaitForFirstSeconds"] = "3", // a repeat gives up on a stuck first attempt sooner than in production
                ["Grains:RearmIntervalSeconds"] = "0.2",
            });
        await Services.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    public virtual async Task DisposeAsync() => await Node.DisposeAsync();

    /// <summary>How the application reaches its database (a fault-injecting relay in some tests).</summary>
    protected virtual string AppConnection(TestDatabase database) => database.AppConnectionString;

    public Task<T> Send<T>(IRequest<T> request, Actor actor) => Services.GetRequiredService<RequestDispatcher>().Send(request, actor);

    /// <summary>Sends through another node's own pipeline (its services, its silo), as a request arriving there would.</summary>
    public Task<T> SendOn<T>(ClusterNode node, IRequest<T> request, Actor actor) => node.Services.GetRequiredService<RequestDispatcher>().Send(request, actor);

    /// <summary>
    /// Every running promise's grain, and the remediation list's grain for every open item with a
    /// deadline, act on the deadlines that have come by <see cref="Clock"/> — what their reminders do
    /// when real time reaches them (tests move the clock by days instead).
    /// </summary>
    public async Task CheckDeadlinesAsync()
    {
        var ids = await Query<Guid>("SELECT id FROM commitments WHERE status IN ('Open', 'InProgress', 'PartlyFulfilled', 'Extended')");
        var items = await Query<Guid>("SELECT commitment_id FROM remediation_items WHERE status = 'Open' AND deadline IS NOT NULL");
        var list = Grains.GetGrain<BizEnv.Invest.Application.Commitments.Remediation.Grain.IRemediationListGrain>(
            BizEnv.Invest.Application.Commitments.Remediation.Grain.RemediationListKeys.Only);
        await Task.WhenAll(ids.Select(id => Grains.GetGrain<BizEnv.Invest.Application.Commitments.Promises.IPromiseGrain>(id).CheckDeadlines())
            .Concat(items.Select(list.CheckDeadline)));
    }

    /// <summary>
    /// What the ledger sequencer's tick does every second in the app (no tick runs here, so a test decides when): queued
    /// entries get their seq and hash chain and are sealed into the Merkle tree.
    /// </summary>
    public Task SealLedgerAsync() => Services.GetRequiredService<BizEnv.Invest.Application.Commitments.Ledger.Tree.LedgerSequencer>().IntegrateAllAsync(default);

    /// <summary>The demo account as an actor (as the Web layer would build it from the cookie).</summary>
    public async Task<Actor> As(string userName)
    {
        await using var cn = new NpgsqlConnection(Database.AppConnectionString);
        var row = await cn.QuerySingleAsync<(Guid Id, Guid UnitId, string[] Roles)>(
            "SELECT id, unit_id, roles FROM users WHERE user_name = @userName", new { userName });
        return new Actor(row.Id, userName, row.UnitId, row.Roles.Select(Enum.Parse<Domain.Identity.Role>).ToHashSet(), "203.0.113.7");
    }

    public async Task<Guid> UnitId(string code)
    {
        await using var cn = new NpgsqlConnection(Database.AppConnectionString);
        return await cn.ExecuteScalarAsync<Guid>("SELECT id FROM units WHERE code = @code", new { code });
    }

    public async Task<T> Scalar<T>(string sql, object? args = null)
    {
        await using var cn = new NpgsqlConnection(Database.AppConnectionString);
        return await cn.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException("no value");
    }

    public async Task<IReadOnlyList<T>> Query<T>(string sql, object? args = null)
    {
        await using var cn = new NpgsqlConnection(Database.AppConnectionString);
        return (await cn.QueryAsync<T>(sql, args)).ToList();
    }
}
