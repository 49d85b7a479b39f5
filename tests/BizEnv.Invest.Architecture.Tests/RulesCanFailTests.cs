using NetArchTest.Rules;
using static BizEnv.Invest.Architecture.Tests.LayerRules;

namespace BizEnv.Invest.Architecture.Tests;

/// <summary>
/// Each rule, run over this assembly's deliberate violators (Violators.cs), names the one that breaks it: a rule
/// with a typo in a name, or one NetArchTest cannot see through, would otherwise pass for ever.
/// </summary>
public sealed class RulesCanFailTests
{
    private static IReadOnlyList<string> Caught(string[] forbidden) =>
        BreachesOf(Types.InAssembly(typeof(RulesCanFailTests).Assembly).That().ResideInNamespace(typeof(Violators.UsesSql).Namespace).Should(), forbidden);

    [Fact]
    public void The_domain_rule_catches_a_reference_to_our_application() =>
        Caught(NotInDomain).ShouldContain(typeof(Violators.UsesApplication).FullName!);

    [Fact]
    public void The_application_rule_catches_a_reference_to_infrastructure() =>
        Caught(NotInApplication).ShouldBe([typeof(Violators.UsesInfrastructure).FullName!]);

    [Fact]
    public void The_SQL_rule_catches_a_data_source_used_in_a_method_body() =>
        Caught(WebSql).ShouldBe([typeof(Violators.UsesSql).FullName!]);

    [Fact]
    public void The_grain_rule_catches_the_grain_factory_and_our_grain_interfaces() =>
        Caught(WebGrainCalls()).ShouldBe([typeof(Violators.UsesGrainFactory).FullName!, typeof(Violators.UsesOurGrain).FullName!], ignoreOrder: true);
}
