using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Tests.Common;

/// <summary>What is stored (and hashed, in the ledger) for a coded reason: a key and its arguments, each in one fixed form.</summary>
public sealed class CodedTests
{
    [Fact]
    public void Each_kind_of_argument_is_stored_in_one_fixed_form()
    {
        var nested = Coded.Text("authority.no_policy_basis");
        nested.ShouldBe("""{"code":"authority.no_policy_basis","args":[]}""");
        Coded.Text("x.y", null, CommitmentKind.TaxRebate, new Coded.Key("unit.mu"), 12.50m, 7, 3L, 0.5d,
                new DateOnly(2027, 1, 4), new DateTimeOffset(2027, 1, 4, 9, 30, 0, TimeSpan.Zero), nested, "（合肥）\"引号\"", Guid.Empty, true)
            .ShouldBe("""{"code":"x.y","args":[null,{"key":"commitmentkind.TaxRebate"},{"key":"unit.mu"},12.50,7,3,0.5,"2027-01-04","2027-01-04 09:30",""" +
                      """{"code":"authority.no_policy_basis","args":[]},"（合肥）\"引号\"","00000000-0000-0000-0000-000000000000","True"]}""");
    }

    [Fact]
    public void Text_that_merely_looks_coded_is_not_nested_unless_it_starts_as_coded_text()
    {
        Coded.Text("x.y", " {\"code\":\"a.b\"}").ShouldBe("""{"code":"x.y","args":[" {\"code\":\"a.b\"}"]}""");
        Coded.Marker.ShouldBe("{\"code\":");
    }
}
