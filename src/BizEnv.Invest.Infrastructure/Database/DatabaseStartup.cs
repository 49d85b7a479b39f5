using BizEnv.Invest.Infrastructure.Migrations;
using BizEnv.Invest.Infrastructure.Seeding;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Infrastructure.Database;

/// <summary>
/// Before the app serves: migrate (when an owner connection is configured), load the calendar, and the demo data if asked
/// (what needs the silo — lapsing, the integrity office's work — follows once it runs: <see cref="Seeding.DemoGrainWork"/>).
/// </summary>
public sealed class DatabaseStartup(
    DatabaseOptions options, Migrator migrator, CalendarSeeder calendar, IndustrySeeder industries, DemoSeeder demo, CrmDemoSeeder crmDemo, ZoneDemoSeeder zoneDemo, CommitmentDemoSeeder commitmentDemo,
    ChainDemoSeeder chainDemo,
    ILogger<DatabaseStartup> log)
{
    public async Task RunAsync(bool seedDemo, CancellationToken ct = default)
    {
        if (options.OwnerConnectionString is { } owner)
            await migrator.MigrateAsync(owner, ct);
        else
            log.LogInformation("No ConnectionStrings:InvestOwner configured: not migrating, the schema is expected to be current");
        await calendar.SeedAsync(ct);
        await industries.SeedAsync(ct);
        if (!seedDemo)
            return;
        if (await demo.SeedAsync(ct))
            log.LogInformation("Demo accounts loaded");
        if (await crmDemo.SeedAsync(ct))
            log.LogInformation("Demo CRM data loaded");
        if (await zoneDemo.SeedAsync(ct))
            log.LogInformation("Demo zones loaded");
        if (await commitmentDemo.SeedAsync(ct))
            log.LogInformation("Demo promises loaded");
        if (await chainDemo.SeedAsync(ct))
            log.LogInformation("Demo industry chains loaded");
    }
}
