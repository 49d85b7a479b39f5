using BizEnv.Invest.Application;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Infrastructure;
using BizEnv.Invest.Infrastructure.Database;
using BizEnv.Invest.Infrastructure.Seeding;
using BizEnv.Invest.Testing;
using Dapper;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Application.Tests;

/// <summary>
/// The application layer wired as in production (same DI, pipeline and SQL) over a database of
/// this test class's own, cloned from the migrated template, with the demo units and accounts.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = default!;
    public FakeClock Clock { get; } = new();
    public ServiceProvider Services { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Database = await TestPostgres.CreateDatabaseAsync(GetType().Name);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddInfrastructure(new DatabaseOptions { AppConnectionString = AppConnection(Database), OwnerConnectionString = Database.OwnerConnectionString });
        services.AddApplication();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ledger:CheckpointKey"] = Convert.ToBase64String(new byte[32]),
                ["Idempotency:WaitForFirstSeconds"] = "3", // a repeat gives up on a stuck first attempt sooner than in production
            }).Build());
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await Services.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    public virtual async Task DisposeAsync() => await Services.DisposeAsync();

    /// <summary>How the application reaches its database (a fault-injecting relay in some tests).</summary>
    protected virtual string AppConnection(TestDatabase database) => database.AppConnectionString;

    public Task<T> Send<T>(IRequest<T> request, Actor actor) => Services.GetRequiredService<RequestDispatcher>().Send(request, actor);

    /// <summary>The demo account as an actor (as the Web layer would build it from the cookie).</summary>
    public async Task<Actor> As(string userName)
    {
        await using var cn = new NpgsqlConnection(Database.AppConnectionString);
        var row = await cn.QuerySingleAsync<(Guid Id, Guid UnitId, string[] Roles)>(
            "SELECT id, unit_id, roles FROM users WHERE user_name = @userName", new { userName });
        return new Actor(row.Id, userName, row.UnitId, row.Roles.Select(Enum.Parse<Role>).ToHashSet(), "203.0.113.7");
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
