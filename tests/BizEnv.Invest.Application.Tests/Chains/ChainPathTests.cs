using BizEnv.Invest.Application.Chains;
using BizEnv.Invest.Application.Chains.AddChainEdge;
using BizEnv.Invest.Application.Chains.GetChain;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Chains.ListChains;
using BizEnv.Invest.Application.Chains.Reports.GetChainReport;
using BizEnv.Invest.Application.Chains.Targets.AddChainTarget;
using BizEnv.Invest.Application.Chains.Targets.GetChainTarget;
using BizEnv.Invest.Application.Chains.Targets.LinkTargetProject;
using BizEnv.Invest.Application.Crm.Projects.ChangeProjectStage;
using BizEnv.Invest.Application.Crm.Visits.LogVisit;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Crm;
using FluentValidation;

namespace BizEnv.Invest.Application.Tests.Chains;

/// <summary>The path gap → target → visit → project → signed → gap closed, with the counts at every step, on real PostgreSQL.</summary>
public sealed class ChainPathTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 20); // the fake clock's Beijing date

    [Fact]
    public async Task A_target_visited_and_signed_closes_the_gap_and_every_count_follows_each_step()
    {
        var admin = await app.As("admin");
        var officer = await app.As("officer");
        var chain = await app.NewChain(admin);
        var cells = await app.NewNode(admin, chain, "电芯", ChainSegment.Midstream, "C3841");
        var motors = await app.NewNode(admin, chain, "驱动电机", ChainSegment.Midstream, "C3812");
        await app.Send(new AddChainEdge(chain, cells, motors), admin);
        var firm = await app.NewInvestor(officer);

        // 0. The gap: both nodes missing, nothing targeted.
        await Expect(chain, motors, ChainNodeStatus.Missing, firms: 0, present: 0, open: 0, signed: 0);

        // 1. A target for the missing node: labelled 补链, identified.
        var target = await app.Send(new AddChainTarget(chain, motors, firm.Id, null, null, false, false, "扁线电机产能可补齐本地电驱缺口"), officer);
        (target.Label, target.Status, target.UnitName).ShouldBe((ChainTargetLabel.Fill, ChainTargetStatus.Identified, "招商一处"));
        await Expect(chain, motors, ChainNodeStatus.Missing, firms: 0, present: 0, open: 1, signed: 0);

        // A visit to another firm cannot be logged against it, and leaves nothing behind.
        var other = await app.NewInvestor(officer);
        var refused = await Should.ThrowAsync<ValidationException>(() =>
            app.Send(new LogVisit(other.Id, null, Today, "走访", null, [], [], target.Id), officer));
        refused.Errors.Single().ErrorCode.ShouldBe("chain.target_other_firm");
        (await app.Scalar<long>("SELECT count(*) FROM visits WHERE investor_id = @id", new { id = other.Id })).ShouldBe(0);

        // 2. The visit: contacted, and counted in the period's report.
        await app.Send(new LogVisit(firm.Id, null, Today.AddDays(-3), "对接电机产线落地", null, [], [], target.Id), officer);
        var visited = (await app.Send(new GetChainTarget(target.Id), officer)).Target;
        (visited.Status, visited.Visits).ShouldBe((ChainTargetStatus.Contacted, 1));
        (await Report(chain)).TargetsContacted.ShouldBe(1);

        // 3. A project for the target: negotiating, placed at the node, not yet local (only a lead).
        var project = await app.NewProject(officer, firm.Id);
        (await app.Send(new LinkTargetProject(target.Id, project.Id), officer)).Status.ShouldBe(ChainTargetStatus.Negotiating);
        (await app.Scalar<Guid>("SELECT chain_node_id FROM projects WHERE id = @id", new { id = project.Id })).ShouldBe(motors);
        await Expect(chain, motors, ChainNodeStatus.Missing, firms: 0, present: 0, open: 1, signed: 0);

        // 4. Signed: the target reads signed, the firm is local at the node, the gap is closed.
        // Linking moved the project on (its node changed): the stage change takes its current version.
        var version = await app.Scalar<int>("SELECT version FROM projects WHERE id = @id", new { id = project.Id });
        version.ShouldBe(project.Version + 1);
        var negotiating = await app.Send(new ChangeProjectStage(project.Id, ProjectStage.Negotiating, Today.AddDays(-2), null, null, version), officer);
        var signedProject = await app.Send(new ChangeProjectStage(project.Id, ProjectStage.Signed, Today, "签订投资协议", null, negotiating.Project.Version), officer);
        // No news sent by hand: the project's grain tells the chains once the stage change has committed.
        (await app.Send(new GetChainTarget(target.Id), officer)).Target.Status.ShouldBe(ChainTargetStatus.Signed);
        var node = await Expect(chain, motors, ChainNodeStatus.Weak, firms: 1, present: 1, open: 0, signed: 1);
        node.LocalInvestment.ShouldBe(500_000_000m);
        node.Jobs.ShouldBe(800);
        var report = await Report(chain);
        (report.GapsClosed, report.NewFirms, report.TargetsSigned, report.SignedByLabel[ChainTargetLabel.Fill]).ShouldBe((1, 1, 1, 1));
        report.Rows.Single(r => r.NodeId == motors).StatusAtStart.ShouldBe(ChainNodeStatus.Missing);
        report.AtEnd.Percent.ShouldBe(50m);

        // 5. Terminated afterwards: the firm no longer counts, the target is back to negotiating, the gap reopens.
        await app.Send(new ChangeProjectStage(project.Id, ProjectStage.Terminated, Today, null, "投资方撤回", signedProject.Project.Version), officer);
        await Expect(chain, motors, ChainNodeStatus.Missing, firms: 0, present: 0, open: 1, signed: 0);
        (await app.Send(new GetChainTarget(target.Id), officer)).Target.Status.ShouldBe(ChainTargetStatus.Negotiating);
    }

    private async Task<ChainReport> Report(Guid chain) => await app.Send(new GetChainReport(chain, new DateOnly(2026, 1, 1), Today), await app.As("leader"));

    /// <summary>The node as the graph shows it, and the chain as the list shows it.</summary>
    private async Task<ChainNodeDto> Expect(Guid chain, Guid nodeId, ChainNodeStatus status, int firms, int present, int open, int signed)
    {
        var leader = await app.As("leader");
        var graph = await app.Send(new GetChain(chain), leader);
        var node = graph.Nodes.Single(n => n.Id == nodeId);
        (node.Status, node.LocalFirms, node.OpenTargets).ShouldBe((status, firms, open));
        graph.Chain.Completeness.Present.ShouldBe(present);
        var listed = (await app.Send(new ListChains(), leader)).Single(c => c.Id == chain);
        (listed.Completeness.Present, listed.Completeness.Total, listed.OpenTargets, listed.SignedTargets).ShouldBe((present, 2, open, signed));
        return node;
    }
}
