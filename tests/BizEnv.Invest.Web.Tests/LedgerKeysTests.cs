using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

/// <summary>The checkpoint key is published without sign-in, so a witness or an investor's browser can check notes.</summary>
public sealed class LedgerKeysTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Fact]
    public async Task Anyone_reads_the_SM2_public_key_that_signs_checkpoints()
    {
        var keys = await web.NewClient().Http.GetFromJsonAsync<JsonElement[]>("/api/v1/ledger/keys");
        var key = keys.ShouldHaveSingleItem();
        (key.GetProperty("algorithm").GetString(), key.GetProperty("name").GetString(), key.GetProperty("sm2UserId").GetString())
            .ShouldBe(("SM2-SM3", "haichuan.invest/ledger", "1234567812345678"));
        key.GetProperty("keyId").GetString()!.Length.ShouldBe(8);
        key.GetProperty("publicKeyPem").GetString().ShouldStartWith("-----BEGIN PUBLIC KEY-----\n");
    }
}
