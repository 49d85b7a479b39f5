using BizEnv.Invest.Domain.Calendar;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Commitments;

public enum DeadlineKind { Warning, Lapse }

/// <summary>One moment at which a promise's grain must act.</summary>
public sealed record Deadline(DeadlineKind Kind, DateTimeOffset At);

/// <summary>
/// What a promise's timer must do, and when: the 30/7/1-working-day warnings (each at the start of
/// its day in Beijing) and the lapse at the end of the due date. (A pre-2018 list item's remediation
/// deadline is the list's grain's to watch, not the promise's.) Its grain keeps one reminder, set
/// for <see cref="Next"/>; at each tick it acts on everything <see cref="Due"/> and sets the next.
/// </summary>
public static class PromiseDeadlines
{
    /// <summary>
    /// The warning thresholds of the current due date with the instant each comes. A threshold whose
    /// count of working days crosses a year the calendar has not loaded yet is left out — not guessed —
    /// and computed once that year is added (every running promise is re-armed then); the others stand.
    /// </summary>
    public static IReadOnlyList<(int Days, DateTimeOffset At)> Warnings(WorkingDayCalendar? calendar, DateOnly dueDate) =>
        calendar is null ? [] : [.. WarningSchedule(calendar, dueDate).Where(w => w.On is not null).Select(w => (w.Days, BeijingTime.StartOf(w.On!.Value)))];

    /// <summary>Each warning threshold with its date, or null where the date needs a year the calendar has not loaded ("date to follow").</summary>
    public static IReadOnlyList<(int Days, DateOnly? On)> WarningSchedule(WorkingDayCalendar calendar, DateOnly dueDate) =>
        [.. CommitmentDeadlines.WarningWorkingDays.Select(days => (days, calendar.TrySubtractWorkingDays(dueDate, days)))];

    /// <summary>Every deadline not yet acted on, earliest first.</summary>
    public static IReadOnlyList<Deadline> Pending(Promise promise, WorkingDayCalendar? calendar, IReadOnlySet<int> warningsDone)
    {
        var pending = new List<Deadline>();
        if (promise.IsRunning)
        {
            pending.AddRange(Warnings(calendar, promise.Terms.DueDate).Where(w => !warningsDone.Contains(w.Days)).Select(w => new Deadline(DeadlineKind.Warning, w.At)));
            pending.Add(new Deadline(DeadlineKind.Lapse, promise.LapseAt));
        }
        return pending.OrderBy(d => d.At).ToList();
    }

    /// <summary>The next moment to wake for; null when nothing is left to watch.</summary>
    public static DateTimeOffset? Next(Promise promise, WorkingDayCalendar? calendar, IReadOnlySet<int> warningsDone) =>
        Pending(promise, calendar, warningsDone).Select(d => (DateTimeOffset?)d.At).FirstOrDefault();

    /// <summary>
    /// The warnings reached by <paramref name="now"/> and not yet done, and the one to announce: only
    /// the nearest to the due date (a promise recorded two days before its due date hears "1 working
    /// day left", not three notices at once); the others are recorded as done, never sent late.
    /// </summary>
    public static (IReadOnlyList<int> Reached, int? Announce) WarningsDue(Promise promise, WorkingDayCalendar? calendar, IReadOnlySet<int> warningsDone,
        DateTimeOffset now)
    {
        if (!promise.IsRunning || now >= promise.LapseAt)
            return ([], null);
        var reached = Warnings(calendar, promise.Terms.DueDate).Where(w => w.At <= now && !warningsDone.Contains(w.Days)).Select(w => w.Days).ToList();
        return (reached, reached.Count == 0 ? null : reached.Min());
    }
}
