using BizEnv.Invest.Application.Chains;
using BizEnv.Invest.Application.Chains.AddChainEdge;
using BizEnv.Invest.Application.Chains.ConfirmNodeFirm;
using BizEnv.Invest.Application.Chains.GetChain;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Chains.ListChains;
using BizEnv.Invest.Application.Chains.RemoveChainEdge;
using BizEnv.Invest.Application.Chains.RemoveChainNode;
using BizEnv.Invest.Application.Chains.RemoveNodeFirm;
using BizEnv.Invest.Application.Chains.Targets.AddChainTarget;
using BizEnv.Invest.Application.Chains.Targets.ChangeChainTargetStatus;
using BizEnv.Invest.Application.Chains.UpdateChain;
using BizEnv.Invest.Application.Chains.UpdateChainNode;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Common;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Tests.Chains;

/// <summary>
/// The chain's grain on a real silo and database: it alone writes the chain's rows and its standing,
/// one transaction per command; the pages read the standing it wrote, and news of a firm or project
/// (not a page) is what makes it recompute.
/// </summary>
public sealed class ChainGrainTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<ChainNodeDto> Node(Guid chain, Guid node) => (await app.Send(new GetChain(chain), await app.As("leader"))).Nodes.Single(n => n.Id == node);

    private Task<string> StoredStatus(Guid chain, Guid node) =>
        app.Scalar<string>("SELECT status FROM chain_node_status WHERE chain_id = @chain AND node_id = @node", new { chain, node });

    [Fact]
    public async Task Every_change_to_a_chain_is_stored_with_its_audit_row_and_the_standing_it_leads_to()
    {
        var admin = await app.As("admin");
        var officer = await app.As("officer");
        var chain = await app.NewChain(admin, strong: 2, weak: 1);
        var cells = await app.NewNode(admin, chain, "电芯", ChainSegment.Midstream, "C3841");
        var packs = await app.NewNode(admin, chain, "电池包", ChainSegment.Midstream, "C3849");
        var cars = await app.NewNode(admin, chain, "整车", ChainSegment.Downstream, "C3612");
        (await app.Scalar<long>("SELECT count(*) FROM chain_node_status WHERE chain_id = @chain", new { chain })).ShouldBe(3);

        await app.Send(new AddChainEdge(chain, cells, packs), admin);
        await app.Send(new AddChainEdge(chain, packs, cars), admin);
        await app.Send(new RemoveChainEdge(chain, packs, cars), admin);
        (await app.Query<(Guid, Guid)>("SELECT from_node, to_node FROM chain_edges WHERE chain_id = @chain", new { chain })).ShouldBe([(cells, packs)]);
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new RemoveChainEdge(chain, packs, cars), admin));

        // A firm confirmed: its node is weak at once, in the stored standing the graph and the list read.
        var firm = await app.NewInvestor(officer);
        await app.Send(new ConfirmNodeFirm(chain, cells, firm.Id), admin);
        (await StoredStatus(chain, cells)).ShouldBe("Weak");
        (await Node(chain, cells)).LocalFirms.ShouldBe(1);

        // New thresholds: every node follows; a stale version is a conflict and changes nothing.
        var version = (await app.Send(new GetChain(chain), admin)).Chain.Version;
        await app.Send(new UpdateChain(chain, "改名后的链" + Guid.NewGuid().ToString("N")[..6], null, 1, 1, null, version), admin);
        (await StoredStatus(chain, cells)).ShouldBe("Strong");
        await Should.ThrowAsync<ConcurrencyConflictException>(() => app.Send(new UpdateChain(chain, "旧版本" + Guid.NewGuid().ToString("N")[..6], null, 5, 1, null, version), admin));
        (await app.Scalar<int>("SELECT strong_min_firms FROM chains WHERE id = @chain", new { chain })).ShouldBe(1);

        // A renamed node is named so in the next refusal; a removed one leaves the chain's standing.
        var packsNode = await Node(chain, packs);
        await app.Send(new UpdateChainNode(chain, packs, "电池包（刀片）" + Guid.NewGuid().ToString("N")[..4], null, ["C3849"], ChainSegment.Midstream, false, packsNode.Version), admin);
        var renamed = (await Node(chain, packs)).Name;
        var loop = await Should.ThrowAsync<DomainException>(() => app.Send(new AddChainEdge(chain, packs, cells), admin));
        loop.Args[1].ShouldBe($"{renamed} → {(await Node(chain, cells)).Name} → {renamed}");
        await app.Send(new RemoveChainNode(chain, cars), admin);
        (await app.Scalar<long>("SELECT count(*) FROM chain_node_status WHERE chain_id = @chain", new { chain })).ShouldBe(2);
        var listed = (await app.Send(new ListChains(), officer)).Single(c => c.Id == chain);
        (listed.Completeness.Strong, listed.Completeness.Total).ShouldBe((1, 2));

        // Taken off today: missing again today.
        await app.Send(new RemoveNodeFirm(chain, cells, firm.Id), admin);
        (await StoredStatus(chain, cells)).ShouldBe("Missing");

        // One audit row per command, written with its change; the refused ones by the pipeline.
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE object_id = @id AND outcome = 'success'", new { id = chain.ToString() })).ShouldBe(12);
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE object_id = @id AND outcome LIKE 'refused:%'", new { id = chain.ToString() })).ShouldBe(1);
    }

    [Fact]
    public async Task A_target_counts_at_its_node_until_dropped()
    {
        var admin = await app.As("admin");
        var officer = await app.As("officer");
        var chain = await app.NewChain(admin);
        var node = await app.NewNode(admin, chain, "驱动电机", ChainSegment.Midstream, "C3812");
        var target = await app.Send(new AddChainTarget(chain, node, (await app.NewInvestor(officer)).Id, null, null, false, false, "补齐电驱"), officer);
        (await Node(chain, node)).OpenTargets.ShouldBe(1);
        await app.Send(new ChangeChainTargetStatus(target.Id, ChainTargetStatus.Dropped, "对方无意向", target.Version), officer);
        (await Node(chain, node)).OpenTargets.ShouldBe(0);
        await Should.ThrowAsync<DomainException>(() => app.Send(new RemoveChainNode(chain, node), admin));
    }

    [Fact]
    public async Task A_project_signed_elsewhere_shows_on_the_graph_once_its_news_arrives_and_not_by_a_page_recomputing()
    {
        var admin = await app.As("admin");
        var officer = await app.As("officer");
        var chain = await app.NewChain(admin);
        var motors = await app.NewNode(admin, chain, "驱动电机", ChainSegment.Midstream, "C3812");
        var other = await app.NewChain(admin);
        var controllers = await app.NewNode(admin, other, "电控", ChainSegment.Midstream, "C3819");
        var firm = await app.NewInvestor(officer);
        var project = await app.NewProject(officer, firm.Id);

        // The project's own writer signs it at the node (as the project grain will), and tells the chains after its commit.
        await app.Scalar<int>("UPDATE projects SET chain_node_id = @motors, stage = 'Signed', stage_date = @day WHERE id = @id RETURNING 1",
            new { motors, id = project.Id, day = app.Clock.Today() });
        (await Node(chain, motors)).Status.ShouldBe(ChainNodeStatus.Missing); // a page reads what the grain wrote: no recomputation
        await ChainNews.ProjectChanged(app.Grains, project.Id);
        var signed = await Node(chain, motors);
        (signed.Status, signed.LocalFirms, signed.LocalInvestment, signed.Jobs).ShouldBe((ChainNodeStatus.Weak, 1, 500_000_000m, 800));

        // Moved to a node of another chain: the chain it left hears of it too (it remembers what it counted).
        await app.Scalar<int>("UPDATE projects SET chain_node_id = @controllers WHERE id = @id RETURNING 1", new { controllers, id = project.Id });
        await ChainNews.ProjectChanged(app.Grains, project.Id);
        (await Node(chain, motors)).Status.ShouldBe(ChainNodeStatus.Missing);
        (await Node(other, controllers)).Status.ShouldBe(ChainNodeStatus.Weak);
    }

    [Fact]
    public async Task News_of_a_firm_recomputes_the_nodes_it_is_confirmed_at()
    {
        var admin = await app.As("admin");
        var officer = await app.As("officer");
        var chain = await app.NewChain(admin);
        var cells = await app.NewNode(admin, chain, "电芯", ChainSegment.Midstream, "C3841");
        var firm = await app.NewInvestor(officer);
        await app.Send(new ConfirmNodeFirm(chain, cells, firm.Id), admin);
        (await Node(chain, cells)).LocalInvestment.ShouldBe(0m);

        // A signed project of the firm naming no node counts where the firm is confirmed.
        var project = await app.NewProject(officer, firm.Id);
        await app.Scalar<int>("UPDATE projects SET stage = 'Signed', stage_date = @day WHERE id = @id RETURNING 1", new { id = project.Id, day = app.Clock.Today() });
        (await Node(chain, cells)).LocalInvestment.ShouldBe(0m);
        await ChainNews.InvestorChanged(app.Grains, firm.Id);
        (await Node(chain, cells)).LocalInvestment.ShouldBe(500_000_000m);
    }

    [Fact]
    public async Task A_firm_confirmed_at_a_shared_node_counts_in_every_chain_that_has_it()
    {
        var admin = await app.As("admin");
        var officer = await app.As("officer");
        var first = await app.NewChain(admin);
        var second = await app.NewChain(admin);
        var cells = await app.NewNode(admin, first, "电芯", ChainSegment.Midstream, "C3841");
        await app.Send(new Application.Chains.AddChainNode.AddChainNode(second, cells, null, null, null, ChainSegment.Upstream, false), admin);
        await app.Send(new ConfirmNodeFirm(first, cells, (await app.NewInvestor(officer)).Id), admin);
        (await Node(first, cells)).Status.ShouldBe(ChainNodeStatus.Weak);
        // The other chain hears of it after the first one's turn: not waited for, so looked for.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await StoredStatus(second, cells) != "Weak")
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the chain sharing the node never heard of the firm");
            await Task.Delay(50);
        }
        (await Node(second, cells)).LocalFirms.ShouldBe(1);
    }

    [Fact]
    public async Task Figures_of_an_earlier_day_or_none_at_all_are_brought_up_to_today_by_the_grain_before_a_page_reads_them()
    {
        var admin = await app.As("admin");
        var chain = await app.NewChain(admin);
        await app.NewNode(admin, chain, "电芯", ChainSegment.Midstream, "C3841");
        var today = app.Clock.Today();
        (await app.Scalar<DateOnly>("SELECT as_of FROM chain_status WHERE chain_id = @chain", new { chain })).ShouldBe(today);

        // As after a midnight, and as for a chain whose standing was never written (seeded by SQL).
        await app.Scalar<int>("UPDATE chain_status SET as_of = as_of - 1 WHERE chain_id = @chain RETURNING 1", new { chain });
        (await app.Send(new GetChain(chain), admin)).Nodes.Count.ShouldBe(1);
        (await app.Scalar<DateOnly>("SELECT as_of FROM chain_status WHERE chain_id = @chain", new { chain })).ShouldBe(today);
        await app.Scalar<int>("WITH d AS (DELETE FROM chain_node_status WHERE chain_id = @chain) DELETE FROM chain_status WHERE chain_id = @chain RETURNING 1", new { chain });
        (await app.Send(new ListChains(), admin)).Single(c => c.Id == chain).Completeness.Total.ShouldBe(1);
        (await app.Scalar<long>("SELECT count(*) FROM chain_node_status WHERE chain_id = @chain", new { chain })).ShouldBe(1);
    }

    [Fact]
    public async Task A_repeat_of_adding_a_node_with_its_idempotency_key_adds_it_once_and_answers_the_same_node()
    {
        var admin = await app.As("admin");
        var chain = await app.NewChain(admin);
        var dispatcher = app.Services.GetRequiredService<Abstractions.RequestDispatcher>();
        var key = Guid.NewGuid().ToString();
        var add = new Application.Chains.AddChainNode.AddChainNode(chain, null, ChainBuilders.Unique("电芯"), null, ["C3841"], ChainSegment.Midstream, false);
        var answers = new List<Guid>();
        for (var i = 0; i < 3; i++)
            answers.Add(await dispatcher.Send(add, admin, key));
        answers.Distinct().ShouldHaveSingleItem();
        (await app.Scalar<long>("SELECT count(*) FROM chain_members WHERE chain_id = @chain", new { chain })).ShouldBe(1);
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'AddChainNode' AND object_id = @id AND outcome = 'replayed'",
            new { id = chain.ToString() })).ShouldBe(2);
        // The grain's graph did not take the replays for new nodes either.
        (await app.Send(new GetChain(chain), admin)).Chain.Completeness.Total.ShouldBe(1);
    }
}
