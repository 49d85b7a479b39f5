using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Tests.Agreements;

/// <summary>
/// The edges of an entered figure and of an agreement's obligations: zero is a figure, below zero is not; the largest
/// amount and the longest evidence are accepted and one more is refused; a figure that says nothing about the date keeps
/// the one known; an agreement holds 1–50 obligations, and its signing date may not move past an obligation's due date.
/// </summary>
public sealed class ObligationEntryBoundaryTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly DateTimeOffset Now = BeijingTime.StartOf(Today).AddHours(10);

    private static ObligationTerms Jobs(DateOnly? due = null) =>
        new ObligationTerms(ObligationKind.Jobs, "新增就业200人", 200m, "人", due ?? Today.AddYears(1), 30, Remedy.RecoverSubsidy, null).Checked(Today.AddYears(-1));

    private static Obligation Open(DateOnly? due = null) => Obligation.New(Guid.NewGuid(), Guid.NewGuid(), Jobs(due));

    private static ProgressReading Entered(decimal? value, string evidence = "社保缴纳名单", DateOnly? asOf = null) =>
        new(value, null, asOf ?? Today, evidence, ProgressSource.Entered);

    private static (string Field, string Code, string Args) Refused(Action act)
    {
        var e = Should.Throw<FieldRuleException>(act);
        return (e.Field, e.Code, string.Join("|", e.Args));
    }

    [Fact]
    public void An_entered_figure_of_zero_counts_below_zero_does_not_and_the_largest_amount_is_the_limit()
    {
        var o = Open();
        var (zero, changes) = o.Apply(Entered(0m), Now, Today)!.Value;
        (zero.Progress, zero.Status, zero.Version).ShouldBe(((decimal?)0m, ObligationStatus.Open, o.Version + 1));
        changes.Select(c => c.Event).ShouldBe(["Obligation.Progress"]);
        Refused(() => o.Apply(Entered(-0.01m), Now, Today)).ShouldBe(("Value", "obligation.progress_value_required", ""));
        Refused(() => o.Apply(Entered(null), Now, Today)).ShouldBe(("Value", "obligation.progress_value_required", ""));
        o.Apply(Entered(ObligationTerms.MaxAmount), Now, Today)!.Value.After.Status.ShouldBe(ObligationStatus.Met);
        Refused(() => o.Apply(Entered(ObligationTerms.MaxAmount + 1m), Now, Today)).ShouldBe(("Value", "field.amount_too_large", ""));
    }

    [Fact]
    public void Evidence_is_required_and_may_be_a_thousand_characters_after_trimming_but_not_more()
    {
        var o = Open();
        Refused(() => o.Apply(Entered(10m, " "), Now, Today)).ShouldBe(("Evidence", "obligation.evidence_required", ""));
        o.Apply(Entered(10m, " " + new string('证', Obligation.MaxEvidence) + " "), Now, Today).ShouldNotBeNull();
        Refused(() => o.Apply(Entered(10m, new string('证', Obligation.MaxEvidence + 1)), Now, Today))
            .ShouldBe(("Evidence", "field.too_long", $"{Obligation.MaxEvidence}"));
        Refused(() => o.Apply(Entered(10m, asOf: Today.AddDays(1)), Now, Today)).ShouldBe(("AsOf", "obligation.progress_in_future", ""));
    }

    [Fact]
    public void A_figure_reached_after_the_miss_cures_the_obligation_and_tells_whom_it_concerns()
    {
        var o = Open(due: Today.AddDays(-10));
        var (missed, missChange) = o.Miss(Now)!.Value;
        (missed.Status, missed.Version, missChange.From, missChange.To).ShouldBe((ObligationStatus.Missed, o.Version + 1, ObligationStatus.Open, ObligationStatus.Missed));
        missChange.SettlesStatus.ShouldBeTrue();
        missed.Miss(Now).ShouldBeNull();
        missed.NextDeadline.ShouldBeNull();
        o.NextDeadline.ShouldBe(o.MissAt);

        var (cured, changes) = missed.Apply(Entered(250m), Now, Today)!.Value;
        (cured.Status, cured.MetOn, cured.Progress).ShouldBe((ObligationStatus.Cured, (DateOnly?)Today, (decimal?)250m));
        changes.Select(c => (c.Event, c.SettlesStatus)).ShouldBe([("Obligation.Progress", false), ("Obligation.Cured", true)]);
    }

    [Fact]
    public void A_figure_without_a_date_keeps_the_date_already_known()
    {
        var o = Open() with { Progress = 120m, ReachedOn = new DateOnly(2026, 10, 1) };
        var after = o.Apply(Entered(150m), Now, Today)!.Value.After;
        (after.Progress, after.ReachedOn).ShouldBe(((decimal?)150m, (DateOnly?)new DateOnly(2026, 10, 1)));
    }

    private static AgreementHeader Header(DateOnly signed) => new("HC-TZ-2026-009", "投资协议", "李主任", "王总", signed, 30);

    [Fact]
    public void An_agreement_holds_one_to_fifty_obligations_and_the_fifty_first_added_later_is_refused()
    {
        var signed = Today.AddYears(-1);
        IReadOnlyList<(Guid, ObligationTerms)> Many(int n) => [.. Enumerable.Range(0, n).Select(_ => (Guid.NewGuid(), Jobs()))];
        Agreement.Record(Guid.NewGuid(), Guid.NewGuid(), Header(signed), Many(Agreement.MaxObligations), Today).Obligations.Count.ShouldBe(Agreement.MaxObligations);
        Refused(() => Agreement.Record(Guid.NewGuid(), Guid.NewGuid(), Header(signed), Many(Agreement.MaxObligations + 1), Today))
            .ShouldBe(("Obligations", "agreement.too_many_obligations", $"{Agreement.MaxObligations}"));
        Refused(() => Agreement.Record(Guid.NewGuid(), Guid.NewGuid(), Header(signed), Many(0), Today)).ShouldBe(("Obligations", "agreement.obligation_required", ""));

        var (agreement, _) = Agreement.Record(Guid.NewGuid(), Guid.NewGuid(), Header(signed), Many(1), Today);
        agreement.AddObligation(Guid.NewGuid(), Jobs(), Agreement.MaxObligations - 1).Status.ShouldBe(ObligationStatus.Open);
        var full = Should.Throw<DomainException>(() => agreement.AddObligation(Guid.NewGuid(), Jobs(), Agreement.MaxObligations));
        (full.Code, string.Join("|", full.Args)).ShouldBe(("agreement.too_many_obligations", $"{Agreement.MaxObligations}"));
    }

    [Fact]
    public void The_signing_date_may_move_up_to_the_earliest_due_date_and_not_past_it()
    {
        var signed = Today.AddYears(-1);
        var early = Jobs(due: Today.AddDays(-20));
        var late = Jobs(due: Today.AddDays(-5));
        var (agreement, obligations) = Agreement.Record(Guid.NewGuid(), Guid.NewGuid(), Header(signed), [(Guid.NewGuid(), late), (Guid.NewGuid(), early)], Today);
        agreement.EditHeader(Header(early.DueDate), agreement.Version, Today, obligations).Header.SignedOn.ShouldBe(early.DueDate);
        Refused(() => agreement.EditHeader(Header(Today), agreement.Version, Today, obligations))
            .ShouldBe(("SignedOn", "agreement.signed_after_due", $"{early.DueDate}"));
    }
}
