using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Tests.Chains;

/// <summary>The chain as its live object holds it: edges that would loop are refused naming the loop, and every figure follows what it observes.</summary>
public sealed class ChainMapTests
{
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 11, 20);

    private static ChainMap Map(params (Guid, Guid)[] edges) =>
        new(Guid.NewGuid(), ChainThresholds.Default, 1, new Dictionary<Guid, string> { [A] = "正极材料", [B] = "电芯", [C] = "电池包" }, edges);

    [Fact]
    public void An_edge_closing_a_loop_is_refused_naming_the_loop_and_the_map_keeps_its_edges()
    {
        var map = Map((A, B), (B, C));
        var refusal = Should.Throw<DomainException>(() => map.AddEdge(C, A));
        refusal.Code.ShouldBe("chain.edge_cycle");
        refusal.Args.ShouldBe(["电池包 → 正极材料", "电池包 → 正极材料 → 电芯 → 电池包"]);
        map.Edges.Count.ShouldBe(2);
        map.AddEdge(A, C).ShouldBe("正极材料 → 电池包");
        map.Edges.ShouldContain((A, C));
    }

    [Fact]
    public void A_change_tried_on_a_copy_leaves_the_original_as_it_was()
    {
        var map = Map((A, B));
        var copy = map.Copy();
        copy.AddEdge(B, C);
        copy.RemoveNode(A).ShouldBe(["正极材料 → 电芯"]);
        map.Edges.ShouldBe([(A, B)]);
        map.Has(A).ShouldBeTrue();
        copy.Edges.ShouldBe([(B, C)]);
    }

    [Fact]
    public void A_node_is_in_a_chain_once()
    {
        var map = Map();
        Should.Throw<DomainException>(() => map.AddNode(A, "again")).Code.ShouldBe("chain.node_already_member");
        map.AddNode(Guid.NewGuid(), "驱动电机");
        map.Nodes.Count.ShouldBe(4);
    }

    [Fact]
    public void New_thresholds_need_the_version_read_and_move_it_on()
    {
        var map = Map();
        Should.Throw<VersionConflictException>(() => map.Revise(new ChainThresholds(2, 1, null), 7));
        Should.Throw<DomainException>(() => map.Revise(new ChainThresholds(1, 2, null), 1)).Code.ShouldBe("chain.threshold_order");
        map.Revise(new ChainThresholds(2, 1, null), 1);
        map.Version.ShouldBe(2);
    }

    [Fact]
    public void Observed_firms_projects_and_targets_decide_each_node_and_the_chains_completeness()
    {
        var map = Map((A, B));
        var firm1 = Guid.NewGuid();
        var firm2 = Guid.NewGuid();
        var project = Guid.NewGuid();
        map.Observe(A, [new FirmSpell(firm1, Today.AddDays(-10), null)], [new ProjectSpell(project, firm2, 2_000_000m, 30, Today.AddDays(-1), null, true)], 2, 1);
        map.Observe(B, [new FirmSpell(firm2, Today.AddDays(-10), Today)], [], 1, 0); // taken off today: no longer local
        map.Observe(Guid.NewGuid(), [new FirmSpell(firm1, Today, null)], [], 5, 5); // not a node of this chain: ignored

        var standing = map.StandingOn(Today);
        var a = standing.Nodes.Single(n => n.NodeId == A);
        (a.Status, a.Figures.Firms, a.Figures.Investment, a.Figures.Jobs, a.OpenTargets, a.SignedTargets).ShouldBe((ChainNodeStatus.Weak, 2, 2_000_000m, 30, 2, 1));
        standing.Nodes.Single(n => n.NodeId == B).Status.ShouldBe(ChainNodeStatus.Missing);
        (standing.Completeness.Weak, standing.Completeness.Missing, standing.Investment, standing.OpenTargets, standing.SignedTargets).ShouldBe((1, 2, 2_000_000m, 3, 1));
        map.StandingOn(Today.AddDays(-5)).Nodes.Single(n => n.NodeId == B).Status.ShouldBe(ChainNodeStatus.Weak);

        map.NodesCountingInvestor(firm2).ShouldBe([A, B], ignoreOrder: true);
        map.NodesCountingProject(project).ShouldBe([A]);
        map.Revise(new ChainThresholds(2, 1, null), 1);
        map.StandingOf(A, Today).Status.ShouldBe(ChainNodeStatus.Strong);
    }

    [Fact]
    public void A_removed_node_no_longer_counts_and_a_rename_shows_in_the_next_message()
    {
        var map = Map((A, B));
        map.Rename(B, "电芯（方形）");
        Should.Throw<DomainException>(() => map.AddEdge(B, A)).Args[1].ShouldBe("电芯（方形） → 正极材料 → 电芯（方形）");
        map.RemoveNode(B);
        map.StandingOn(Today).Completeness.Total.ShouldBe(2);
        map.RemoveEdge(A, B).ShouldBeFalse();
    }
}
