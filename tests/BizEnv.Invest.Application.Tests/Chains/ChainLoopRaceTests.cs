using BizEnv.Invest.Application.Tests.Cluster;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.AddChainEdge;
using BizEnv.Invest.Application.Chains.GetChain;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Tests.Chains;

public sealed class ChainLoopRaceTests(TwoMoreNodes app) : IClassFixture<TwoMoreNodes>
{
    [Fact]
    public async Task Two_editors_on_two_nodes_each_adding_half_a_loop_at_once_get_one_edge_and_one_refusal_naming_the_loop()
    {
        var admin = await app.As("admin");
        for (var round = 0; round < 6; round++)
        {
            var chain = await app.NewChain(admin);
            var a = await app.NewNode(admin, chain, "正极材料", ChainSegment.Upstream, "C3841");
            var b = await app.NewNode(admin, chain, "电芯", ChainSegment.Midstream, "C3841");
            var c = await app.NewNode(admin, chain, "电池包", ChainSegment.Downstream, "C3849");
            await app.Send(new AddChainEdge(chain, a, b), admin);
            var names = (await app.Send(new GetChain(chain), admin)).Nodes.ToDictionary(n => n.Id, n => n.Name);

            // b → c on one node and c → a on the other: either alone is fine, together they close a → b → c → a.
            var outcomes = await Task.WhenAll(
                Add(app.A, new AddChainEdge(chain, b, c), admin),
                Add(app.B, new AddChainEdge(chain, c, a), admin));

            var refused = outcomes.Where(o => o is not null).ShouldHaveSingleItem()!;
            refused.Code.ShouldBe("chain.edge_cycle");
            string[] loops = [$"{names[b]} → {names[c]} → {names[a]} → {names[b]}", $"{names[c]} → {names[a]} → {names[b]} → {names[c]}"];
            loops.ShouldContain((string)refused.Args[1]);
            (await app.Scalar<long>("SELECT count(*) FROM chain_edges WHERE chain_id = @chain", new { chain })).ShouldBe(2);
        }
    }

    private static async Task<DomainException?> Add(ClusterNode node, AddChainEdge edge, Actor actor)
    {
        try
        {
            await node.Services.GetRequiredService<RequestDispatcher>().Send(edge, actor);
            return null;
        }
        catch (DomainException e)
        {
            return e;
        }
    }
}
