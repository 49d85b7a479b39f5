using BizEnv.Invest.Application;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Infrastructure;
using BizEnv.Invest.Infrastructure.Database;
using BizEnv.Invest.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Benchmarks;

/// <summary>What every benchmark mode starts from: the application wired without a silo, and a demo account as an actor.</summary>
internal static class BenchSetup
{
    /// <summary>Infrastructure and application over <paramref name="db"/>, as the app wires them (no silo: modes without grains).</summary>
    public static ServiceProvider Services(TestDatabase db) => new ServiceCollection()
        .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
        .AddInfrastructure(new DatabaseOptions { AppConnectionString = db.AppConnectionString, OwnerConnectionString = db.OwnerConnectionString })
        .AddApplication()
        .AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
        .BuildServiceProvider();

    /// <summary>The demo account <paramref name="userName"/> as the Web layer would make it an actor.</summary>
    public static async Task<Actor> ActorAsync(NpgsqlConnection cn, string userName)
    {
        var row = await cn.QuerySingleAsync<(Guid Id, Guid UnitId, string[] Roles)>("SELECT id, unit_id, roles FROM users WHERE user_name = @userName", new { userName });
        return new Actor(row.Id, userName, row.UnitId, row.Roles.Select(Enum.Parse<Role>).ToHashSet(), "127.0.0.1");
    }
}
