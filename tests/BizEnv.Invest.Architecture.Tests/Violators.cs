// Deliberate breaches of the layer rules, one per rule, for RulesCanFailTests. Nothing uses them.
namespace BizEnv.Invest.Architecture.Tests.Violators;

public sealed class UsesApplication
{
    public Application.Errors.ForbiddenException? Refusal { get; init; }
}

public sealed class UsesInfrastructure
{
    public Infrastructure.Database.DatabaseHealthCheck? Check { get; init; }
}

public sealed class UsesSql
{
    // Only inside a method body: the rule must look there, not just at signatures.
    public static object Open(string connection) => Npgsql.NpgsqlDataSource.Create(connection);
}

public sealed class UsesGrainFactory
{
    public Orleans.IGrainFactory? Grains { get; init; }
}

public sealed class UsesOurGrain
{
    public Application.Zones.Grain.IZoneGrain? Zone { get; init; }
}
