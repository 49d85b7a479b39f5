using BizEnv.Invest.Domain.Calendar;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Tests.Calendar;

namespace BizEnv.Invest.Domain.Tests.Commitments;

public sealed class PromiseDeadlineTests
{
    // Due Thu 2026-12-31 on a plain Monday–Friday calendar of 2026:
    //   1 working day before  → Wed 2026-12-30
    //   7 working days before → Tue 2026-12-22 (30, 29, 28, 25, 24, 23, 22)
    //  30 working days before → Thu 2026-11-19 (six whole weeks)
    // Each warning comes at 00:00 Beijing of its day = 16:00 UTC the day before; the lapse at 2026-12-31 16:00 UTC.
    private static readonly DateOnly Due = new(2026, 12, 31);
    private static readonly DateTimeOffset Warn30 = Utc(2026, 11, 18, 16);
    private static readonly DateTimeOffset Warn7 = Utc(2026, 12, 21, 16);
    private static readonly DateTimeOffset Warn1 = Utc(2026, 12, 29, 16);
    private static readonly DateTimeOffset Lapse = Utc(2026, 12, 31, 16);
    private static readonly WorkingDayCalendar Plain2026 = new([2026], []);
    private static readonly IReadOnlySet<int> NoneDone = new HashSet<int>();

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    private static DateTimeOffset Beijing(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(8));

    private static Promise APromise(CommitmentStatus status = CommitmentStatus.Open, DateOnly? due = null, DateOnly? madeOn = null) =>
        Promise.Restore(Guid.NewGuid(),
            new PromiseTerms(CommitmentKind.Land, "交地 50 亩", null, null, null, null, madeOn ?? new DateOnly(2026, 1, 5), due ?? Due, "政策", "文号", null),
            status, null, null, 1, null);

    private static void NothingDue((IReadOnlyList<int> Reached, int? Announce) due)
    {
        due.Reached.ShouldBeEmpty();
        due.Announce.ShouldBeNull();
    }

    private static HashSet<int> Done(params int[] days) => [.. days];

    [Fact]
    public void Warnings_come_30_7_and_1_working_days_before_the_due_date_at_the_start_of_the_day_in_Beijing()
    {
        PromiseDeadlines.Warnings(Plain2026, Due).ShouldBe([(30, Warn30), (7, Warn7), (1, Warn1)]);
        Warn1.ShouldBe(Beijing(2026, 12, 30, 0));
    }

    [Fact]
    public void Warnings_skip_statutory_holidays_and_count_adjusted_working_days()
    {
        // Due Thu 2025-10-09 right after National Day: 1 working day before is Tue 30 Sep, 7 before is Tue 23 Sep.
        var warnings = PromiseDeadlines.Warnings(ShippedCalendar.Get(), new DateOnly(2025, 10, 9)).ToDictionary(w => w.Days, w => w.At);
        warnings[1].ShouldBe(Beijing(2025, 9, 30, 0));
        warnings[7].ShouldBe(Beijing(2025, 9, 23, 0));
        warnings.Keys.ShouldBe([30, 7, 1], ignoreOrder: true);
    }

    [Fact]
    public void Without_a_calendar_there_are_no_warnings() =>
        PromiseDeadlines.Warnings(null, Due).ShouldBeEmpty();

    [Fact]
    public void A_warning_that_needs_a_year_not_loaded_is_left_out_rather_than_guessed_and_the_others_stand()
    {
        PromiseDeadlines.Warnings(Plain2026, new DateOnly(2027, 3, 1)).ShouldBeEmpty();
        // Due Tue 2026-01-20: the 30-working-day warning would fall in 2025, which this calendar does not hold;
        // 7 and 1 working days before are Fri 9 and Mon 19 January.
        PromiseDeadlines.Warnings(Plain2026, new DateOnly(2026, 1, 20)).ShouldBe([(7, Beijing(2026, 1, 9, 0)), (1, Beijing(2026, 1, 19, 0))]);
    }

    [Fact]
    public void A_running_promise_waits_for_its_warnings_and_its_lapse_earliest_first()
    {
        PromiseDeadlines.Pending(APromise(), Plain2026, NoneDone).ShouldBe([
            new Deadline(DeadlineKind.Warning, Warn30),
            new Deadline(DeadlineKind.Warning, Warn7),
            new Deadline(DeadlineKind.Warning, Warn1),
            new Deadline(DeadlineKind.Lapse, Lapse),
        ]);
        PromiseDeadlines.Next(APromise(), Plain2026, NoneDone).ShouldBe(Warn30);
    }

    [Fact]
    public void Warnings_already_given_are_not_waited_for_again()
    {
        PromiseDeadlines.Pending(APromise(), Plain2026, Done(30, 7)).ShouldBe([
            new Deadline(DeadlineKind.Warning, Warn1),
            new Deadline(DeadlineKind.Lapse, Lapse),
        ]);
        PromiseDeadlines.Next(APromise(), Plain2026, Done(30)).ShouldBe(Warn7);
        PromiseDeadlines.Next(APromise(), Plain2026, Done(30, 7, 1)).ShouldBe(Lapse);
    }

    [Fact]
    public void Without_a_calendar_a_running_promise_still_waits_for_its_lapse()
    {
        PromiseDeadlines.Pending(APromise(), null, NoneDone).ShouldBe([new Deadline(DeadlineKind.Lapse, Lapse)]);
        PromiseDeadlines.Next(APromise(), null, NoneDone).ShouldBe(Lapse);
    }

    [Theory]
    [InlineData(CommitmentStatus.PendingApproval)]
    [InlineData(CommitmentStatus.Rejected)]
    [InlineData(CommitmentStatus.Fulfilled)]
    [InlineData(CommitmentStatus.Cancelled)]
    [InlineData(CommitmentStatus.Lapsed)]
    public void A_promise_not_running_has_no_warning_or_lapse_to_wait_for(CommitmentStatus status)
    {
        PromiseDeadlines.Pending(APromise(status), Plain2026, NoneDone).ShouldBeEmpty();
        PromiseDeadlines.Next(APromise(status), Plain2026, NoneDone).ShouldBeNull();
    }

    [Theory]
    [InlineData(CommitmentStatus.InProgress)]
    [InlineData(CommitmentStatus.PartlyFulfilled)]
    [InlineData(CommitmentStatus.Extended)]
    public void Every_running_status_waits_for_its_lapse(CommitmentStatus status) =>
        PromiseDeadlines.Pending(APromise(status), null, NoneDone).ShouldBe([new Deadline(DeadlineKind.Lapse, Lapse)]);

    [Fact]
    public void Before_the_first_warning_nothing_is_due()
    {
        NothingDue(PromiseDeadlines.WarningsDue(APromise(), Plain2026, NoneDone, Warn30.AddTicks(-1)));
    }

    [Fact]
    public void At_the_first_warning_the_30_day_one_is_announced()
    {
        var (reached, announce) = PromiseDeadlines.WarningsDue(APromise(), Plain2026, NoneDone, Warn30);
        reached.ShouldBe([30]);
        announce.ShouldBe(30);
    }

    [Fact]
    public void Only_the_nearest_reached_threshold_is_announced()
    {
        // Recorded on Tue 2026-12-29, two days before the due date: the 30- and 7-day marks have passed.
        var (reached, announce) = PromiseDeadlines.WarningsDue(APromise(), Plain2026, NoneDone, Beijing(2026, 12, 29, 10));
        reached.ShouldBe([30, 7]);
        announce.ShouldBe(7);

        // Recorded on Wed 2026-12-30: all three marks have passed, one notice says "1 working day left".
        (reached, announce) = PromiseDeadlines.WarningsDue(APromise(), Plain2026, NoneDone, Beijing(2026, 12, 30, 10));
        reached.ShouldBe([30, 7, 1]);
        announce.ShouldBe(1);
    }

    [Fact]
    public void Warnings_already_done_are_neither_reached_nor_announced_again()
    {
        var (reached, announce) = PromiseDeadlines.WarningsDue(APromise(), Plain2026, Done(30, 7), Beijing(2026, 12, 30, 10));
        reached.ShouldBe([1]);
        announce.ShouldBe(1);

        (reached, announce) = PromiseDeadlines.WarningsDue(APromise(), Plain2026, Done(30, 7, 1), Beijing(2026, 12, 30, 10));
        reached.ShouldBeEmpty();
        announce.ShouldBeNull();
    }

    [Fact]
    public void No_warning_is_due_at_or_after_the_lapse()
    {
        PromiseDeadlines.WarningsDue(APromise(), Plain2026, NoneDone, Lapse.AddTicks(-1)).Announce.ShouldBe(1);
        NothingDue(PromiseDeadlines.WarningsDue(APromise(), Plain2026, NoneDone, Lapse));
        NothingDue(PromiseDeadlines.WarningsDue(APromise(), Plain2026, NoneDone, Lapse.AddDays(3)));
    }

    [Theory]
    [InlineData(CommitmentStatus.PendingApproval)]
    [InlineData(CommitmentStatus.Fulfilled)]
    [InlineData(CommitmentStatus.Cancelled)]
    [InlineData(CommitmentStatus.Lapsed)]
    public void A_promise_not_running_has_no_warnings_due(CommitmentStatus status)
    {
        var (reached, announce) = PromiseDeadlines.WarningsDue(APromise(status), Plain2026, NoneDone, Beijing(2026, 12, 30, 10));
        reached.ShouldBeEmpty();
        announce.ShouldBeNull();
    }

    [Fact]
    public void Without_a_calendar_no_warning_is_due()
    {
        var (reached, announce) = PromiseDeadlines.WarningsDue(APromise(), null, NoneDone, Beijing(2026, 12, 30, 10));
        reached.ShouldBeEmpty();
        announce.ShouldBeNull();
    }

    [Fact]
    public void An_extension_moves_the_warnings_and_the_lapse()
    {
        var promise = APromise(CommitmentStatus.InProgress, due: new DateOnly(2026, 11, 30));
        PromiseDeadlines.Next(promise, Plain2026, NoneDone).ShouldBe(Beijing(2026, 10, 19, 0)); // Mon 30 Nov - 30 working days = Mon 19 Oct
        promise.Extend(Due, "企业同意函.pdf", null);
        PromiseDeadlines.Pending(promise, Plain2026, NoneDone).Select(d => d.At).ShouldBe([Warn30, Warn7, Warn1, Lapse]);
    }
}
