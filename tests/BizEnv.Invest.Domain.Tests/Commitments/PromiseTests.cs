using System.Globalization;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Zones;

namespace BizEnv.Invest.Domain.Tests.Commitments;

public sealed class PromiseTests
{
    private static readonly DateOnly Made = new(2026, 3, 1);
    private static readonly DateOnly Due = new(2026, 12, 31);
    private static readonly Guid Zone = Guid.Parse("6a1f6c4e-2b1d-4a55-9d0e-0c3b8f1e2a77");
    private static readonly AuthorityLimit[] SubsidyUpToOneMillion = [new(CommitmentKind.Subsidy, 1_000_000m)];
    private static readonly AuthorityLimit[] AnyKindAnyAmount = [.. Enum.GetValues<CommitmentKind>().Select(k => new AuthorityLimit(k, null))];

    private static PromiseTerms Terms(CommitmentKind kind = CommitmentKind.Subsidy, decimal? value = 500_000m, Guid? zone = null,
        DateOnly? madeOn = null, DateOnly? due = null, bool basis = true) =>
        new(kind, "补贴五十万元", value, zone, zone is null ? null : Resource.Land, zone is null ? null : 120m, madeOn ?? Made, due ?? Due,
            basis ? "招商引资若干政策" : null, basis ? "政发〔2025〕3号" : null, "HT-2026-001");

    private static AmendedTerms Amended(decimal? value, bool basis = true, string clause = "补贴调整") =>
        new(clause, value, basis ? "招商引资若干政策" : null, basis ? "政发〔2025〕3号" : null, "HT-2026-001-A");

    /// <summary>The words of a pending reason: the rule and its arguments, so a test sees exactly which rule spoke.</summary>
    private static string Describe(AuthorityCheck.Verdict v) =>
        $"{v.ReasonCode}({string.Join(",", v.ReasonArgs.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture)))})";

    private static Promise At(CommitmentStatus status, PromiseTerms? terms = null, int version = 5, PendingAmendment? amendment = null,
        decimal? share = null) =>
        Promise.Restore(Guid.NewGuid(), terms ?? Terms(), status, null, share, version, amendment);

    // ---------------------------------------------------------------- lifecycle

    private static readonly Dictionary<CommitmentStatus, CommitmentStatus[]> Allowed = new()
    {
        [CommitmentStatus.PendingApproval] = [CommitmentStatus.Open, CommitmentStatus.Rejected],
        [CommitmentStatus.Open] = [CommitmentStatus.InProgress, CommitmentStatus.Fulfilled, CommitmentStatus.PartlyFulfilled, CommitmentStatus.Extended, CommitmentStatus.Cancelled, CommitmentStatus.Lapsed, CommitmentStatus.ConditionUnmet],
        [CommitmentStatus.InProgress] = [CommitmentStatus.Fulfilled, CommitmentStatus.PartlyFulfilled, CommitmentStatus.Extended, CommitmentStatus.Cancelled, CommitmentStatus.Lapsed, CommitmentStatus.ConditionUnmet],
        [CommitmentStatus.PartlyFulfilled] = [CommitmentStatus.Fulfilled, CommitmentStatus.PartlyFulfilled, CommitmentStatus.Extended, CommitmentStatus.Cancelled, CommitmentStatus.Lapsed, CommitmentStatus.ConditionUnmet],
        [CommitmentStatus.Extended] = [CommitmentStatus.InProgress, CommitmentStatus.Fulfilled, CommitmentStatus.PartlyFulfilled, CommitmentStatus.Extended, CommitmentStatus.Cancelled, CommitmentStatus.Lapsed, CommitmentStatus.ConditionUnmet],
        // Back to Open only by its conditions (PromiseConditionTests), never by approval.
        [CommitmentStatus.ConditionUnmet] = [CommitmentStatus.Cancelled],
    };

    private static readonly CommitmentStatus[] Final = [CommitmentStatus.Rejected, CommitmentStatus.Fulfilled, CommitmentStatus.Cancelled, CommitmentStatus.Lapsed];

    private static readonly CommitmentStatus[] RunningStatuses =
        [CommitmentStatus.Open, CommitmentStatus.InProgress, CommitmentStatus.PartlyFulfilled, CommitmentStatus.Extended];

    /// <summary>The method that moves a promise to each target status, with valid arguments, and the event it must write.</summary>
    private static (string Event, Func<Promise, PromiseChange> Act) Move(CommitmentStatus to) => to switch
    {
        CommitmentStatus.Open => ("Approved", p => p.Approve([], Describe, "同意")),
        CommitmentStatus.Rejected => ("Rejected", p => p.Reject("无政策依据")),
        CommitmentStatus.InProgress => ("InProgress", p => p.Start("开工")),
        CommitmentStatus.Fulfilled => ("Fulfilled", p => p.Fulfil("拨付凭证.pdf", null)),
        CommitmentStatus.PartlyFulfilled => ("PartlyFulfilled", p => p.FulfilPartly(40m, null)),
        CommitmentStatus.Extended => ("Extended", p => p.Extend(Due.AddDays(90), "企业同意函.pdf", null)),
        CommitmentStatus.Cancelled => ("Cancelled", p => p.Cancel("解除协议.pdf", null)),
        CommitmentStatus.Lapsed => ("Lapsed", p => p.Lapse()),
        CommitmentStatus.ConditionUnmet => ("ConditionUnmet", p => p.Lapse()), // unconditional here: never reached (see EveryMove)
        _ => throw new ArgumentOutOfRangeException(nameof(to), to, "no method moves a promise there"),
    };

    public static TheoryData<CommitmentStatus, CommitmentStatus> EveryMove()
    {
        var data = new TheoryData<CommitmentStatus, CommitmentStatus>();
        foreach (var from in Enum.GetValues<CommitmentStatus>())
            // ConditionUnmet is reached by a conditional promise's lapse only: PromiseConditionTests.
            foreach (var to in Enum.GetValues<CommitmentStatus>().Where(s => s is not (CommitmentStatus.PendingApproval or CommitmentStatus.ConditionUnmet)))
                data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryMove))]
    public void Every_move_of_the_lifecycle_is_made_with_its_event_or_refused_with_its_code(CommitmentStatus from, CommitmentStatus to)
    {
        var promise = At(from, version: 5);
        var (expectedEvent, act) = Move(to);

        if (Allowed.TryGetValue(from, out var next) && next.Contains(to))
        {
            var change = act(promise);
            change.Event.ShouldBe(expectedEvent);
            change.ChangesRow.ShouldBeTrue();
            promise.Status.ShouldBe(to);
            promise.Version.ShouldBe(6);
        }
        else
        {
            Should.Throw<DomainException>(() => act(promise)).Code
                .ShouldBe(Final.Contains(from) ? "commitment.final" : "commitment.transition_refused");
            promise.Status.ShouldBe(from);
            promise.Version.ShouldBe(5);
        }
    }

    [Fact]
    public void A_refused_move_names_where_it_was_and_where_it_was_asked_to_go()
    {
        var ex = Should.Throw<DomainException>(() => At(CommitmentStatus.Fulfilled).Cancel("解除协议.pdf", null));
        ex.Code.ShouldBe("commitment.final");
        ex.Args.ShouldBe([CommitmentStatus.Fulfilled, CommitmentStatus.Cancelled]);
        Should.Throw<DomainException>(() => At(CommitmentStatus.PendingApproval).Start(null)).Args
            .ShouldBe([CommitmentStatus.PendingApproval, CommitmentStatus.InProgress]);
    }

    [Fact]
    public void The_reasons_written_with_each_move_carry_the_note_and_the_document()
    {
        At(CommitmentStatus.PendingApproval).Approve([], Describe, "同意").Reason.ShouldBe("同意");
        At(CommitmentStatus.PendingApproval).Reject("无政策依据").Reason.ShouldBe("无政策依据");
        At(CommitmentStatus.Open).Start("  开工  ").Reason.ShouldBe("开工");
        At(CommitmentStatus.Open).Start("   ").Reason.ShouldBeNull();
        At(CommitmentStatus.Open).Fulfil(" 拨付凭证.pdf ", " 已拨付 ").Reason.ShouldBe("已拨付 · 拨付凭证.pdf");
        At(CommitmentStatus.Open).Fulfil("拨付凭证.pdf", null).Reason.ShouldBe("拨付凭证.pdf");
        At(CommitmentStatus.Open).FulfilPartly(30m, " 首期 ").Reason.ShouldBe("首期");
        At(CommitmentStatus.Open).Extend(Due.AddDays(1), "企业同意函.pdf", "延期一天").Reason.ShouldBe("延期一天 · 企业同意函.pdf");
        At(CommitmentStatus.Open).Cancel("解除协议.pdf", "").Reason.ShouldBe("解除协议.pdf");
    }

    [Fact]
    public void A_restored_promise_keeps_what_was_stored()
    {
        var id = Guid.NewGuid();
        var amendment = new PendingAmendment(Guid.NewGuid(), Amended(2_000_000m), "追加", 1);
        var p = Promise.Restore(id, Terms(), CommitmentStatus.PartlyFulfilled, "authority.value_exceeds", 40m, 9, amendment);
        p.Id.ShouldBe(id);
        p.Terms.ShouldBe(Terms());
        p.Status.ShouldBe(CommitmentStatus.PartlyFulfilled);
        p.PendingReason.ShouldBe("authority.value_exceeds");
        p.FulfilledShare.ShouldBe(40m);
        p.Version.ShouldBe(9);
        p.Amendment.ShouldBe(amendment);
        p.IsRunning.ShouldBeTrue();
    }

    [Theory]
    [InlineData(CommitmentStatus.PendingApproval, false)]
    [InlineData(CommitmentStatus.Rejected, false)]
    [InlineData(CommitmentStatus.Open, true)]
    [InlineData(CommitmentStatus.InProgress, true)]
    [InlineData(CommitmentStatus.PartlyFulfilled, true)]
    [InlineData(CommitmentStatus.Extended, true)]
    [InlineData(CommitmentStatus.Fulfilled, false)]
    [InlineData(CommitmentStatus.Cancelled, false)]
    [InlineData(CommitmentStatus.Lapsed, false)]
    [InlineData(CommitmentStatus.ConditionUnmet, false)]
    public void Only_open_in_progress_partly_fulfilled_and_extended_promises_are_running(CommitmentStatus status, bool running) =>
        At(status).IsRunning.ShouldBe(running);

    [Fact]
    public void Ensure_version_passes_the_current_version_and_refuses_any_other()
    {
        var p = At(CommitmentStatus.Open, version: 5);
        Should.NotThrow(() => p.EnsureVersion(5));
        var ex = Should.Throw<VersionConflictException>(() => p.EnsureVersion(4));
        ex.ObjectType.ShouldBe("commitment");
        ex.Id.ShouldBe(p.Id);
        Should.Throw<VersionConflictException>(() => p.EnsureVersion(6));

        p.Start(null);
        Should.Throw<VersionConflictException>(() => p.EnsureVersion(5));
        Should.NotThrow(() => p.EnsureVersion(6));
    }

    // ---------------------------------------------------------------- record and authority

    [Fact]
    public void A_promise_within_authority_and_with_a_basis_binds_at_once()
    {
        var id = Guid.NewGuid();
        var (p, change) = Promise.Record(id, Terms(value: 800_000m), SubsidyUpToOneMillion, Describe);
        p.Id.ShouldBe(id);
        p.Status.ShouldBe(CommitmentStatus.Open);
        p.Version.ShouldBe(1);
        p.PendingReason.ShouldBeNull();
        p.FulfilledShare.ShouldBeNull();
        p.Amendment.ShouldBeNull();
        p.Terms.ShouldBe(Terms(value: 800_000m));
        change.ShouldBe(new PromiseChange("Recorded", null, CapacityStep.None, JoinsRemediation: false, RaisesBreach: false, ChangesRow: true));
    }

    [Fact]
    public void A_promise_without_a_policy_basis_waits_for_approval_with_the_reason_in_words()
    {
        var (p, change) = Promise.Record(Guid.NewGuid(), Terms(basis: false), AnyKindAnyAmount, Describe);
        p.Status.ShouldBe(CommitmentStatus.PendingApproval);
        p.Version.ShouldBe(1);
        p.PendingReason.ShouldBe("authority.no_policy_basis()");
        change.Event.ShouldBe("Recorded");
        change.Reason.ShouldBe("authority.no_policy_basis()");
    }

    [Fact]
    public void A_promise_of_a_kind_the_promiser_may_not_give_waits_for_approval()
    {
        var (p, change) = Promise.Record(Guid.NewGuid(), Terms(CommitmentKind.TaxRebate), SubsidyUpToOneMillion, Describe);
        p.Status.ShouldBe(CommitmentStatus.PendingApproval);
        p.PendingReason.ShouldBe("authority.kind_not_allowed(TaxRebate)");
        change.Reason.ShouldBe("authority.kind_not_allowed(TaxRebate)");
    }

    [Fact]
    public void A_value_above_the_promisers_limit_waits_for_approval_and_one_at_the_limit_binds()
    {
        var (over, change) = Promise.Record(Guid.NewGuid(), Terms(value: 1_500_000m), SubsidyUpToOneMillion, Describe);
        over.Status.ShouldBe(CommitmentStatus.PendingApproval);
        over.PendingReason.ShouldBe("authority.value_exceeds(Subsidy,1500000,1000000)");
        change.Reason.ShouldBe(over.PendingReason);

        Promise.Record(Guid.NewGuid(), Terms(value: 1_000_000m), SubsidyUpToOneMillion, Describe).Promise.Status.ShouldBe(CommitmentStatus.Open);
    }

    [Fact]
    public void A_limit_without_a_maximum_allows_any_amount()
    {
        var (p, change) = Promise.Record(Guid.NewGuid(), Terms(value: 900_000_000m), [new AuthorityLimit(CommitmentKind.Subsidy, null)], Describe);
        p.Status.ShouldBe(CommitmentStatus.Open);
        change.Reason.ShouldBeNull();
    }

    [Fact]
    public void Describe_is_asked_only_when_the_promise_does_not_bind()
    {
        var asked = 0;
        Promise.Record(Guid.NewGuid(), Terms(), SubsidyUpToOneMillion, v => { asked++; return Describe(v); });
        asked.ShouldBe(0);
        Promise.Record(Guid.NewGuid(), Terms(value: 2_000_000m), SubsidyUpToOneMillion, v => { asked++; return Describe(v); });
        asked.ShouldBe(1);
    }

    [Fact]
    public void A_due_date_before_the_day_the_promise_was_made_is_refused_and_the_same_day_is_allowed()
    {
        var ex = Should.Throw<FieldRuleException>(() =>
            Promise.Record(Guid.NewGuid(), Terms(madeOn: new DateOnly(2026, 5, 10), due: new DateOnly(2026, 5, 9)), AnyKindAnyAmount, Describe));
        ex.Field.ShouldBe("DueDate");
        ex.Code.ShouldBe("commitment.due_before_made");

        Promise.Record(Guid.NewGuid(), Terms(madeOn: new DateOnly(2026, 5, 10), due: new DateOnly(2026, 5, 10)), AnyKindAnyAmount, Describe)
            .Promise.Status.ShouldBe(CommitmentStatus.Open);
    }

    [Theory]
    [InlineData(CommitmentKind.TaxRebate)]
    [InlineData(CommitmentKind.Subsidy)]
    [InlineData(CommitmentKind.Financing)]
    public void A_promise_of_money_must_name_its_value(CommitmentKind kind)
    {
        var ex = Should.Throw<FieldRuleException>(() => Promise.Record(Guid.NewGuid(), Terms(kind, value: null), AnyKindAnyAmount, Describe));
        ex.Field.ShouldBe("ValueCny");
        ex.Code.ShouldBe("commitment.value_required");
    }

    [Theory]
    [InlineData(CommitmentKind.Land)]
    [InlineData(CommitmentKind.Infrastructure)]
    [InlineData(CommitmentKind.ApprovalSpeed)]
    [InlineData(CommitmentKind.TalentHousing)]
    [InlineData(CommitmentKind.Other)]
    public void A_promise_of_anything_else_may_leave_its_value_out(CommitmentKind kind) =>
        Promise.Record(Guid.NewGuid(), Terms(kind, value: null), AnyKindAnyAmount, Describe).Promise.Status.ShouldBe(CommitmentStatus.Open);

    [Fact]
    public void An_approver_without_limits_set_may_approve_anything()
    {
        var p = At(CommitmentStatus.PendingApproval, Terms(value: 900_000_000m, basis: false), version: 1);
        var change = p.Approve([], Describe, "同意");
        change.ShouldBe(new PromiseChange("Approved", "同意", CapacityStep.None, JoinsRemediation: false));
        p.Status.ShouldBe(CommitmentStatus.Open);
        p.Version.ShouldBe(2);
    }

    [Fact]
    public void An_approver_with_enough_authority_approves()
    {
        var p = At(CommitmentStatus.PendingApproval, Terms(value: 800_000m), version: 1);
        p.Approve(SubsidyUpToOneMillion, Describe, null).Event.ShouldBe("Approved");
        p.Status.ShouldBe(CommitmentStatus.Open);
    }

    [Fact]
    public void An_approver_whose_limit_is_too_low_is_refused_and_the_promise_stays_pending()
    {
        var p = At(CommitmentStatus.PendingApproval, Terms(value: 1_500_000m), version: 1);
        var ex = Should.Throw<DomainException>(() => p.Approve(SubsidyUpToOneMillion, Describe, "同意"));
        ex.Code.ShouldBe("authority.approver_lacks");
        ex.Args.ShouldBe(["authority.value_exceeds(Subsidy,1500000,1000000)"]);
        p.Status.ShouldBe(CommitmentStatus.PendingApproval);
        p.Version.ShouldBe(1);
    }

    [Fact]
    public void An_approver_who_may_not_promise_the_kind_is_refused()
    {
        var p = At(CommitmentStatus.PendingApproval, Terms(CommitmentKind.Financing, value: 10m), version: 1);
        var ex = Should.Throw<DomainException>(() => p.Approve([new AuthorityLimit(CommitmentKind.Land, null)], Describe, null));
        ex.Code.ShouldBe("authority.approver_lacks");
        ex.Args.ShouldBe(["authority.kind_not_allowed(Financing)"]);
        p.Status.ShouldBe(CommitmentStatus.PendingApproval);
    }

    [Fact]
    public void The_approver_is_not_held_to_the_policy_basis_the_promiser_lacked()
    {
        var p = At(CommitmentStatus.PendingApproval, Terms(value: 800_000m, basis: false), version: 1);
        p.Approve(SubsidyUpToOneMillion, Describe, null).Event.ShouldBe("Approved");
    }

    // ---------------------------------------------------------------- capacity

    [Fact]
    public void A_binding_promise_in_a_zone_holds_its_capacity_and_a_pending_one_does_not()
    {
        Promise.Record(Guid.NewGuid(), Terms(CommitmentKind.Land, null, Zone), AnyKindAnyAmount, Describe).Change.Capacity.ShouldBe(CapacityStep.Hold);
        Promise.Record(Guid.NewGuid(), Terms(CommitmentKind.Land, null, Zone, basis: false), AnyKindAnyAmount, Describe).Change.Capacity
            .ShouldBe(CapacityStep.None);
        Promise.Record(Guid.NewGuid(), Terms(CommitmentKind.Land, null), AnyKindAnyAmount, Describe).Change.Capacity.ShouldBe(CapacityStep.None);
    }

    [Fact]
    public void Approval_holds_the_capacity_of_a_promise_in_a_zone()
    {
        At(CommitmentStatus.PendingApproval, Terms(CommitmentKind.Land, null, Zone)).Approve([], Describe, null).Capacity.ShouldBe(CapacityStep.Hold);
        At(CommitmentStatus.PendingApproval, Terms(CommitmentKind.Land, null)).Approve([], Describe, null).Capacity.ShouldBe(CapacityStep.None);
    }

    [Fact]
    public void Fulfilment_and_cancellation_release_the_capacity_of_a_promise_in_a_zone()
    {
        At(CommitmentStatus.Open, Terms(zone: Zone)).Fulfil("交地确认书.pdf", null).Capacity.ShouldBe(CapacityStep.Release);
        At(CommitmentStatus.Open, Terms(zone: Zone)).Cancel("解除协议.pdf", null).Capacity.ShouldBe(CapacityStep.Release);
        At(CommitmentStatus.Open).Fulfil("交地确认书.pdf", null).Capacity.ShouldBe(CapacityStep.None);
        At(CommitmentStatus.Open).Cancel("解除协议.pdf", null).Capacity.ShouldBe(CapacityStep.None);
    }

    [Fact]
    public void Other_moves_leave_the_capacity_where_it_is()
    {
        var terms = Terms(zone: Zone);
        At(CommitmentStatus.Open, terms).Start(null).Capacity.ShouldBe(CapacityStep.None);
        At(CommitmentStatus.Open, terms).FulfilPartly(50m, null).Capacity.ShouldBe(CapacityStep.None);
        At(CommitmentStatus.Open, terms).Extend(Due.AddDays(30), "企业同意函.pdf", null).Capacity.ShouldBe(CapacityStep.None);
        At(CommitmentStatus.Open, terms).Lapse().Capacity.ShouldBe(CapacityStep.None);
        At(CommitmentStatus.PendingApproval, terms).Reject("不同意").Capacity.ShouldBe(CapacityStep.None);
    }

    [Theory]
    [InlineData(CommitmentStatus.PendingApproval, false)]
    [InlineData(CommitmentStatus.Rejected, false)]
    [InlineData(CommitmentStatus.Open, true)]
    [InlineData(CommitmentStatus.InProgress, true)]
    [InlineData(CommitmentStatus.PartlyFulfilled, true)]
    [InlineData(CommitmentStatus.Extended, true)]
    [InlineData(CommitmentStatus.Fulfilled, false)]
    [InlineData(CommitmentStatus.Cancelled, false)]
    [InlineData(CommitmentStatus.Lapsed, true)] // the land is still owed
    [InlineData(CommitmentStatus.ConditionUnmet, true)] // owed once the investor meets the condition
    public void A_promise_in_a_zone_holds_capacity_while_it_binds_and_is_not_given_back(CommitmentStatus status, bool holds)
    {
        At(status, Terms(zone: Zone)).HoldsCapacity.ShouldBe(holds);
        At(status, Terms(zone: null)).HoldsCapacity.ShouldBeFalse();
    }

    // ---------------------------------------------------------------- the 2018 boundary

    [Fact]
    public void A_promise_made_on_the_last_day_of_2017_that_lapses_joins_the_remediation_list_without_a_breach()
    {
        var change = At(CommitmentStatus.InProgress, Terms(madeOn: new DateOnly(2017, 12, 31))).Lapse();
        change.ShouldBe(new PromiseChange("Lapsed", """{"code":"ledger.reason.remediation","args":[]}""", CapacityStep.None, JoinsRemediation: true, RaisesBreach: false));
    }

    [Fact]
    public void A_promise_made_on_the_first_day_of_2018_that_lapses_is_a_breach()
    {
        var change = At(CommitmentStatus.InProgress, Terms(madeOn: new DateOnly(2018, 1, 1))).Lapse();
        change.ShouldBe(new PromiseChange("Lapsed", """{"code":"ledger.reason.breach","args":[]}""", CapacityStep.None, JoinsRemediation: false, RaisesBreach: true));
    }

    [Fact]
    public void Recording_a_binding_pre_2018_promise_still_owed_puts_it_on_the_remediation_list()
    {
        Promise.Record(Guid.NewGuid(), Terms(madeOn: new DateOnly(2017, 12, 31)), SubsidyUpToOneMillion, Describe).Change.JoinsRemediation.ShouldBeTrue();
        Promise.Record(Guid.NewGuid(), Terms(madeOn: new DateOnly(2018, 1, 1)), SubsidyUpToOneMillion, Describe).Change.JoinsRemediation.ShouldBeFalse();
        // Pending approval: not binding yet, so not on the list yet.
        Promise.Record(Guid.NewGuid(), Terms(madeOn: new DateOnly(2017, 12, 31), basis: false), SubsidyUpToOneMillion, Describe).Change.JoinsRemediation
            .ShouldBeFalse();
    }

    [Fact]
    public void Approving_a_pre_2018_promise_puts_it_on_the_remediation_list()
    {
        At(CommitmentStatus.PendingApproval, Terms(madeOn: new DateOnly(2017, 12, 31))).Approve([], Describe, null).JoinsRemediation.ShouldBeTrue();
        At(CommitmentStatus.PendingApproval, Terms(madeOn: new DateOnly(2018, 1, 1))).Approve([], Describe, null).JoinsRemediation.ShouldBeFalse();
    }

    // ---------------------------------------------------------------- fulfil, extend, cancel

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Fulfilment_needs_evidence(string evidence)
    {
        var p = At(CommitmentStatus.Open);
        var ex = Should.Throw<FieldRuleException>(() => p.Fulfil(evidence, "已兑现"));
        ex.Field.ShouldBe("Evidence");
        ex.Code.ShouldBe("commitment.evidence_required");
        p.Status.ShouldBe(CommitmentStatus.Open);
        p.Version.ShouldBe(5);
    }

    [Fact]
    public void Fulfilment_sets_the_fulfilled_share_to_one_hundred()
    {
        var p = At(CommitmentStatus.PartlyFulfilled, share: 40m);
        p.Fulfil("拨付凭证.pdf", null);
        p.FulfilledShare.ShouldBe(100m);
        p.Status.ShouldBe(CommitmentStatus.Fulfilled);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(99.5)]
    [InlineData(100)]
    [InlineData(-1)]
    public void A_partial_fulfilment_must_be_between_1_and_99_percent(decimal share)
    {
        var p = At(CommitmentStatus.Open);
        var ex = Should.Throw<FieldRuleException>(() => p.FulfilPartly(share, null));
        ex.Field.ShouldBe("FulfilledShare");
        ex.Code.ShouldBe("commitment.share_range");
        p.Status.ShouldBe(CommitmentStatus.Open);
        p.FulfilledShare.ShouldBeNull();
        p.Version.ShouldBe(5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(99)]
    [InlineData(37.5)]
    public void A_partial_fulfilment_stores_its_share(decimal share)
    {
        var p = At(CommitmentStatus.Open);
        p.FulfilPartly(share, null).Event.ShouldBe("PartlyFulfilled");
        p.FulfilledShare.ShouldBe(share);
        p.Status.ShouldBe(CommitmentStatus.PartlyFulfilled);
    }

    [Fact]
    public void A_second_partial_fulfilment_replaces_the_share()
    {
        var p = At(CommitmentStatus.Open, version: 1);
        p.FulfilPartly(30m, null);
        p.FulfilPartly(70m, null);
        p.FulfilledShare.ShouldBe(70m);
        p.Version.ShouldBe(3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_extension_needs_the_investors_consent(string consent)
    {
        var p = At(CommitmentStatus.Open);
        var ex = Should.Throw<FieldRuleException>(() => p.Extend(Due.AddDays(30), consent, null));
        ex.Field.ShouldBe("ConsentDocument");
        ex.Code.ShouldBe("commitment.consent_required");
        p.Terms.DueDate.ShouldBe(Due);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-200)]
    public void An_extension_must_move_the_due_date_later(int days)
    {
        var p = At(CommitmentStatus.InProgress);
        var ex = Should.Throw<FieldRuleException>(() => p.Extend(Due.AddDays(days), "企业同意函.pdf", null));
        ex.Field.ShouldBe("NewDueDate");
        ex.Code.ShouldBe("commitment.new_due_not_later");
        ex.Args.ShouldBe([Due]);
        p.Status.ShouldBe(CommitmentStatus.InProgress);
        p.Terms.DueDate.ShouldBe(Due);
        p.Version.ShouldBe(5);
    }

    [Fact]
    public void An_extension_moves_the_due_date_and_the_lapse_with_it_and_nothing_else()
    {
        var p = At(CommitmentStatus.InProgress, Terms(zone: Zone));
        p.LapseAt.ShouldBe(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero));
        p.Extend(new DateOnly(2027, 3, 31), "企业同意函.pdf", null);
        p.Terms.ShouldBe(Terms(zone: Zone, due: new DateOnly(2027, 3, 31)));
        p.LapseAt.ShouldBe(new DateTimeOffset(2027, 3, 31, 16, 0, 0, TimeSpan.Zero));
        p.Status.ShouldBe(CommitmentStatus.Extended);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void A_cancellation_needs_the_agreement_document(string agreement)
    {
        var p = At(CommitmentStatus.Open);
        var ex = Should.Throw<FieldRuleException>(() => p.Cancel(agreement, "双方协商"));
        ex.Field.ShouldBe("AgreementDocument");
        ex.Code.ShouldBe("commitment.agreement_required");
        p.Status.ShouldBe(CommitmentStatus.Open);
    }

    [Fact]
    public void The_lapse_comes_at_midnight_in_Beijing_after_the_due_date()
    {
        At(CommitmentStatus.Open, Terms(due: new DateOnly(2026, 12, 31))).LapseAt.ShouldBe(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero));
        At(CommitmentStatus.Open, Terms(due: new DateOnly(2026, 6, 15))).LapseAt.ShouldBe(new DateTimeOffset(2026, 6, 16, 0, 0, 0, TimeSpan.FromHours(8)));
    }

    // ---------------------------------------------------------------- amendments

    [Fact]
    public void A_widening_within_authority_applies_at_once()
    {
        var p = At(CommitmentStatus.Open, Terms(value: 500_000m));
        var change = p.Amend(Guid.NewGuid(), Amended(800_000m), "追加补贴", SubsidyUpToOneMillion, Describe, out var pendingReason);
        change.ShouldBe(new PromiseChange("Amended", "追加补贴"));
        pendingReason.ShouldBeNull();
        p.Terms.ShouldBe(Terms(value: 800_000m) with { Clause = "补贴调整", ContractRef = "HT-2026-001-A" });
        p.Version.ShouldBe(6);
        p.Amendment.ShouldBeNull();
        p.Status.ShouldBe(CommitmentStatus.Open);
    }

    [Fact]
    public void A_widening_beyond_authority_waits_for_a_leader_and_the_old_terms_stand()
    {
        var p = At(CommitmentStatus.InProgress, Terms(value: 500_000m));
        var id = Guid.NewGuid();
        var change = p.Amend(id, Amended(1_500_000m), "追加补贴", SubsidyUpToOneMillion, Describe, out var pendingReason);
        pendingReason.ShouldBe("authority.value_exceeds(Subsidy,1500000,1000000)");
        change.ShouldBe(new PromiseChange("AmendmentRequested", "追加补贴 · authority.value_exceeds(Subsidy,1500000,1000000)", ChangesRow: false));
        p.Amendment.ShouldBe(new PendingAmendment(id, Amended(1_500_000m), "追加补贴", 1));
        p.Terms.ShouldBe(Terms(value: 500_000m));
        p.Version.ShouldBe(5);
        p.Status.ShouldBe(CommitmentStatus.InProgress);
    }

    [Fact]
    public void A_value_where_there_was_none_widens()
    {
        var p = At(CommitmentStatus.Open, Terms(CommitmentKind.Land, value: null));
        var change = p.Amend(Guid.NewGuid(), Amended(2_000_000m), "补充地价", [new AuthorityLimit(CommitmentKind.Land, 1_000_000m)], Describe, out var pendingReason);
        change.Event.ShouldBe("AmendmentRequested");
        pendingReason.ShouldBe("authority.value_exceeds(Land,2000000,1000000)");
        p.Terms.ValueCny.ShouldBeNull();
    }

    [Fact]
    public void Taking_the_policy_basis_away_widens_and_needs_a_leader_even_with_unlimited_authority()
    {
        var p = At(CommitmentStatus.Open, Terms(value: 500_000m));
        var change = p.Amend(Guid.NewGuid(), Amended(500_000m, basis: false), "政策废止", AnyKindAnyAmount, Describe, out var pendingReason);
        change.Event.ShouldBe("AmendmentRequested");
        pendingReason.ShouldBe("authority.no_policy_basis()");
        p.Terms.HasPolicyBasis.ShouldBeTrue();
        p.Amendment.ShouldNotBeNull();
    }

    [Fact]
    public void A_narrowing_applies_at_once_even_without_any_authority()
    {
        var p = At(CommitmentStatus.PartlyFulfilled, Terms(value: 500_000m));
        var change = p.Amend(Guid.NewGuid(), Amended(300_000m), "调减", [], Describe, out var pendingReason);
        change.ShouldBe(new PromiseChange("Amended", "调减"));
        pendingReason.ShouldBeNull();
        p.Terms.ValueCny.ShouldBe(300_000m);
        p.Version.ShouldBe(6);
    }

    [Fact]
    public void A_rewording_applies_at_once_and_adding_a_basis_is_not_a_widening()
    {
        var p = At(CommitmentStatus.Extended, Terms(value: 500_000m, basis: false));
        p.Amend(Guid.NewGuid(), Amended(500_000m, clause: "措辞修改"), "补充依据", [], Describe, out var pendingReason).Event.ShouldBe("Amended");
        pendingReason.ShouldBeNull();
        p.Terms.Clause.ShouldBe("措辞修改");
        p.Terms.HasPolicyBasis.ShouldBeTrue();
    }

    [Fact]
    public void An_amendment_changes_only_the_amendable_terms()
    {
        var original = Terms(CommitmentKind.Land, 1_000m, Zone, new DateOnly(2025, 1, 2), new DateOnly(2027, 6, 30));
        var p = At(CommitmentStatus.Open, original);
        p.Amend(Guid.NewGuid(), new AmendedTerms("新条款", 900m, "新政策", "新文号", null), "调减", [], Describe, out _);
        p.Terms.ShouldBe(original with { Clause = "新条款", ValueCny = 900m, PolicyTitle = "新政策", PolicyNumber = "新文号", ContractRef = null });
    }

    [Fact]
    public void A_second_amendment_while_one_is_pending_is_refused_even_a_narrowing()
    {
        var p = At(CommitmentStatus.Open, Terms(value: 500_000m));
        p.Amend(Guid.NewGuid(), Amended(1_500_000m), "追加", SubsidyUpToOneMillion, Describe, out _);
        var pending = p.Amendment;
        Should.Throw<DomainException>(() => p.Amend(Guid.NewGuid(), Amended(100_000m), "调减", [], Describe, out _)).Code
            .ShouldBe("amendment.already_pending");
        p.Amendment.ShouldBe(pending);
        p.Terms.ValueCny.ShouldBe(500_000m);
    }

    [Theory]
    [InlineData(CommitmentStatus.PendingApproval)]
    [InlineData(CommitmentStatus.Rejected)]
    [InlineData(CommitmentStatus.Fulfilled)]
    [InlineData(CommitmentStatus.Cancelled)]
    [InlineData(CommitmentStatus.Lapsed)]
    public void Only_a_running_promise_can_be_amended(CommitmentStatus status)
    {
        var p = At(status);
        var ex = Should.Throw<DomainException>(() => p.Amend(Guid.NewGuid(), Amended(100_000m), "调减", [], Describe, out _));
        ex.Code.ShouldBe("amendment.not_running");
        ex.Args.ShouldBe([status]);
        p.Terms.ShouldBe(Terms());
        p.Version.ShouldBe(5);
    }

    [Theory]
    [InlineData(CommitmentKind.TaxRebate)]
    [InlineData(CommitmentKind.Subsidy)]
    [InlineData(CommitmentKind.Financing)]
    public void An_amendment_cannot_take_the_value_off_a_promise_of_money(CommitmentKind kind)
    {
        var p = At(CommitmentStatus.Open, Terms(kind, 500_000m));
        var ex = Should.Throw<FieldRuleException>(() => p.Amend(Guid.NewGuid(), Amended(null), "去掉金额", AnyKindAnyAmount, Describe, out _));
        ex.Field.ShouldBe("ValueCny");
        ex.Code.ShouldBe("commitment.value_required");
        p.Terms.ValueCny.ShouldBe(500_000m);
    }

    [Fact]
    public void An_amendment_may_take_the_value_off_a_promise_of_land()
    {
        var p = At(CommitmentStatus.Open, Terms(CommitmentKind.Land, 500_000m));
        p.Amend(Guid.NewGuid(), Amended(null), "去掉金额", [], Describe, out _).Event.ShouldBe("Amended");
        p.Terms.ValueCny.ShouldBeNull();
    }

    private static (Promise Promise, Guid AmendmentId) WithPendingAmendment()
    {
        var p = At(CommitmentStatus.InProgress, Terms(value: 500_000m), version: 5);
        var id = Guid.NewGuid();
        p.Amend(id, Amended(1_500_000m, clause: "补贴一百五十万元"), "追加补贴", SubsidyUpToOneMillion, Describe, out _);
        return (p, id);
    }

    [Fact]
    public void Reviewing_an_amendment_that_is_not_the_pending_one_is_refused()
    {
        var (p, _) = WithPendingAmendment();
        Should.Throw<DomainException>(() => p.ReviewAmendment(Guid.NewGuid(), 1, true, null, [], Describe)).Code.ShouldBe("amendment.already_reviewed");
        Should.Throw<DomainException>(() => At(CommitmentStatus.Open).ReviewAmendment(Guid.NewGuid(), 1, true, null, [], Describe)).Code
            .ShouldBe("amendment.already_reviewed");
    }

    [Fact]
    public void Reviewing_an_amendment_at_a_stale_version_is_a_conflict()
    {
        var (p, id) = WithPendingAmendment();
        var ex = Should.Throw<VersionConflictException>(() => p.ReviewAmendment(id, 2, true, null, [], Describe));
        ex.ObjectType.ShouldBe("amendment");
        ex.Id.ShouldBe(id);
        p.Amendment.ShouldNotBeNull();
    }

    [Fact]
    public void A_rejected_amendment_leaves_the_terms_as_they_were()
    {
        var (p, id) = WithPendingAmendment();
        var change = p.ReviewAmendment(id, 1, false, "超出预算", [], Describe);
        change.ShouldBe(new PromiseChange("AmendmentRejected", "超出预算", ChangesRow: false));
        p.Amendment.ShouldBeNull();
        p.Terms.ShouldBe(Terms(value: 500_000m));
        p.Version.ShouldBe(5);
        Should.Throw<DomainException>(() => p.ReviewAmendment(id, 1, true, null, [], Describe)).Code.ShouldBe("amendment.already_reviewed");
    }

    [Fact]
    public void An_approved_amendment_applies_its_terms_with_the_reason_and_the_opinion()
    {
        var (p, id) = WithPendingAmendment();
        var change = p.ReviewAmendment(id, 1, true, "同意", [], Describe);
        change.ShouldBe(new PromiseChange("Amended", "追加补贴 · 同意"));
        p.Amendment.ShouldBeNull();
        p.Terms.ValueCny.ShouldBe(1_500_000m);
        p.Terms.Clause.ShouldBe("补贴一百五十万元");
        p.Version.ShouldBe(6);
        p.Status.ShouldBe(CommitmentStatus.InProgress);
    }

    [Fact]
    public void An_approved_amendment_without_an_opinion_carries_its_reason_alone()
    {
        var (p, id) = WithPendingAmendment();
        p.ReviewAmendment(id, 1, true, null, [new AuthorityLimit(CommitmentKind.Subsidy, 2_000_000m)], Describe).Reason.ShouldBe("追加补贴");
    }

    [Fact]
    public void An_approver_without_the_authority_for_the_amended_value_is_refused_and_the_amendment_stays_pending()
    {
        var (p, id) = WithPendingAmendment();
        var ex = Should.Throw<DomainException>(() => p.ReviewAmendment(id, 1, true, "同意", SubsidyUpToOneMillion, Describe));
        ex.Code.ShouldBe("authority.approver_lacks");
        ex.Args.ShouldBe(["authority.value_exceeds(Subsidy,1500000,1000000)"]);
        p.Amendment.ShouldNotBeNull();
        p.Terms.ValueCny.ShouldBe(500_000m);
        p.Version.ShouldBe(5);
    }

    [Fact]
    public void An_amendment_of_a_promise_that_stopped_running_can_be_rejected_but_not_approved()
    {
        var amendment = new PendingAmendment(Guid.NewGuid(), Amended(1_500_000m), "追加补贴", 1);
        var p = At(CommitmentStatus.Fulfilled, Terms(value: 500_000m), amendment: amendment);
        var ex = Should.Throw<DomainException>(() => p.ReviewAmendment(amendment.Id, 1, true, null, [], Describe));
        ex.Code.ShouldBe("amendment.not_running");
        p.Terms.ValueCny.ShouldBe(500_000m);
        p.Amendment.ShouldBe(amendment);

        p.ReviewAmendment(amendment.Id, 1, false, "已兑现", [], Describe).Event.ShouldBe("AmendmentRejected");
        p.Amendment.ShouldBeNull();
    }

    [Theory]
    [InlineData(CommitmentStatus.Open)]
    [InlineData(CommitmentStatus.InProgress)]
    [InlineData(CommitmentStatus.PartlyFulfilled)]
    [InlineData(CommitmentStatus.Extended)]
    public void Every_running_status_can_be_amended_and_keeps_its_status(CommitmentStatus status)
    {
        var p = At(status);
        p.Amend(Guid.NewGuid(), Amended(400_000m), "调减", [], Describe, out _).Event.ShouldBe("Amended");
        p.Status.ShouldBe(status);
        p.Version.ShouldBe(6);
    }

    [Theory]
    [InlineData("招商引资若干政策", null)]
    [InlineData(null, "政发〔2025〕3号")]
    [InlineData("  ", "政发〔2025〕3号")]
    public void A_policy_basis_needs_both_its_title_and_its_number(string? title, string? number)
    {
        var half = Terms() with { PolicyTitle = title, PolicyNumber = number };
        half.HasPolicyBasis.ShouldBeFalse();
        var (p, change) = Promise.Record(Guid.NewGuid(), half, AnyKindAnyAmount, Describe);
        p.Status.ShouldBe(CommitmentStatus.PendingApproval);
        change.Reason.ShouldBe("authority.no_policy_basis()");

        var halfAmended = new AmendedTerms("补贴调整", 500_000m, title, number, null);
        halfAmended.HasPolicyBasis.ShouldBeFalse();
        // Taking half the basis away widens the promise: beyond an officer without authority it waits.
        var running = At(CommitmentStatus.Open);
        running.Amend(Guid.NewGuid(), halfAmended, "去掉文号", [], Describe, out var pending).Event.ShouldBe("AmendmentRequested");
        pending.ShouldBe("authority.no_policy_basis()");
    }
}
