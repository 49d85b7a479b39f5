using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Tests.Chains;

public sealed class ChainStatusTests
{
    [Theory]
    [InlineData(0, ChainNodeStatus.Missing)]
    [InlineData(1, ChainNodeStatus.Weak)]
    [InlineData(2, ChainNodeStatus.Weak)]
    [InlineData(3, ChainNodeStatus.Strong)]
    [InlineData(40, ChainNodeStatus.Strong)]
    public void Status_turns_at_the_firm_thresholds(int firms, ChainNodeStatus expected) =>
        new ChainThresholds(3, 1, null).StatusOf(firms, 0).ShouldBe(expected);

    [Fact]
    public void A_weak_threshold_above_one_leaves_a_single_firm_missing()
    {
        var thresholds = new ChainThresholds(4, 2, null);
        thresholds.StatusOf(1, 1_000_000_000m).ShouldBe(ChainNodeStatus.Missing);
        thresholds.StatusOf(2, 0).ShouldBe(ChainNodeStatus.Weak);
    }

    [Fact]
    public void Strong_also_needs_the_investment_bar_when_one_is_set()
    {
        var thresholds = new ChainThresholds(3, 1, 100_000_000m);
        thresholds.StatusOf(3, 99_999_999.99m).ShouldBe(ChainNodeStatus.Weak);
        thresholds.StatusOf(3, 100_000_000m).ShouldBe(ChainNodeStatus.Strong);
        thresholds.StatusOf(2, 5_000_000_000m).ShouldBe(ChainNodeStatus.Weak);
        thresholds.StatusOf(0, 5_000_000_000m).ShouldBe(ChainNodeStatus.Missing);
    }

    [Theory]
    [InlineData(3, 0, null, "chain.threshold_weak_min")]
    [InlineData(2, 3, null, "chain.threshold_order")]
    [InlineData(1001, 1, null, "chain.threshold_too_large")]
    [InlineData(3, 1, 0.0, "chain.threshold_investment_positive")]
    public void Thresholds_that_make_no_sense_are_refused(int strong, int weak, double? investment, string code) =>
        Should.Throw<DomainException>(() => new ChainThresholds(strong, weak, (decimal?)investment).EnsureValid()).Code.ShouldBe(code);

    [Fact]
    public void Equal_strong_and_weak_thresholds_are_allowed() =>
        Should.NotThrow(() => new ChainThresholds(1, 1, null).EnsureValid());
}

public sealed class ChainCompletenessTests
{
    [Fact]
    public void Completeness_is_the_share_of_nodes_not_missing()
    {
        var c = ChainCompleteness.Of([.. Enumerable.Repeat(ChainNodeStatus.Strong, 3), .. Enumerable.Repeat(ChainNodeStatus.Weak, 2), .. Enumerable.Repeat(ChainNodeStatus.Missing, 5)]);
        (c.Strong, c.Weak, c.Missing, c.Present, c.Total).ShouldBe((3, 2, 5, 5, 10));
        c.Share.ShouldBe(0.5m);
        c.Percent.ShouldBe(50m);
    }

    [Theory]
    [InlineData(2, 3, 66.7)]
    [InlineData(1, 3, 33.3)]
    [InlineData(1, 8, 12.5)]
    [InlineData(0, 4, 0)]
    [InlineData(4, 4, 100)]
    public void Completeness_percent_rounds_to_one_decimal(int present, int total, double percent) =>
        ChainCompleteness.Of([.. Enumerable.Repeat(ChainNodeStatus.Weak, present), .. Enumerable.Repeat(ChainNodeStatus.Missing, total - present)])
            .Percent.ShouldBe((decimal)percent);

    [Fact]
    public void An_empty_chain_is_zero_percent_complete()
    {
        var c = ChainCompleteness.Of([]);
        c.Total.ShouldBe(0);
        c.Percent.ShouldBe(0m);
    }
}

public sealed class SupplyGraphTests
{
    private static readonly Guid Cell = Guid.NewGuid(), Module = Guid.NewGuid(), Vehicle = Guid.NewGuid(), Recycling = Guid.NewGuid();

    private static SupplyGraph Battery(params (Guid, Guid)[] edges) => new(
        new Dictionary<Guid, string> { [Cell] = "电芯", [Module] = "电池模组", [Vehicle] = "整车", [Recycling] = "电池回收" }, edges);

    [Fact]
    public void An_edge_back_to_a_supplier_is_refused_naming_the_edge_and_the_loop()
    {
        var refusal = Should.Throw<DomainException>(() => Battery((Cell, Module)).EnsureCanAdd(Module, Cell));
        refusal.Code.ShouldBe("chain.edge_cycle");
        refusal.Args.ShouldBe(["电池模组 → 电芯", "电池模组 → 电芯 → 电池模组"]);
    }

    [Fact]
    public void A_longer_loop_is_named_in_full()
    {
        var graph = Battery((Cell, Module), (Module, Vehicle), (Vehicle, Recycling));
        var refusal = Should.Throw<DomainException>(() => graph.EnsureCanAdd(Recycling, Cell));
        refusal.Args.ShouldBe(["电池回收 → 电芯", "电池回收 → 电芯 → 电池模组 → 整车 → 电池回收"]);
    }

    [Fact]
    public void Self_loops_and_repeated_edges_are_refused_but_a_diamond_is_fine()
    {
        var graph = Battery((Cell, Module), (Module, Vehicle));
        Should.Throw<DomainException>(() => graph.EnsureCanAdd(Cell, Cell)).Code.ShouldBe("chain.edge_self");
        Should.Throw<DomainException>(() => graph.EnsureCanAdd(Cell, Module)).Args.ShouldBe(["电芯 → 电池模组"]);
        Should.Throw<DomainException>(() => graph.EnsureCanAdd(Cell, Guid.NewGuid())).Code.ShouldBe("chain.edge_node_outside");
        // Two routes to the same node are not a cycle.
        Should.NotThrow(() => graph.EnsureCanAdd(Cell, Vehicle));
    }
}

public sealed class NodePresenceTests
{
    private static readonly DateOnly Day = new(2026, 6, 1);

    [Fact]
    public void A_signed_project_counts_its_firm_from_signing_until_termination()
    {
        var firm = Guid.NewGuid();
        ProjectSpell[] projects = [new(Guid.NewGuid(), firm, 800_000_000m, 650, Day, Day.AddDays(30), Direct: true)];
        NodePresence.At(Day.AddDays(-1), [], projects).ShouldBe(NodeFigures.None);
        NodePresence.At(Day, [], projects).ShouldBe(new NodeFigures(1, 800_000_000m, 650));
        NodePresence.At(Day.AddDays(30), [], projects).ShouldBe(NodeFigures.None);
    }

    [Fact]
    public void A_confirmed_firm_counts_once_and_brings_its_unplaced_projects_only_while_confirmed()
    {
        var firm = Guid.NewGuid();
        FirmSpell[] firms = [new(firm, Day, Day.AddDays(10))];
        ProjectSpell[] projects =
        [
            new(Guid.NewGuid(), firm, 100m, 10, Day.AddDays(-100), null, Direct: false),
            new(Guid.NewGuid(), firm, 50m, 5, Day.AddDays(-100), null, Direct: true),
        ];
        NodePresence.At(Day.AddDays(5), firms, projects).ShouldBe(new NodeFigures(1, 150m, 15));
        // Taken off the node: its project that names the node still counts, the other no longer does.
        NodePresence.At(Day.AddDays(10), firms, projects).ShouldBe(new NodeFigures(1, 50m, 5));
    }
}

public sealed class ChainTargetRulesTests
{
    [Theory]
    [InlineData(ChainNodeStatus.Missing, false, ChainTargetLabel.Fill)]
    [InlineData(ChainNodeStatus.Weak, false, ChainTargetLabel.Strengthen)]
    [InlineData(ChainNodeStatus.Strong, false, ChainTargetLabel.Strengthen)]
    [InlineData(ChainNodeStatus.Missing, true, ChainTargetLabel.Extend)]
    public void The_label_follows_the_node(ChainNodeStatus status, bool extension, ChainTargetLabel label) =>
        ChainTargetRules.LabelFor(status, extension).ShouldBe(label);

    [Fact]
    public void Signed_comes_only_from_a_signed_project()
    {
        Should.Throw<DomainException>(() => ChainTargetRules.EnsureManualMove(ChainTargetStatus.Negotiating, ChainTargetStatus.Signed, null, false))
            .Code.ShouldBe("chain.target_signed_by_project");
        ChainTargetRules.Effective(ChainTargetStatus.Negotiating, hasSignedProject: true).ShouldBe(ChainTargetStatus.Signed);
        Should.Throw<DomainException>(() => ChainTargetRules.EnsureManualMove(ChainTargetStatus.Negotiating, ChainTargetStatus.Dropped, "x", true))
            .Code.ShouldBe("chain.target_already_signed");
    }

    [Fact]
    public void Targets_move_forward_drop_with_a_reason_and_can_be_taken_up_again()
    {
        Should.NotThrow(() => ChainTargetRules.EnsureManualMove(ChainTargetStatus.Identified, ChainTargetStatus.Negotiating, null, false));
        Should.Throw<DomainException>(() => ChainTargetRules.EnsureManualMove(ChainTargetStatus.Negotiating, ChainTargetStatus.Contacted, null, false))
            .Code.ShouldBe("chain.target_backwards");
        Should.Throw<DomainException>(() => ChainTargetRules.EnsureManualMove(ChainTargetStatus.Contacted, ChainTargetStatus.Dropped, " ", false))
            .Code.ShouldBe("chain.target_drop_reason_required");
        Should.Throw<DomainException>(() => ChainTargetRules.EnsureManualMove(ChainTargetStatus.Dropped, ChainTargetStatus.Negotiating, null, false))
            .Code.ShouldBe("chain.target_dropped_reopen_only");
        Should.NotThrow(() => ChainTargetRules.EnsureManualMove(ChainTargetStatus.Dropped, ChainTargetStatus.Identified, null, false));
        ChainTargetRules.AfterVisit(ChainTargetStatus.Identified).ShouldBe(ChainTargetStatus.Contacted);
        ChainTargetRules.AfterVisit(ChainTargetStatus.Negotiating).ShouldBe(ChainTargetStatus.Negotiating);
    }
}

public sealed class ChainLayoutTests
{
    [Fact]
    public void Upstream_sits_left_of_downstream_and_every_edge_points_right()
    {
        var nodes = Enumerable.Range(0, 200).Select(i => new ChainLayout.Input(Guid.NewGuid(), (ChainSegment)(i % 3))).ToList();
        // Each node supplies two nodes further down its segment or the next one: a dense DAG of 200 nodes.
        var edges = nodes.SelectMany((n, i) => nodes.Skip(i + 1).Where(m => m.Segment >= n.Segment).Take(2).Select(m => (n.Id, m.Id))).ToList();
        var layout = ChainLayout.Arrange(nodes, edges);

        layout.Positions.Count.ShouldBe(200);
        edges.ShouldAllBe(e => layout.Positions[e.Item1].Column < layout.Positions[e.Item2].Column);
        var lastUpstream = nodes.Where(n => n.Segment == ChainSegment.Upstream).Max(n => layout.Positions[n.Id].Column);
        nodes.Where(n => n.Segment != ChainSegment.Upstream).ShouldAllBe(n => layout.Positions[n.Id].Column > lastUpstream);
        // No two nodes share a place.
        layout.Positions.Values.Select(p => (p.Column, p.Row)).Distinct().Count().ShouldBe(200);
    }
}
