using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.ListConditionChoices;
using BizEnv.Invest.Application.Commitments.ListConditionUnmet;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Application.Zones;
using BizEnv.Invest.Application.Zones.ListZones;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Testing;
using BizEnv.Invest.Web.Components.Pages.Commitments;
using BizEnv.Invest.Web.Components.Pages.Commitments.Integrity;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>
/// Conditional promises on the pages: the recording form sends the agreement chosen and the obligations ticked (only
/// that agreement's), the detail shows each condition with its status, and the integrity page lists condition-unmet
/// promises under their own label with the conditions still unmet.
/// </summary>
public sealed class ConditionComponentTests : AppPageComponentTest
{
    private static readonly Guid Project = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly Guid Production = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000001");
    private static readonly Guid TaxPerMu = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000002");
    private static readonly Guid OtherJobs = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000003");

    private static readonly AgreementChoice First = new(Guid.Parse("cccccccc-0000-0000-0000-000000000001"), "XY-2025-007", "锂电池项目投资协议",
        new DateOnly(2025, 3, 1), 20,
        [new ObligationChoice(Production, "Production", "2026 年 6 月底前投产", null, null, new DateOnly(2026, 6, 30), "Met"),
         new ObligationChoice(TaxPerMu, "TaxPerMu", "亩均税收不低于 30 万元", 30m, "万元/亩/年", new DateOnly(2027, 12, 31), "Open")]);

    private static readonly AgreementChoice Second = new(Guid.Parse("cccccccc-0000-0000-0000-000000000002"), "XY-2025-008", "二期补充协议",
        new DateOnly(2025, 9, 1), 30, [new ObligationChoice(OtherJobs, "Jobs", "新增就业 500 人", 500m, "人", new DateOnly(2027, 6, 30), "Open")]);

    private static CommitmentState State(CommitmentStatus status = CommitmentStatus.Open) => new(Guid.NewGuid(), Project, "XM-2026-001", Guid.NewGuid(), "海川恒锐",
        Guid.NewGuid(), CommitmentKind.TaxRebate, "投产且亩均税收达标后返还", 3_000_000m, null, null, null, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30),
        "张专员", "政策", "号", null, status, null, null, 1);

    public ConditionComponentTests()
    {
        Services.AddSingleton<TimeProvider>(new FakeClock());
        Answers.On<ListZones, IReadOnlyList<ZoneSummary>>(_ => []);
    }

    [Fact]
    public void The_form_sends_the_agreement_and_only_its_ticked_obligations()
    {
        using var _ = In(Text.Chinese);
        Answers.On<ListConditionChoices, IReadOnlyList<AgreementChoice>>(_ => [First, Second]);
        Answers.On<RecordCommitment, CommitmentState>(_ => State());
        var cut = Render<RecordCommitmentForm>(p => p.Add(x => x.ProjectId, Project));

        cut.FindAll("[data-testid=condition-option]").ShouldBeEmpty(); // no agreement chosen: no conditions offered
        cut.Find("[data-testid=agreement-select]").Change(Second.Id.ToString());
        cut.Find("[data-testid=condition-option]").Change(true); // Second's only obligation, then the agreement changes
        cut.Find("[data-testid=agreement-select]").Change(First.Id.ToString());
        var options = cut.FindAll("[data-testid=condition-option]");
        options.Select(o => o.GetAttribute("data-obligation-id")).ShouldBe([Production.ToString(), TaxPerMu.ToString()]);
        cut.Markup.ShouldContain("条件成就后 20 个工作日内兑现");
        cut.Find($"[data-obligation-id='{Production}']").Change(true);
        cut.Find($"[data-obligation-id='{TaxPerMu}']").Change(true);
        cut.Find($"[data-obligation-id='{Production}']").Change(false);

        cut.Find("#cm-kind").Change(nameof(CommitmentKind.TaxRebate));
        cut.Find("#cm-clause").Change("投产且亩均税收达标后返还");
        cut.Find("#cm-value").Change("300");
        cut.Find("#cm-due").Change("2027-12-31");
        cut.Find("form").Submit();

        var sent = Answers.Sent.Select(s => s.Request).OfType<RecordCommitment>().Single();
        sent.AgreementId.ShouldBe(First.Id);
        sent.ConditionObligationIds.ShouldBe([TaxPerMu]);
    }

    [Fact]
    public void A_project_without_agreements_shows_no_agreement_choice_and_sends_none()
    {
        Answers.On<ListConditionChoices, IReadOnlyList<AgreementChoice>>(_ => []);
        Answers.On<RecordCommitment, CommitmentState>(_ => State());
        var cut = Render<RecordCommitmentForm>(p => p.Add(x => x.ProjectId, Project));
        cut.FindAll("[data-testid=commitment-agreement-choice]").ShouldBeEmpty();
        cut.Find("#cm-kind").Change(nameof(CommitmentKind.ApprovalSpeed));
        cut.Find("#cm-clause").Change("五个工作日内办结");
        cut.Find("#cm-due").Change("2027-12-31");
        cut.Find("form").Submit();
        var sent = Answers.Sent.Select(s => s.Request).OfType<RecordCommitment>().Single();
        sent.AgreementId.ShouldBeNull();
        sent.ConditionObligationIds.ShouldBeNull();
    }

    [Theory]
    [InlineData(Text.Chinese, "已履约", "履约中", "21.5 / 30 万元/亩/年")]
    [InlineData(Text.English, "Met", "Open", "21.5 / 30 万元/亩/年")]
    public void The_detail_shows_each_condition_with_its_status_and_progress(string culture, string met, string open, string progress)
    {
        using var _ = In(culture);
        var cut = Render<CommitmentConditions>(p => p
            .Add(x => x.Agreement, new CommitmentAgreementDto(First.Id, "XY-2025-007", "锂电池项目投资协议", 20))
            .Add(x => x.Conditions, [
                new CommitmentConditionDto(Production, "Production", "投产", null, null, new DateOnly(2026, 6, 30), null, new DateOnly(2026, 5, 20), "Met", new DateOnly(2026, 5, 20)),
                new CommitmentConditionDto(TaxPerMu, "TaxPerMu", "亩均税收", 30m, "万元/亩/年", new DateOnly(2027, 12, 31), 21.5m, null, "Open", null)]));
        var rows = cut.FindAll("[data-testid=commitment-condition]");
        rows.Select(r => r.GetAttribute("data-satisfied")).ShouldBe(["true", "false"]);
        rows[0].QuerySelector("[data-testid=condition-status]")!.TextContent.Trim().ShouldBe(met);
        rows[1].QuerySelector("[data-testid=condition-status]")!.TextContent.Trim().ShouldBe(open);
        rows[1].TextContent.ShouldContain(progress);
        cut.Find("[data-testid=commitment-agreement]").TextContent.ShouldContain("XY-2025-007");
    }

    [Fact]
    public void An_unconditional_promise_outside_any_agreement_shows_no_conditions_card() =>
        Render<CommitmentConditions>(p => p.Add(x => x.Conditions, [])).Markup.Trim().ShouldBeEmpty();

    [Fact]
    public void The_integrity_page_lists_condition_unmet_promises_under_their_own_label_with_what_is_still_unmet()
    {
        using var _ = In(Text.Chinese);
        var waiting = State(CommitmentStatus.ConditionUnmet);
        Answers.On<ListConditionUnmet, IReadOnlyList<ConditionUnmetItem>>(_ =>
            [new ConditionUnmetItem(waiting, "XY-2025-007", DateTimeOffset.UnixEpoch,
                [new CommitmentConditionDto(TaxPerMu, "TaxPerMu", "亩均税收不低于 30 万元", 30m, "万元/亩/年", new DateOnly(2027, 12, 31), 21.5m, null, "Missed", null)])]);
        var cut = Render<ConditionUnmetSection>();
        cut.Find("#condition-unmet-title").TextContent.ShouldContain("条件未成就");
        var item = cut.Find("[data-testid=condition-unmet-item]");
        item.GetAttribute("data-commitment-id").ShouldBe(waiting.Id.ToString());
        item.QuerySelector("[data-testid=condition-unmet-commitment]")!.GetAttribute("href").ShouldBe($"/commitments/{waiting.Id}");
        item.QuerySelector("[data-testid=condition-unmet-obligation]")!.TextContent.ShouldContain("逾期未履约");
        cut.Find("[data-testid=condition-unmet-count]").TextContent.ShouldBe("1");
    }

    [Fact]
    public void With_none_waiting_the_section_says_so()
    {
        Answers.On<ListConditionUnmet, IReadOnlyList<ConditionUnmetItem>>(_ => []);
        Render<ConditionUnmetSection>().FindAll("[data-testid=condition-unmet-empty]").Count.ShouldBe(1);
    }
}
