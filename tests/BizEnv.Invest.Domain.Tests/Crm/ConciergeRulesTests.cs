using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Domain.Tests.Crm;

public sealed class ConciergeRulesTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();

    [Fact]
    public void A_and_B_must_be_different_people() =>
        Should.Throw<DomainException>(() => ConciergeRules.EnsureValid(A, A, KeyProjectLevel.None)).Code.ShouldBe("concierge.a_equals_b");

    [Theory]
    [InlineData(KeyProjectLevel.Municipal)]
    [InlineData(KeyProjectLevel.Provincial)]
    public void A_key_project_needs_both_roles(KeyProjectLevel level)
    {
        Should.Throw<DomainException>(() => ConciergeRules.EnsureValid(A, null, level)).Code.ShouldBe("concierge.key_project_needs_both");
        Should.NotThrow(() => ConciergeRules.EnsureValid(A, B, level));
    }

    [Fact]
    public void An_ordinary_project_may_have_an_A_alone_but_never_a_B_alone()
    {
        Should.NotThrow(() => ConciergeRules.EnsureValid(A, null, KeyProjectLevel.None));
        Should.Throw<DomainException>(() => ConciergeRules.EnsureValid(null, B, KeyProjectLevel.None)).Code.ShouldBe("concierge.b_without_a");
    }
}
