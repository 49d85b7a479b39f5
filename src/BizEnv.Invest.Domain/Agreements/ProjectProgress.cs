using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Domain.Agreements;

/// <summary>A stage the project reached, as its history records it (only changes that stand: not pending, not rejected).</summary>
public sealed record StageReached(ProjectStage Stage, DateOnly On);

/// <summary>One 到资 entry: investment put in place on a date, in yuan.</summary>
public sealed record InvestmentInPlace(DateOnly On, decimal Yuan);

/// <summary>
/// What the project's own records say about an obligation: a milestone is reached on the date of the stage
/// change to Started (开工) or InProduction (投产); fixed-asset investment is the sum of 到资 in the obligation's
/// unit, reached on the day the running sum first met the target. Other kinds: the project says nothing (null).
/// </summary>
public static class ProjectProgress
{
    public static ProgressReading? For(ObligationTerms terms, IReadOnlyList<StageReached> stages, IReadOnlyList<InvestmentInPlace> investments, DateOnly today)
    {
        if (ObligationKinds.MilestoneStage(terms.Kind) is { } stage)
        {
            // The first time the project reached the stage (or a later one: production implies construction started).
            var reached = stages.Where(s => s.Stage == stage).Select(s => (DateOnly?)s.On).Min();
            if (reached is null && stage == ProjectStage.Started)
                reached = stages.Where(s => s.Stage == ProjectStage.InProduction).Select(s => (DateOnly?)s.On).Min();
            return reached is null ? null
                : new ProgressReading(null, reached, reached.Value > today ? today : reached.Value, Common.Coded.Text("obligation.evidence_stage", stage, reached.Value),
                    ProgressSource.Project);
        }
        if (terms.Kind != ObligationKind.FixedAssetInvestment || investments.Count == 0)
            return null;
        var running = 0m;
        DateOnly? crossed = null;
        foreach (var i in investments.OrderBy(i => i.On))
        {
            running += i.Yuan;
            if (crossed is null && ObligationKinds.FromYuan(running, terms.Unit) >= terms.Target)
                crossed = i.On;
        }
        var last = investments.Max(i => i.On);
        return new ProgressReading(ObligationKinds.FromYuan(running, terms.Unit), crossed, last > today ? today : last,
            Common.Coded.Text("obligation.evidence_investment", investments.Count, running), ProgressSource.Project);
    }
}
