using BizEnv.Invest.Domain.Calendar;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Commitments;

/// <summary>
/// When a promise lapses and when its owners are warned. A due date means the whole of that day in
/// Beijing: the promise lapses at 00:00 Asia/Shanghai the next day. Warnings go 30, 7 and 1 working
/// days before the due date (working-day calendar). Promises made before 2018-01-01 that lapse join
/// the remediation list instead of counting as new breaches.
/// </summary>
public static class CommitmentDeadlines
{
    public static readonly DateOnly BreachEra = new(2018, 1, 1);
    public static readonly IReadOnlyList<int> WarningWorkingDays = [30, 7, 1];

    public static DateTimeOffset LapseInstant(DateOnly dueDate) => BeijingTime.StartOf(dueDate.AddDays(1));

    /// <summary>A lapse of a promise made on or after 2018-01-01 is a credit-integrity breach 政府失信.</summary>
    public static bool LapseIsBreach(DateOnly madeOn) => madeOn >= BreachEra;
}
