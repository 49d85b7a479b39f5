using BizEnv.Invest.Application.Agreements;
using BizEnv.Invest.Application.Agreements.RecordAgreement;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Application.Units;
using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Web.Components.Pages.Agreements;
using BizEnv.Invest.Domain;
using Bunit;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>The agreement recording form: obligations added and removed, the kind setting its unit (a milestone has none), per-row errors.</summary>
public sealed class AgreementFormTests : AppPageComponentTest
{
    private static readonly Guid Project = Guid.NewGuid();
    private static readonly Guid Unit = Guid.NewGuid();

    public AgreementFormTests() => Services.AddSingleton<TimeProvider>(new Testing.FakeClock());

    private IRenderedComponent<AgreementForm> Form(Action<AgreementSaved>? saved = null) => Render<AgreementForm>(p => p
        .Add(x => x.ProjectId, Project).Add(x => x.DefaultUnitId, Unit)
        .Add(x => x.Units, [new UnitDto(Unit, null, "HCZS1", "招商一处", "Investment Office 1", Domain.Identity.UnitKind.Division, 0, 3, 1)])
        .Add(x => x.OnSaved, s => saved?.Invoke(s)));

    [Fact]
    public void Two_obligations_are_recorded_with_the_header_a_milestone_without_target_and_a_measured_one_in_its_kinds_unit()
    {
        using var _ = In(Text.Chinese);
        AgreementSaved? saved = null;
        Answers.On<RecordAgreement, AgreementSaved>(r => new AgreementSaved(Guid.NewGuid(), 1, 0));
        var cut = Form(s => saved = s);
        cut.Find("[data-testid=agreement-number]").Change("HC-TZ-2026-009");
        cut.Find("[data-testid=agreement-title]").Change("年产10GWh储能电池项目投资协议");
        cut.Find("[data-testid=agreement-government-signatory]").Change("李主任");
        cut.Find("[data-testid=agreement-investor-signatory]").Change("王总");
        // Row 1 starts as a milestone: no target, no unit, a note on what meets it.
        cut.FindAll("[data-testid=obligation-target]").ShouldBeEmpty();
        cut.Find("[data-testid=obligation-milestone-note]").TextContent.ShouldContain("开工");
        cut.Find("[data-testid=obligation-description]").Change("2026年底前开工");

        cut.Find("[data-testid=add-obligation]").Click();
        cut.FindAll("[data-testid=obligation-row]").Count.ShouldBe(2);
        var second = cut.Find("[data-testid=obligation-1]");
        second.QuerySelector("[data-testid=obligation-kind]")!.Change(nameof(ObligationKind.TaxPerMu));
        second = cut.Find("[data-testid=obligation-1]");
        second.QuerySelector("[data-testid=obligation-unit]")!.GetAttribute("value").ShouldBe("万元/亩/年");
        second.QuerySelector("[data-testid=obligation-description]")!.Change("亩均税收不低于30万元");
        cut.Find("[data-testid=obligation-1] [data-testid=obligation-target]").Change("30");
        cut.Find("[data-testid=agreement-form]").Submit();

        var sent = Answers.Sent.Select(s => s.Request).OfType<RecordAgreement>().ShouldHaveSingleItem();
        sent.ProjectId.ShouldBe(Project);
        sent.UnitId.ShouldBe(Unit);
        sent.Number.ShouldBe("HC-TZ-2026-009");
        sent.Obligations.Count.ShouldBe(2);
        sent.Obligations[0].ShouldBe(sent.Obligations[0] with { Kind = ObligationKind.StartOfConstruction, Target = null, Unit = null, Description = "2026年底前开工" });
        (sent.Obligations[1].Kind, sent.Obligations[1].Target, sent.Obligations[1].Unit).ShouldBe((ObligationKind.TaxPerMu, 30m, "万元/亩/年"));
        sent.FileContent.ShouldBeNull();
        saved.ShouldNotBeNull();
    }

    [Fact]
    public void A_row_can_be_removed_while_another_remains_and_errors_come_back_on_their_row()
    {
        using var _ = In(Text.Chinese);
        Answers.On<RecordAgreement, AgreementSaved>(_ => throw new ValidationException([
            new ValidationFailure("Obligations[1].Target", "请填写大于零的目标值。") { ErrorCode = "obligation.target_required" }]));
        var cut = Form();
        cut.FindAll("[data-testid^=remove-obligation]").ShouldBeEmpty(); // the last row stays
        cut.Find("[data-testid=add-obligation]").Click();
        cut.Find("[data-testid=add-obligation]").Click();
        cut.FindAll("[data-testid=obligation-row]").Count.ShouldBe(3);
        cut.Find("[data-testid=remove-obligation-2]").Click();
        cut.FindAll("[data-testid=obligation-row]").Count.ShouldBe(2);
        cut.Find("[data-testid=obligation-1] [data-testid=obligation-kind]").Change(nameof(ObligationKind.Jobs));
        cut.Find("[data-testid=agreement-form]").Submit();

        cut.Find("[data-testid=obligation-1]").TextContent.ShouldContain("请填写大于零的目标值。");
        cut.Find("[data-testid=obligation-0]").TextContent.ShouldNotContain("请填写大于零的目标值。");
    }
}
