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

    [Fact]
    public void An_edge_naming_a_node_outside_the_chain_is_dropped_at_load()
    {
        var outside = Guid.NewGuid();
        var map = Map((A, B), (A, outside), (outside, C), (outside, Guid.NewGuid()));
        map.Edges.ShouldBe([(A, B)]);
    }

    [Fact]
    public void A_node_is_named_by_its_chain_and_an_unknown_one_is_refused_with_its_code()
    {
        var map = Map();
        map.NameOf(B).ShouldBe("电芯");
        Should.Throw<DomainException>(() => map.NameOf(Guid.NewGuid())).Code.ShouldBe("chain.edge_node_outside");
    }

    [Fact]
    public void A_version_conflict_names_the_chain()
    {
        var map = Map();
        var conflict = Should.Throw<VersionConflictException>(() => map.Revise(new ChainThresholds(2, 1, null), 2));
        (conflict.ObjectType, conflict.Id).ShouldBe(("chain", map.Id));
        map.Version.ShouldBe(1);
    }

    [Fact]
    public void A_removed_node_takes_what_it_observed_with_it()
    {
        var map = Map((A, B));
        var firm = Guid.NewGuid();
        var project = Guid.NewGuid();
        map.Observe(B, [new FirmSpell(firm, Today.AddDays(-10), null)], [new ProjectSpell(project, firm, 1_000_000m, 10, Today.AddDays(-1), null, true)], 3, 2);
        map.NodesCountingInvestor(firm).ShouldBe([B]);

        map.RemoveNode(B).ShouldBe(["正极材料 → 电芯"]);

        map.NodesCountingInvestor(firm).ShouldBeEmpty();
        map.NodesCountingProject(project).ShouldBeEmpty();
        var standing = map.StandingOn(Today);
        (standing.Investment, standing.OpenTargets, standing.SignedTargets, standing.Completeness.Total).ShouldBe((0m, 0, 0, 2));
        map.StandingOf(B, Today).Figures.ShouldBe(NodeFigures.None);
    }

    [Fact]
    public void The_standing_lists_nodes_in_id_order_whatever_order_they_were_added()
    {
        Guid first = new("00000000-0000-0000-0000-000000000001"), second = new("00000000-0000-0000-0000-000000000002"),
            third = new("00000000-0000-0000-0000-000000000003");
        var map = new ChainMap(Guid.NewGuid(), ChainThresholds.Default, 1,
            new Dictionary<Guid, string> { [second] = "电芯", [third] = "电池包", [first] = "正极材料" }, []);
        map.StandingOn(Today).Nodes.Select(n => n.NodeId).ShouldBe([first, second, third]);
    }

    [Fact]
    public void The_chains_totals_are_the_sums_over_its_nodes()
    {
        var map = Map((A, B));
        map.Observe(A, [], [new ProjectSpell(Guid.NewGuid(), Guid.NewGuid(), 2_000_000m, 30, Today.AddDays(-1), null, true)], 2, 1);
        map.Observe(B, [], [new ProjectSpell(Guid.NewGuid(), Guid.NewGuid(), 500_000m, 5, Today.AddDays(-1), null, true)], 4, 3);
        map.Observe(C, [], [], 1, 2);

        var standing = map.StandingOn(Today);
        (standing.Investment, standing.OpenTargets, standing.SignedTargets).ShouldBe((2_500_000m, 7, 6));
    }
}
