using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

/// <summary>Receipts over HTTP (issue #13): the JSON's fixed names, the PDF, the public fetch and log state, and the public verify page.</summary>
public sealed class ReceiptApiTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Fact]
    public async Task An_officer_gets_the_receipt_as_JSON_and_PDF_and_anyone_fetches_it_by_leaf_hash_and_asks_the_log_about_it()
    {
        var integrity = await web.SignedInAs("integrity");
        var checkpoint = await (await integrity.Send(HttpMethod.Post, "/api/v1/ledger/checkpoints")).Content.ReadFromJsonAsync<JsonElement>();
        var seq = checkpoint.GetProperty("size").GetInt64();
        Guid promise;
        await using (var cn = new Npgsql.NpgsqlConnection(web.Database.AppConnectionString))
            promise = await Dapper.SqlMapper.ExecuteScalarAsync<Guid>(cn, "SELECT commitment_id FROM commitment_ledger WHERE seq = @seq", new { seq });

        var receipt = await integrity.Http.GetFromJsonAsync<JsonElement>($"/api/v1/commitments/{promise}/receipts/{seq}");
        receipt.GetProperty("format").GetString().ShouldBe("bizenv-invest-receipt/1");
        (receipt.GetProperty("seq").GetInt64(), receipt.GetProperty("leafIndex").GetInt64(), receipt.GetProperty("treeSize").GetInt64()).ShouldBe((seq, seq - 1, seq));
        receipt.GetProperty("checkpoint").GetString().ShouldStartWith("haichuan.invest/ledger\n");
        receipt.GetProperty("cosignatures").GetArrayLength().ShouldBe(0);
        receipt.GetProperty("terms")[0].GetProperty("nameEn").GetString().ShouldBe("Event");

        var pdf = await integrity.Http.GetAsync($"/api/v1/commitments/{promise}/receipts/{seq}/pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");

        var anyone = web.NewClient();
        var leafHash = receipt.GetProperty("leafHash").GetString();
        (await anyone.Http.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/receipts?leafIndex={seq - 1}&leafHash={leafHash}"))
            .GetProperty("entry").GetString().ShouldBe(receipt.GetProperty("entry").GetString());
        (await anyone.Http.GetAsync($"/api/v1/ledger/receipts?leafIndex={seq - 1}&leafHash={new string('0', 64)}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var state = await anyone.Http.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/log-state?fromSize={seq}&leafIndex={seq - 1}&leafHash={leafHash}");
        (state.GetProperty("treeSize").GetInt64(), state.GetProperty("entryHeld").GetBoolean(), state.GetProperty("consistencyProof").GetArrayLength()).ShouldBe((seq, true, 0));
    }

    [Fact]
    public async Task The_verify_page_opens_without_sign_in_with_the_pinned_key_and_its_scripts_under_the_nonce()
    {
        var response = await web.NewClient().Http.GetAsync("/verify");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        nonce.ShouldNotBeNullOrEmpty();
        html.ShouldContain("核验承诺回执");
        html.ShouldContain("-----BEGIN PUBLIC KEY-----");
        html.ShouldMatch($"<script src=\"[^\"]*lib/sm-crypto/sm2[^\"]*\\.js\" nonce=\"{nonce}\"");
        html.ShouldMatch($"<script type=\"module\" src=\"[^\"]*js/verify-receipt[^\"]*\\.js\" nonce=\"{nonce}\"");
        html.ShouldContain("@noble/hashes/");
        html.ShouldContain("/lib/noble-hashes/");
    }
}
