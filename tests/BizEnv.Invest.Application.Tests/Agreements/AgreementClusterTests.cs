using BizEnv.Invest.Application.Agreements.GetAgreement;
using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Crm.Projects.GetProject;
using BizEnv.Invest.Application.Crm.Projects.RecordInvestment;
using BizEnv.Invest.Application.Tests.Cluster;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;
using Microsoft.Extensions.DependencyInjection;
using static BizEnv.Invest.Application.Tests.Agreements.AgreementBuilders;

namespace BizEnv.Invest.Application.Tests.Agreements;

/// <summary>
/// Agreements on three silos of one cluster: due ends ticked from every node at once mark each obligation Missed
/// exactly once; progress from the project (stage date, 到资) recorded through one node reaches the agreement's grain
/// wherever it lives.
/// </summary>
public sealed class AgreementClusterTests(TwoMoreNodes app) : IClassFixture<TwoMoreNodes>
{
    [Fact]
    public async Task Obligations_whose_due_date_ended_are_marked_missed_exactly_once_when_every_node_ticks_them_together()
    {
        var officer = await app.As("officer");
        var agreements = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            // Recorded through different nodes: the grains live where the cluster puts them.
            var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
            var request = Agreement(project.Id, [.. Enumerable.Range(0, 5).Select(n =>
                Obligation(ObligationKind.Jobs, 100m + n, "人", new DateOnly(2026, 11, 21), $"就业{n}"))]);
            var node = (i % 3) switch { 0 => app.Node, 1 => app.A, _ => app.B };
            agreements.Add((await app.SendOn(node, request, officer)).AgreementId);
        }
        // 2026-11-21 ends at 2026-11-21T16:00Z.
        app.Clock.Advance(new DateTimeOffset(2026, 11, 21, 16, 0, 1, TimeSpan.Zero) - app.Clock.GetUtcNow());
        var ticks = agreements.SelectMany(id => new[] { app.Node.Grains, app.A.Grains, app.B.Grains, app.A.Grains, app.B.Grains }
            .Select(g => g.GetGrain<IAgreementGrain>(id).CheckDue()));
        await Task.WhenAll(ticks);
        await Task.WhenAll(agreements.Select(id => app.B.Grains.GetGrain<IAgreementGrain>(id).CheckDue()));

        (await app.Scalar<long>("SELECT count(*) FROM obligations WHERE agreement_id = ANY(@ids) AND status = 'Missed'", new { ids = agreements.ToArray() })).ShouldBe(20);
        (await app.Scalar<long>("""
            SELECT count(*) FROM ledger_history l JOIN obligations o ON o.id = l.commitment_id
            WHERE o.agreement_id = ANY(@ids) AND l.event = 'Obligation.Missed'
            """, new { ids = agreements.ToArray() })).ShouldBe(20);
        (await app.Scalar<long>("""
            SELECT count(DISTINCT l.commitment_id) FROM ledger_history l JOIN obligations o ON o.id = l.commitment_id
            WHERE o.agreement_id = ANY(@ids) AND l.event = 'Obligation.Missed'
            """, new { ids = agreements.ToArray() })).ShouldBe(20);
        (await app.Services.GetRequiredService<LedgerVerifier>().VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Progress_from_the_projects_stage_date_and_daozi_reaches_the_agreement_from_any_node()
    {
        var officer = await app.As("officer");
        var due = app.Clock.Today().AddDays(200);
        var (project, saved) = await app.NewAgreement(officer,
            Obligation(ObligationKind.StartOfConstruction, null, null, due),
            Obligation(ObligationKind.Production, null, null, due),
            Obligation(ObligationKind.FixedAssetInvestment, 2_000m, "万元", due));
        var today = app.Clock.Today();
        await app.SendOn(app.A, new RecordInvestment(project.Id, today.AddDays(-3), 12_000_000m, null), officer);
        await app.SendOn(app.B, new RecordInvestment(project.Id, today.AddDays(-1), 8_000_000m, null), officer);
        var summary = (await app.Send(new GetProject(project.Id), officer)).Summary;
        await app.MoveTo(officer, summary, ProjectStage.Started, today.AddDays(-1));

        var detail = await app.SendOn(app.B, new GetAgreement(saved.AgreementId), officer);
        var fai = detail.Obligations.Single(o => o.Kind == ObligationKind.FixedAssetInvestment);
        fai.Status.ShouldBe(ObligationStatus.Met);
        fai.Progress.ShouldBe(2_000m);
        fai.MetOn.ShouldBe(today.AddDays(-1));
        var start = detail.Obligations.Single(o => o.Kind == ObligationKind.StartOfConstruction);
        start.Status.ShouldBe(ObligationStatus.Met);
        start.MetOn.ShouldBe(today.AddDays(-1));
        detail.Obligations.Single(o => o.Kind == ObligationKind.Production).Status.ShouldBe(ObligationStatus.Open);
        // Each figure once, however many nodes heard the news.
        (await app.Scalar<long>("SELECT count(*) FROM obligation_progress WHERE obligation_id = @Id", fai)).ShouldBe(2);
        (await app.Scalar<long>("SELECT count(*) FROM obligation_progress WHERE obligation_id = @Id", start)).ShouldBe(1);
    }
}
