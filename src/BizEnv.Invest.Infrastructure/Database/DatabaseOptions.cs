namespace BizEnv.Invest.Infrastructure.Database;

/// <summary>
/// ConnectionStrings:Invest is how the app serves requests (the restricted role invest_app);
/// ConnectionStrings:InvestOwner is how migrations run (the schema owner). Without an owner
/// string the app does not migrate and expects the schema to be current.
/// </summary>
public sealed class DatabaseOptions
{
    public required string AppConnectionString { get; init; }
    public string? OwnerConnectionString { get; init; }
}
