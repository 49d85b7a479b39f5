using BizEnv.Invest.Domain.Calendar;

namespace BizEnv.Invest.Domain.Commitments;

/// <summary>One investor obligation a conditional promise waits on, as it stands now (read from the agreement's rows).</summary>
public sealed record ConditionState(Guid ObligationId, string Status, DateOnly? MetOn)
{
    /// <summary>Satisfied: met by its due date, or cured within the cure period (the shared meaning of #14).</summary>
    public bool Satisfied => PromiseConditions.IsSatisfied(Status);
}

/// <summary>
/// A conditional promise 附条件承诺: the government pays only once the investor has met its obligations
/// (e.g. a rebate once production started and 亩均税收 reached). Unmet at the lapse instant, the promise
/// has not been broken — it waits as condition unmet; once every condition is met it falls due the
/// agreement's number of working days after the last of them was reached.
/// </summary>
public static class PromiseConditions
{
    public static bool IsSatisfied(string obligationStatus) => obligationStatus is "Met" or "Cured";

    /// <summary>Every condition satisfied (an obligation not found counts as unmet: nothing is assumed).</summary>
    public static bool AllSatisfied(IReadOnlyCollection<Guid> conditions, IReadOnlyCollection<ConditionState> states) =>
        conditions.All(id => states.Any(s => s.ObligationId == id && s.Satisfied));

    /// <summary>
    /// The due date once all conditions are met: <paramref name="paymentDays"/> working days after the latest
    /// day one was reached; null while one is unmet or the count runs into a year the calendar has not loaded.
    /// </summary>
    public static DateOnly? DueAfter(IReadOnlyCollection<Guid> conditions, IReadOnlyCollection<ConditionState> states, WorkingDayCalendar calendar,
        int paymentDays)
    {
        if (conditions.Count == 0 || !AllSatisfied(conditions, states))
            return null;
        var last = states.Where(s => conditions.Contains(s.ObligationId)).Max(s => s.MetOn!.Value);
        return calendar.TryAddWorkingDays(last, paymentDays);
    }
}
