using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Domain.Tests.Crm;

public sealed class UnifiedNumberTests
{
    [Fact]
    public void Numbers_carry_unit_year_and_a_padded_sequence()
    {
        UnifiedNumber.Format("HC", 2026, 42).ShouldBe("HC-2026-0042");
        UnifiedNumber.Format("DHX", 2026, 12345).ShouldBe("DHX-2026-12345");
        UnifiedNumber.IsWellFormed("HC-2026-0042").ShouldBeTrue();
        UnifiedNumber.IsWellFormed("hc-2026-42").ShouldBeFalse();
    }
}
