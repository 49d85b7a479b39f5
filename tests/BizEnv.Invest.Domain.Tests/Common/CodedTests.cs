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

    [Fact]
    public void Several_coded_texts_in_a_row_stay_one_string_argument_and_a_malformed_one_does_not_throw()
    {
        var one = Coded.Text("handover.count", new Coded.Key("handoverkind.promise"), 2);
        var list = one + " · " + Coded.Text("handover.count", new Coded.Key("handoverkind.demand"), 1);
        Coded.Text("x.y", list).ShouldBe("{\"code\":\"x.y\",\"args\":[" + System.Text.Json.JsonSerializer.Serialize(list,
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "]}");
        Coded.Text("x.y", "{\"code\":\"a.b\"").ShouldContain("\"args\":[\"{"); // cut short: kept as typed
        Coded.Text("x.y", one).ShouldBe("{\"code\":\"x.y\",\"args\":[" + one + "]}"); // one alone still nests
    }
}
