using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Infrastructure.Database;
using BizEnv.Invest.Infrastructure.Migrations;
using BizEnv.Invest.Infrastructure.Seeding;
using BizEnv.Invest.Infrastructure.Xlsx;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BizEnv.Invest.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, DatabaseOptions options)
    {
        DapperTypeHandlers.Register();
        services.AddSingleton(options);
        services.AddSingleton(_ => AppDataSource.Build(options.AppConnectionString));
        services.AddSingleton(_ => AppDataSource.BuildEnglish(options.AppConnectionString));
        services.AddScoped<DbSession>();
        services.AddScoped<IDbSession>(sp => sp.GetRequiredService<DbSession>());
        services.AddSingleton<IXlsxExporter, XlsxExporter>();
        services.AddSingleton<IXlsxReader, XlsxReader>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<CalendarSeeder>();
        services.AddSingleton<IndustrySeeder>();
        services.AddSingleton<CrmDemoSeeder>();
        services.AddSingleton<ZoneDemoSeeder>();
        services.AddSingleton<ChainDemoSeeder>();
        services.AddSingleton<CommitmentDemoSeeder>();
        services.AddSingleton<IntegrityDemoSeeder>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<DatabaseStartup>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
