using BizEnv.Invest.Application.Chains.AddChainEdge;
using BizEnv.Invest.Application.Chains.AddChainNode;
using BizEnv.Invest.Application.Chains.ConfirmNodeFirm;
using BizEnv.Invest.Application.Chains.GetChain;
using BizEnv.Invest.Application.Chains.ListFirmSuggestions;
using BizEnv.Invest.Application.Chains.RemoveNodeFirm;
using BizEnv.Invest.Application.Chains.SetChainEditors;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Common;
using FluentValidation;

namespace BizEnv.Invest.Application.Tests.Chains;

/// <summary>Firms suggested at nodes by GB/T 4754 code prefix and confirmed by editors; who may edit a chain; cycles refused with nothing written.</summary>
public sealed class ChainMappingTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Industry_codes_suggest_a_firm_at_every_node_whose_code_is_a_prefix_of_its_own()
    {
        var admin = await app.As("admin");
        var officer = await app.As("officer");
        var chain = await app.NewChain(admin);
        var group = await app.NewNode(admin, chain, "锂电池（组）", ChainSegment.Midstream, "C384");
        var cls = await app.NewNode(admin, chain, "锂离子电池", ChainSegment.Midstream, "C3841");
        var division = await app.NewNode(admin, chain, "电气机械", ChainSegment.Upstream, "C38");
        var appliances = await app.NewNode(admin, chain, "家用电器", ChainSegment.Downstream, "C385");
        var otherBattery = await app.NewNode(admin, chain, "镍氢电池", ChainSegment.Midstream, "C3842", "C3849");
        var battery = await app.NewInvestor(officer); // coded C3841
        var fridge = await app.Send(CrmBuilders.Investor() with { IndustryCode = "C3851" }, officer);

        var suggested = await Suggestions(chain);
        suggested.Where(s => s.Investor == battery.Id).Select(s => s.Node).ShouldBe([group, cls, division], ignoreOrder: true);
        suggested.Where(s => s.Investor == fridge.Id).Select(s => s.Node).ShouldBe([division, appliances], ignoreOrder: true);
        suggested.ShouldNotContain(s => s.Node == otherBattery && (s.Investor == battery.Id || s.Investor == fridge.Id));
        suggested.Single(s => s.Investor == battery.Id && s.Node == group).Code.ShouldBe("C384");

        // Confirmed at the group node: local there (weak), no longer suggested there; dismissed at the class node: not suggested again.
        await app.Send(new ConfirmNodeFirm(chain, group, battery.Id), admin);
        await app.Send(new RemoveNodeFirm(chain, cls, battery.Id), admin);
        (await Suggestions(chain)).Where(s => s.Investor == battery.Id).Select(s => s.Node).ShouldBe([division]);
        var graph = await app.Send(new GetChain(chain), officer);
        graph.Nodes.Single(n => n.Id == group).Status.ShouldBe(ChainNodeStatus.Weak);
        graph.Nodes.Single(n => n.Id == cls).Status.ShouldBe(ChainNodeStatus.Missing);
        (await Should.ThrowAsync<DomainException>(() => app.Send(new ConfirmNodeFirm(chain, group, battery.Id), admin))).Code.ShouldBe("chain.firm_already_confirmed");
    }

    private async Task<List<(Guid Node, Guid Investor, string Code)>> Suggestions(Guid chain) =>
        (await app.Send(new ListFirmSuggestions(chain), await app.As("leader"))).Select(s => (s.NodeId, s.Firm.InvestorId, s.MatchedCode)).ToList();

    [Fact]
    public async Task Only_a_chains_editors_change_it_and_a_cycle_is_refused_with_the_edge_named_and_nothing_written()
    {
        var admin = await app.As("admin");
        var officer = await app.As("officer");
        var chain = await app.NewChain(admin);
        var cells = await app.NewNode(admin, chain, "电芯", ChainSegment.Midstream, "C3841");

        // An officer who is not designated is refused, and so is a code outside GB/T 4754.
        (await Should.ThrowAsync<ForbiddenException>(() => app.NewNode(officer, chain, "电池模组", ChainSegment.Midstream, "C3849"))).Code.ShouldBe("chain.not_editor");
        await app.Send(new SetChainEditors(chain, [officer.UserId!.Value]), admin);
        var modules = await app.NewNode(officer, chain, "电池模组", ChainSegment.Midstream, "C3849");
        (await Should.ThrowAsync<ValidationException>(() => app.NewNode(officer, chain, "未知", ChainSegment.Upstream, "C3848")))
            .Errors.Single().ErrorCode.ShouldBe("chain.code_unknown");

        await app.Send(new AddChainEdge(chain, cells, modules), officer);
        var refusal = await Should.ThrowAsync<DomainException>(() => app.Send(new AddChainEdge(chain, modules, cells), officer));
        var names = (await app.Send(new GetChain(chain), officer)).Nodes.ToDictionary(n => n.Id, n => n.Name);
        refusal.Code.ShouldBe("chain.edge_cycle");
        refusal.Args.ShouldBe([$"{names[modules]} → {names[cells]}", $"{names[modules]} → {names[cells]} → {names[modules]}"]);
        (await app.Scalar<long>("SELECT count(*) FROM chain_edges WHERE chain_id = @chain", new { chain })).ShouldBe(1);
        (await app.Scalar<string>("SELECT outcome FROM audit_log WHERE action = 'AddChainEdge' ORDER BY id DESC LIMIT 1")).ShouldBe("refused:chain.edge_cycle");

        // A node name taken by another chain's node is shared, not duplicated.
        var second = await app.NewChain(admin);
        (await Should.ThrowAsync<ValidationException>(() => app.Send(new AddChainNode(second, null, names[cells], null, ["C3841"], ChainSegment.Midstream, false), admin)))
            .Errors.Single().ErrorCode.ShouldBe("chain.node_name_taken");
        await app.Send(new AddChainNode(second, cells, null, null, null, ChainSegment.Upstream, false), admin);
        (await app.Send(new GetChain(second), officer)).Nodes.Single().OtherChains.Count.ShouldBe(1);
    }
}
