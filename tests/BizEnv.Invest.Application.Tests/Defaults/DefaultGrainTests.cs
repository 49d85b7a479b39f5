using BizEnv.Invest.Application.Defaults;
using BizEnv.Invest.Application.Defaults.CloseDefault;
using BizEnv.Invest.Application.Defaults.GetDefault;
using BizEnv.Invest.Application.Defaults.Grain;
using BizEnv.Invest.Application.Defaults.ListDefaults;
using BizEnv.Invest.Application.Defaults.RecordDefaultRecovery;
using BizEnv.Invest.Application.Defaults.SetDefaultAmount;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Tests.Defaults;

/// <summary>
/// A default 违约追偿 on a real silo and database: opened once for a missed obligation (notice, cure period on the
/// calendar, reminder), decided at the end of the cure day (cured → closed; not → the remedy runs), recoveries until
/// the amount due, an officer's amount and close — each step a ledger entry under the default's id, each command in
/// one transaction with its audit row — and the reader every node runs opening what nobody opened.
/// </summary>
public sealed class DefaultGrainTests(AppFixture app) : IClassFixture<AppFixture>
{
    private IObligationDefaultGrain Grain(Guid obligationId) => app.Grains.GetGrain<IObligationDefaultGrain>(obligationId);

    private async Task<DefaultState> State(Guid defaultId) => (await app.Send(new GetDefault(defaultId), await app.As("officer"))).Default;

    /// <summary>Moves the clock past the end of the default's cure day (or idle-land wait) and lets its grain decide.</summary>
    private async Task PastTheCureEnd(Guid obligationId, Guid defaultId)
    {
        var at = (await State(defaultId)).DecidesAt;
        app.Clock.Advance(at - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await Grain(obligationId).Check();
    }

    [Fact]
    public async Task A_missed_obligation_opens_one_default_with_its_notice_and_cure_period_and_opening_again_changes_nothing()
    {
        var officer = await app.As("officer");
        var obligation = await app.Obligation(officer, cureDays: 5);
        var id = await Grain(obligation).Open();
        id.ShouldNotBeNull();
        (await Grain(obligation).Open()).ShouldBe(id);
        (await app.Scalar<long>("SELECT count(*) FROM obligation_defaults WHERE obligation_id = @obligation", new { obligation })).ShouldBe(1);

        var d = await State(id!.Value);
        var today = DateOnly.FromDateTime(Domain.Common.BeijingTime.ToBeijing(app.Clock.GetUtcNow()).DateTime);
        d.Status.ShouldBe("Noticed");
        d.NoticeDate.ShouldBe(today);
        d.CureUntil.ShouldBe(Calendar(today, 5));
        d.DecidesAt.ShouldBe(Domain.Defaults.DefaultRules.EndOf(d.CureUntil));
        d.NoticeNumber.ShouldStartWith($"CG{today.Year}-");
        d.AmountDue.ShouldBeNull();
        d.Remedy.ShouldBe("RecoverSubsidy");
        var detail = await app.Send(new GetDefault(id.Value), officer);
        detail.NoticeText.ShouldContain("固定资产投资到位");
        detail.NoticeText.ShouldContain(d.CureUntil.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture));
        detail.NoticeText.ShouldContain(d.NoticeNumber);
        detail.NoticeText.ShouldContain("追回已兑现的补贴");
        detail.Steps.Select(s => s.Step).ShouldBe(["Noticed"]);
        detail.CanWork.ShouldBeTrue();
        (await app.DefaultEvents(id.Value)).ShouldBe(["Default.Noticed"]);
        (await app.CureReminders(obligation)).ShouldBe(1);

        // Not yet due: a tick changes nothing and the reminder stays.
        await Grain(obligation).Check();
        (await State(id.Value)).Status.ShouldBe("Noticed");
        (await app.CureReminders(obligation)).ShouldBe(1);

        // An obligation still open, met, or unknown gets no default.
        var open = await app.Obligation(officer, status: "Open");
        (await Grain(open).Open()).ShouldBeNull();
        var met = await app.Obligation(officer, status: "Met");
        (await Grain(met).Open()).ShouldBeNull();
        (await Grain(Guid.NewGuid()).Open()).ShouldBeNull();
        (await app.Scalar<long>("SELECT count(*) FROM obligation_defaults WHERE obligation_id IN (@open, @met)", new { open, met })).ShouldBe(0);
    }

    private static DateOnly Calendar(DateOnly from, int days)
    {
        // Late November 2026 has no statutory holiday: working days are the weekdays.
        var d = from;
        for (var n = 0; n < days;)
        {
            d = d.AddDays(1);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                n++;
        }
        return d;
    }

    [Fact]
    public async Task A_default_cured_in_time_closes_as_cured_at_the_end_of_the_cure_day()
    {
        var officer = await app.As("officer");
        var obligation = await app.Obligation(officer, cureDays: 3);
        var id = (await Grain(obligation).Open())!.Value;
        await app.CureObligation(obligation);
        (await State(id)).Status.ShouldBe("Noticed"); // decided at the end of the cure day, not before

        await PastTheCureEnd(obligation, id);
        var d = await State(id);
        d.Status.ShouldBe("Cured");
        d.ClosedAt.ShouldNotBeNull();
        d.AmountDue.ShouldBeNull();
        (await app.DefaultEvents(id)).ShouldBe(["Default.Noticed", "Default.Cured"]);
        (await app.CureReminders(obligation)).ShouldBe(0);
        await Grain(obligation).Check();
        (await app.DefaultEvents(id)).ShouldBe(["Default.Noticed", "Default.Cured"]);
        (await app.Send(new ListDefaults("closed"), officer)).Select(x => x.Id).ShouldContain(id);
        (await app.Send(new ListDefaults("open"), officer)).Select(x => x.Id).ShouldNotContain(id);
    }

    [Fact]
    public async Task An_uncured_default_runs_its_remedy_for_the_agreed_amount_and_recoveries_with_evidence_close_it()
    {
        var officer = await app.As("officer");
        var obligation = await app.Obligation(officer, cureDays: 2, remedyAmount: 2_000_000m);
        var id = (await Grain(obligation).Open())!.Value;
        (await app.Send(new ListDefaults("open"), officer)).Select(x => x.Id).ShouldContain(id);
        // Nothing to recover during the cure period.
        var early = await Should.ThrowAsync<DomainException>(() => app.Send(new RecordDefaultRecovery(id, 1m, app.Clock.Today(), "回单", 1), officer));
        early.Code.ShouldBe("default.not_remedying");

        await PastTheCureEnd(obligation, id);
        var d = await State(id);
        d.Status.ShouldBe("Remedying");
        d.AmountDue.ShouldBe(2_000_000m);
        d.RemediedAt.ShouldNotBeNull();
        (await app.CureReminders(obligation)).ShouldBe(0);

        var first = await app.Send(new RecordDefaultRecovery(id, 500_000m, app.Clock.Today(), "财政专户回单 2026-001", d.Version), officer);
        first.AmountRecovered.ShouldBe(500_000m);
        first.Outstanding.ShouldBe(1_500_000m);
        first.IsOpen.ShouldBeTrue();
        var last = await app.Send(new RecordDefaultRecovery(id, 1_500_000m, app.Clock.Today(), "财政专户回单 2026-002", first.Version), officer);
        last.Status.ShouldBe("Recovered");
        last.ClosedAt.ShouldNotBeNull();
        last.AmountRecovered.ShouldBe(2_000_000m);

        (await app.DefaultEvents(id)).ShouldBe(["Default.Noticed", "Default.Remedied", "Default.Recovered", "Default.Recovered", "Default.Closed"]);
        var detail = await app.Send(new GetDefault(id), officer);
        detail.Recoveries.Select(r => r.Amount).ShouldBe([500_000m, 1_500_000m]);
        detail.Recoveries[0].Evidence.ShouldBe("财政专户回单 2026-001");
        detail.CanWork.ShouldBeFalse();
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE object_type = 'default' AND object_id = @id AND outcome = 'success'", new { id = id.ToString() }))
            .ShouldBe(2);
    }

    [Fact]
    public async Task Without_an_agreed_amount_the_officer_sets_it_and_may_close_the_default_with_a_reason_and_bad_input_saves_nothing()
    {
        var officer = await app.As("officer");
        var obligation = await app.Obligation(officer, cureDays: 1, remedy: "LiquidatedDamages", remedyAmount: null);
        var id = (await Grain(obligation).Open())!.Value;
        await PastTheCureEnd(obligation, id);
        var d = await State(id);
        d.Status.ShouldBe("Remedying");
        d.AmountDue.ShouldBeNull();

        var invalid = await Should.ThrowAsync<FluentValidation.ValidationException>(() => app.Send(new RecordDefaultRecovery(id, 100m, app.Clock.Today(), " ", d.Version), officer));
        invalid.Errors.ShouldContain(e => e.PropertyName == "Evidence");
        await Should.ThrowAsync<ConcurrencyConflictException>(() => app.Send(new SetDefaultAmount(id, 300_000m, "按协议第十二条计算", d.Version + 1), officer));
        (await app.Scalar<long>("SELECT count(*) FROM default_recoveries WHERE default_id = @id", new { id })).ShouldBe(0);
        (await State(id)).Version.ShouldBe(d.Version);

        var set = await app.Send(new SetDefaultAmount(id, 300_000m, "按协议第十二条计算", d.Version), officer);
        set.AmountDue.ShouldBe(300_000m);
        var closed = await app.Send(new CloseDefault(id, "企业破产清算，已申报债权", set.Version), officer);
        closed.Status.ShouldBe("WrittenOff");
        closed.CloseReason.ShouldBe("企业破产清算，已申报债权");
        (await app.DefaultEvents(id)).ShouldBe(["Default.Noticed", "Default.Remedied", "Default.AmountSet", "Default.Closed"]);
        (await Should.ThrowAsync<DomainException>(() => app.Send(new CloseDefault(id, "again", closed.Version), officer))).Code.ShouldBe("default.closed");
    }

    [Fact]
    public async Task Only_the_agreement_units_officers_work_a_default_supervisors_read_it_and_other_units_do_not_see_it()
    {
        var officer = await app.As("officer");
        var obligation = await app.Obligation(officer);
        var id = (await Grain(obligation).Open())!.Value;
        var other = await app.As("officer2");
        if (other.UnitId == officer.UnitId)
            throw new InvalidOperationException("the demo's officer2 is expected in another unit");
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new GetDefault(id), other));
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new CloseDefault(id, "x", 1), other));
        (await app.Send(new ListDefaults(null), other)).Select(x => x.Id).ShouldNotContain(id);

        foreach (var reader in new[] { "integrity", "leader" })
        {
            var actor = await app.As(reader);
            var detail = await app.Send(new GetDefault(id), actor);
            detail.CanWork.ShouldBeFalse();
            (await app.Send(new ListDefaults(null), actor)).Select(x => x.Id).ShouldContain(id);
        }
        var integrity = await app.As("integrity");
        await Should.ThrowAsync<ForbiddenException>(() => app.Send(new CloseDefault(id, "x", 1), integrity));
        await Should.ThrowAsync<FluentValidation.ValidationException>(() => app.Send(new ListDefaults("later"), officer));
    }

    [Fact]
    public async Task A_missed_obligation_nobody_opened_is_opened_by_the_nodes_reader_and_a_cure_end_left_undecided_is_decided_by_it()
    {
        var officer = await app.As("officer");
        var obligation = await app.Obligation(officer, cureDays: 1);
        var reader = app.Services.GetRequiredService<DefaultOpeningReader>();
        (await reader.DrainAsync(100, default)).ShouldBeGreaterThanOrEqualTo(1);
        var id = await app.DefaultOf(obligation);
        (await app.DefaultEvents(id)).ShouldBe(["Default.Noticed"]);
        (await reader.DrainAsync(100, default)).ShouldBe(0); // nothing left to open

        // Its reminder lost (say, the reminder table restored from a backup): the reader decides it once the cure end is well past.
        await app.Scalar<int>("DELETE FROM orleans_reminders WHERE reminder_name = 'cure-end' AND grain_id LIKE '%' || @key || '%' RETURNING 1",
            new { key = obligation.ToString("N") });
        var at = (await State(id)).DecidesAt;
        app.Clock.Advance(at - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(10));
        await reader.DrainAsync(100, default);
        (await State(id)).Status.ShouldBe("Remedying");
        (await app.DefaultEvents(id)).ShouldBe(["Default.Noticed", "Default.Remedied"]);
    }

    [Fact]
    public async Task A_defaults_ledger_entries_keep_the_chain_intact_read_in_words_and_are_no_promises_receipt()
    {
        var officer = await app.As("officer");
        var obligation = await app.Obligation(officer, cureDays: 1);
        var id = (await Grain(obligation).Open())!.Value;
        await app.SealLedgerAsync();
        (await app.Services.GetRequiredService<global::BizEnv.Invest.Application.Commitments.Ledger.LedgerVerifier>().VerifyAsync()).Intact.ShouldBeTrue();
        global::BizEnv.Invest.Application.Localization.LedgerWords.Event("Default.Noticed").ShouldBe(global::BizEnv.Invest.Application.Localization.Text.Get("ledger.event.Default.Noticed"));
        var seq = await app.Scalar<long>("SELECT seq FROM commitment_ledger WHERE commitment_id = @id", new { id });
        // A promise's receipt page asked for a default's entry: not found, not a crash.
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new global::BizEnv.Invest.Application.Commitments.Receipts.GetReceipt.GetReceipt(id, seq), officer));
    }
}
