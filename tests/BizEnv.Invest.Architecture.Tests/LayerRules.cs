using System.Reflection;
using NetArchTest.Rules;

namespace BizEnv.Invest.Architecture.Tests;

/// <summary>
/// The layers' one-way rules, each as the names a layer's types must not depend on (a namespace, with everything in
/// it, or a whole type name), wherever the dependency is: signatures, fields, method bodies, generic arguments.
/// </summary>
public static class LayerRules
{
    public static readonly Assembly DomainAssembly = typeof(Domain.Identity.Role).Assembly;
    public static readonly Assembly ApplicationAssembly = typeof(Application.Errors.DatabaseFault).Assembly;
    public static readonly Assembly WebAssembly = typeof(Web.Hosting.WebPipeline).Assembly;

    /// <summary>Domain is rules without I/O: nothing of ours above it, no database, no Orleans, no ASP.NET Core, no MediatR.</summary>
    public static readonly string[] NotInDomain =
        ["BizEnv.Invest.Application", "BizEnv.Invest.Infrastructure", "BizEnv.Invest.Grains", "BizEnv.Invest.Web",
         "Npgsql", "Dapper", "Orleans", "Microsoft.AspNetCore", "MediatR"];

    /// <summary>Application holds the use cases and the grain interfaces; hosting, grain classes and pages build on it, not the reverse.</summary>
    public static readonly string[] NotInApplication = ["BizEnv.Invest.Web", "BizEnv.Invest.Infrastructure", "BizEnv.Invest.Grains"];

    /// <summary>Web reaches data only through MediatR requests (SQL lives beside its handler) and Infrastructure's services.</summary>
    public static readonly string[] WebSql = ["Npgsql", "Dapper"];

    /// <summary>
    /// Web never calls a grain: no grain factory or cluster client, no grain or observer interface (Orleans' own and
    /// ours in Application), no grain class. Still allowed: configuring and watching this process's silo (Orleans.Hosting
    /// through Infrastructure, Orleans.Runtime's ISiloStatusOracle for readiness, the dashboard). Names are whole type
    /// names (NetArchTest matches a type or a namespace, not a prefix of a type name), so they are read from the types.
    /// </summary>
    public static string[] WebGrainCalls() =>
        [typeof(Orleans.IGrainFactory).FullName!, typeof(Orleans.IClusterClient).FullName!, typeof(Orleans.GrainExtensions).FullName!,
         "BizEnv.Invest.Grains",
         .. GrainInterfaces(typeof(Orleans.IGrain).Assembly), .. GrainInterfaces(ApplicationAssembly)];

    private static IEnumerable<string> GrainInterfaces(Assembly assembly) =>
        assembly.GetTypes().Where(t => t.IsInterface && typeof(Orleans.Runtime.IAddressable).IsAssignableFrom(t)).Select(t => t.FullName!);

    /// <summary>The full names of the types (all of an assembly, or those a predicate picked) that break the rule; empty when it holds.</summary>
    public static IReadOnlyList<string> BreachesOf(Conditions types, string[] forbidden) =>
        types.NotHaveDependencyOnAny(forbidden).GetResult().FailingTypeNames?.ToList() ?? [];
}
