namespace BizEnv.Invest.Domain.Chains;

/// <summary>A firm confirmed as local at a node, from the day it was confirmed until (not including) the day it was taken off.</summary>
public sealed record FirmSpell(Guid InvestorId, DateOnly From, DateOnly? Until);

/// <summary>
/// A signed project at a node, from its signing day until (not including) the day it was terminated.
/// <see cref="Direct"/>: the project names the node itself; otherwise it is a project of a confirmed firm
/// that names no node, and counts only while its firm is confirmed there.
/// </summary>
public sealed record ProjectSpell(Guid ProjectId, Guid InvestorId, decimal Investment, int Jobs, DateOnly From, DateOnly? Until, bool Direct);

/// <summary>What a node has locally on a day: firms, signed investment (yuan) and jobs.</summary>
public sealed record NodeFigures(int Firms, decimal Investment, int Jobs)
{
    public static NodeFigures None { get; } = new(0, 0, 0);
}

/// <summary>
/// A node's local presence on any day, from the spells of its firms and signed projects: the firms
/// confirmed there, plus the firm of every signed project that names the node (signing a target's
/// project is how a gap closes, without a separate confirmation). Today's status and a report's
/// "at the start of the period" both come from here, so they can never disagree.
/// </summary>
public static class NodePresence
{
    public static NodeFigures At(DateOnly day, IEnumerable<FirmSpell> firms, IEnumerable<ProjectSpell> projects)
    {
        var (local, counted) = Count(day, firms, projects);
        return new NodeFigures(local.Count, counted.Sum(p => p.Investment), counted.Sum(p => p.Jobs));
    }

    /// <summary>The local firms on a day (a report's "new firms" are the ones at its end that were not there at its start).</summary>
    public static IReadOnlySet<Guid> FirmsAt(DateOnly day, IEnumerable<FirmSpell> firms, IEnumerable<ProjectSpell> projects) =>
        Count(day, firms, projects).Firms;

    private static (HashSet<Guid> Firms, List<ProjectSpell> Projects) Count(DateOnly day, IEnumerable<FirmSpell> firms, IEnumerable<ProjectSpell> projects)
    {
        static bool Covers(DateOnly from, DateOnly? until, DateOnly day) => from <= day && (until is not { } u || day < u);

        var confirmed = firms.Where(f => Covers(f.From, f.Until, day)).Select(f => f.InvestorId).ToHashSet();
        var counted = projects.Where(p => Covers(p.From, p.Until, day) && (p.Direct || confirmed.Contains(p.InvestorId)))
            .DistinctBy(p => p.ProjectId).ToList();
        var local = confirmed.Concat(counted.Select(p => p.InvestorId)).ToHashSet();
        return (local, counted);
    }
}
