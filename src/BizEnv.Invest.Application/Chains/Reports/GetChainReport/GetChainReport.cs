using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Chains.Reports.GetChainReport;

/// <summary>
/// A chain over a period (default: this year to date): per node, the status before the period and at
/// its end, new local firms, whether its gap closed (missing → present), and the targets added, visited
/// and signed; with totals and the signed targets by label (补链 / 强链 / 延链).
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.Admin)]
public sealed record GetChainReport(Guid ChainId, DateOnly? From = null, DateOnly? To = null) : IQuery<ChainReport>;

public sealed record ChainReportRow(
    Guid NodeId, string NodeName, ChainSegment Segment, ChainNodeStatus StatusAtStart, ChainNodeStatus StatusAtEnd, int FirmsAtStart, int FirmsAtEnd,
    int NewFirms, bool GapClosed, int NewTargets, int TargetsContacted, int TargetsSigned, decimal InvestmentAtEnd, int JobsAtEnd);

public sealed record ChainReport(
    Guid ChainId, string ChainName, DateOnly From, DateOnly To, IReadOnlyList<ChainReportRow> Rows, ChainCompleteness AtStart, ChainCompleteness AtEnd,
    int NewFirms, int GapsClosed, int NewTargets, int TargetsContacted, int TargetsSigned, IReadOnlyDictionary<ChainTargetLabel, int> SignedByLabel);

public sealed class GetChainReportValidator : AbstractValidator<GetChainReport>
{
    public GetChainReportValidator()
    {
        RuleFor(x => x.To).Must((r, to) => r.From is null || to is null || r.From <= to).WithText("chain.report_range");
        RuleFor(x => x.From).Must(f => f is null || f.Value.Year >= 2000).WithText("chain.report_too_early");
    }
}

public sealed class GetChainReportHandler(IDbSession db, TimeProvider clock) : IRequestHandler<GetChainReport, ChainReport>
{
    public async Task<ChainReport> Handle(GetChainReport r, CancellationToken ct)
    {
        var today = clock.Today();
        var to = r.To ?? today;
        var from = r.From ?? new DateOnly(to.Year, 1, 1);
        if (from > to)
            throw ValidationText.FieldError(nameof(r.To), "chain.report_range");
        var before = from.AddDays(-1);
        var cn = await db.ConnectionAsync(ct);
        var snapshot = await ChainSnapshot.LoadAsync(cn, null, r.ChainId, ct);
        var targets = (await cn.QueryAsync<TargetFact>(new CommandDefinition($"""
            SELECT t.node_id AS NodeId, t.label AS Label, t.created_at AS CreatedAt,
                   EXISTS (SELECT 1 FROM visits v WHERE v.chain_target_id = t.id AND v.visited_on BETWEEN @from AND @to) AS Contacted,
                   (SELECT min(coalesce({ChainSql.SignedOn}, p.stage_date)) FROM projects p WHERE p.chain_target_id = t.id AND {ChainSql.IsSigned}) AS SignedOn
              FROM chain_targets t WHERE t.chain_id = @chain
            """, new { chain = r.ChainId, from, to }, cancellationToken: ct))).ToList();
        bool InPeriod(DateOnly? d) => d is { } day && day >= from && day <= to;
        bool Created(TargetFact t) => InPeriod(DateOnly.FromDateTime(BeijingTime.ToBeijing(t.CreatedAt).DateTime));
        bool Signed(TargetFact t) => InPeriod(t.SignedOn);

        var rows = snapshot.Members.Select(m =>
        {
            var start = snapshot.FiguresAt(m.NodeId, before);
            var end = snapshot.FiguresAt(m.NodeId, to);
            var statusStart = snapshot.Chain.Thresholds.StatusOf(start.Firms, start.Investment);
            var statusEnd = snapshot.Chain.Thresholds.StatusOf(end.Firms, end.Investment);
            var newFirms = snapshot.FirmsAt(m.NodeId, to).Except(snapshot.FirmsAt(m.NodeId, before)).Count();
            var mine = targets.Where(t => t.NodeId == m.NodeId).ToList();
            return new ChainReportRow(m.NodeId, m.Name, m.SegmentValue, statusStart, statusEnd, start.Firms, end.Firms, newFirms,
                statusStart == ChainNodeStatus.Missing && statusEnd != ChainNodeStatus.Missing,
                mine.Count(Created), mine.Count(t => t.Contacted), mine.Count(Signed), end.Investment, end.Jobs);
        }).ToList();
        var signedByLabel = Enum.GetValues<ChainTargetLabel>().ToDictionary(l => l, l => targets.Count(t => t.Label == l.ToString() && Signed(t)));
        return new ChainReport(r.ChainId, snapshot.Chain.Name, from, to, rows,
            ChainCompleteness.Of(rows.Select(x => x.StatusAtStart)), ChainCompleteness.Of(rows.Select(x => x.StatusAtEnd)),
            rows.Sum(x => x.NewFirms), rows.Count(x => x.GapClosed), rows.Sum(x => x.NewTargets), rows.Sum(x => x.TargetsContacted),
            rows.Sum(x => x.TargetsSigned), signedByLabel);
    }

    private sealed record TargetFact(Guid NodeId, string Label, DateTimeOffset CreatedAt, bool Contacted, DateOnly? SignedOn);
}
