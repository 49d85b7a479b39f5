using NetArchTest.Rules;
using static BizEnv.Invest.Architecture.Tests.LayerRules;

namespace BizEnv.Invest.Architecture.Tests;

public sealed class LayerTests
{
    [Fact]
    public void Domain_depends_on_nothing_of_ours_nor_on_database_Orleans_or_ASP_NET() =>
        BreachesOf(Types.InAssembly(DomainAssembly).Should(), NotInDomain).ShouldBeEmpty();

    [Fact]
    public void Domain_references_no_assembly_but_the_runtime() =>
        DomainAssembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "Microsoft.Win32.Primitives")
            .ShouldBeEmpty();

    [Fact]
    public void Application_does_not_depend_on_Web_Infrastructure_or_Grains() =>
        BreachesOf(Types.InAssembly(ApplicationAssembly).Should(), NotInApplication).ShouldBeEmpty();

    [Fact]
    public void Web_never_reaches_SQL() => BreachesOf(Types.InAssembly(WebAssembly).Should(), WebSql).ShouldBeEmpty();

    [Fact]
    public void Web_never_calls_a_grain()
    {
        WebGrainCalls().ShouldContain("BizEnv.Invest.Application.Zones.Grain.IZoneGrain", "our grain interfaces are found");
        BreachesOf(Types.InAssembly(WebAssembly).Should(), WebGrainCalls()).ShouldBeEmpty();
    }
}
