using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

/// <summary>The proof endpoints over HTTP: a checkpoint seals the tree's root, and sizes out of range are a 400 with a code and words.</summary>
public sealed class LedgerProofApiTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Fact]
    public async Task A_checkpoint_seals_the_tree_root_and_a_proof_beyond_the_sealed_tree_is_a_400_in_words()
    {
        var integrity = await web.SignedInAs("integrity");
        var checkpoint = await (await integrity.Send(HttpMethod.Post, "/api/v1/ledger/checkpoints")).Content.ReadFromJsonAsync<JsonElement>();
        var size = checkpoint.GetProperty("size").GetInt64();
        checkpoint.GetProperty("treeRoot").GetString()!.Length.ShouldBe(64);

        var beyond = await integrity.Http.GetAsync($"/api/v1/ledger/proof/inclusion?seq=1&treeSize={size + 1}");
        beyond.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.Problem(beyond);
        problem.GetProperty("code").GetString().ShouldBe("ledger.proof.tree_size");
        problem.GetProperty("title").GetString().ShouldBe($"树大小须在 1 与 {size}（目前已封存的条数）之间。");

        var backwards = await integrity.Http.GetAsync($"/api/v1/ledger/proof/consistency?oldSize={size + 2}&newSize={Math.Max(size, 1)}");
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.Problem(backwards)).GetProperty("code").GetString().ShouldBeOneOf("ledger.proof.sizes", "ledger.proof.tree_size");
    }
}
