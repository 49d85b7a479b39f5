using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

/// <summary>An admin registers and retires witnesses; a bad key, a taken name or an unknown witness is a 400 in words.</summary>
public sealed class WitnessRegistryApiTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Fact]
    public async Task An_admin_registers_a_witness_and_retires_it_and_bad_requests_say_why()
    {
        var admin = await web.SignedInAs("admin");
        var publicKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var added = await admin.Send(HttpMethod.Post, "/api/v1/ledger/witnesses", new { name = "discipline-office", office = "纪委监委", publicKey });
        added.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keyId").GetString()!.Length.ShouldBe(8);

        var again = await admin.Send(HttpMethod.Post, "/api/v1/ledger/witnesses", new { name = "discipline-office", office = "纪委监委", publicKey });
        (await ApiClient.Problem(again)).GetProperty("code").GetString().ShouldBe("witness.already_registered");
        var badKey = await admin.Send(HttpMethod.Post, "/api/v1/ledger/witnesses", new { name = "audit", office = "审计局", publicKey = "AAAA" });
        badKey.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badKey.Content.ReadAsStringAsync()).ShouldContain("Ed25519");
        var badName = await admin.Send(HttpMethod.Post, "/api/v1/ledger/witnesses", new { name = "audit bureau", office = "审计局", publicKey });
        badName.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var status = await (await admin.Http.GetAsync("/api/v1/ledger/witnesses")).Content.ReadFromJsonAsync<JsonElement>();
        status.GetProperty("registered").GetInt32().ShouldBe(1);
        (await admin.Send(HttpMethod.Post, "/api/v1/ledger/witnesses/retire", new { name = "discipline-office" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        status = await (await admin.Http.GetAsync("/api/v1/ledger/witnesses")).Content.ReadFromJsonAsync<JsonElement>();
        status.GetProperty("registered").GetInt32().ShouldBe(0);
        status.GetProperty("witnesses")[0].GetProperty("active").GetBoolean().ShouldBeFalse();
        var twice = await admin.Send(HttpMethod.Post, "/api/v1/ledger/witnesses/retire", new { name = "discipline-office" });
        (await ApiClient.Problem(twice)).GetProperty("code").GetString().ShouldBe("witness.unknown");
    }
}
