using BizEnv.Invest.Application.Crm.Investors.GetInvestor;
using BizEnv.Invest.Application.Crm.Investors.ListInvestors;
using BizEnv.Invest.Application.Crm.Visits.LogVisit;
using BizEnv.Invest.Application.Errors;
using FluentValidation;

namespace BizEnv.Invest.Application.Tests.Crm;

public sealed class InvestorTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_wrong_credit_code_is_refused_with_the_expected_check_character_and_nothing_is_saved()
    {
        var officer = await app.As("officer");
        var good = CrmBuilders.NewCreditCode();
        var wrongLast = good[17] == '0' ? '1' : '0';
        var bad = good[..17] + wrongLast;
        var ex = await Should.ThrowAsync<ValidationException>(() => app.Send(CrmBuilders.Investor("校验位测试有限公司", bad), officer));
        var error = ex.Errors.Single();
        error.PropertyName.ShouldBe("CreditCode");
        error.ErrorCode.ShouldBe("credit_code.check_char");
        error.ErrorMessage.ShouldContain($"应为 {good[17]}");
        (await app.Scalar<long>("SELECT count(*) FROM investors WHERE name = '校验位测试有限公司'")).ShouldBe(0);
    }

    [Fact]
    public async Task A_credit_code_can_be_registered_once_and_the_refusal_names_the_holder()
    {
        var officer = await app.As("officer");
        var first = await app.Send(CrmBuilders.Investor("海川恒锐储能有限公司"), officer);
        var officer2 = await app.As("officer2");
        var ex = await Should.ThrowAsync<ValidationException>(() => app.Send(CrmBuilders.Investor("另一个名字有限公司", first.CreditCode), officer2));
        ex.Errors.Single().ErrorCode.ShouldBe("investor.credit_code_taken");
        ex.Errors.Single().ErrorMessage.ShouldContain("海川恒锐储能有限公司");
    }

    [Fact]
    public async Task A_second_firm_with_the_same_name_needs_confirmation()
    {
        var officer = await app.As("officer");
        await app.Send(CrmBuilders.Investor("苏州同名科技有限公司"), officer);
        var ex = await Should.ThrowAsync<ValidationException>(() => app.Send(CrmBuilders.Investor("苏州同名科技 有限公司"), officer));
        ex.Errors.Single().ErrorCode.ShouldBe("investor.name_duplicate");
        (await app.Send(CrmBuilders.Investor("苏州同名科技有限公司") with { ConfirmSameName = true }, officer)).Name.ShouldBe("苏州同名科技有限公司");
    }

    [Fact]
    public async Task Another_units_investor_is_read_only_with_its_projects_hidden_and_its_visits_are_shared()
    {
        var officer = await app.As("officer");
        var other = await app.As("officer2");
        var investor = await app.NewInvestor(officer, "共享走访测试有限公司");

        await app.NewProject(officer, investor.Id);
        var seen = await app.Send(new GetInvestor(investor.Id), other);
        seen.CanEdit.ShouldBeFalse();
        seen.Projects.ShouldBeEmpty(); // the other unit's projects stay private
        await Should.ThrowAsync<ForbiddenException>(() => app.Send(CrmBuilders.Investor("改名") with { Id = investor.Id, Version = investor.Version }, other));
        (await app.Send(new ListInvestors(Search: "共享走访"), other)).Total.ShouldBe(0);
        var found = await app.Send(new ListInvestors(Search: "共享走访", Registry: true), other);
        found.Items.Single().UnitName.ShouldBe("招商一处");

        // Division 2 visits the firm: division 1 sees it on the firm's page.
        await app.Send(new LogVisit(investor.Id, null, new DateOnly(2026, 11, 18), "了解扩产计划", null, [], []), other);
        var detail = await app.Send(new GetInvestor(investor.Id), officer);
        detail.RecentVisits.ShouldContain(v => v.UnitName == "招商二处" && v.Officers.Contains("赵晓燕"));
        detail.Projects.Count.ShouldBe(1);
        (await app.Send(new BizEnv.Invest.Application.Crm.Visits.ListVisits.ListVisits(investor.Id), officer)).Items.ShouldContain(v => v.UnitName == "招商二处");
        (await app.Send(new BizEnv.Invest.Application.Crm.Visits.ListVisits.ListVisits(), officer)).Items.ShouldNotContain(v => v.UnitName == "招商二处");
        (await app.Send(new GetInvestor(investor.Id), await app.As("leader"))).CanEdit.ShouldBeFalse();
    }

    [Fact]
    public async Task Concurrent_edits_of_one_investor_let_one_win_and_refuse_the_other()
    {
        var officer = await app.As("officer");
        var investor = await app.NewInvestor(officer);
        var edit = CrmBuilders.Investor(investor.Name, investor.CreditCode) with { Id = investor.Id, Version = investor.Version, HomeRegion = "北京" };
        await app.Send(edit, officer);
        await Should.ThrowAsync<ConcurrencyConflictException>(() => app.Send(edit with { HomeRegion = "天津" }, officer));
        (await app.Scalar<string>("SELECT home_region FROM investors WHERE id = @Id", new { investor.Id })).ShouldBe("北京");
    }

    [Fact]
    public async Task A_company_cannot_become_its_own_grandparent()
    {
        var officer = await app.As("officer");
        var parent = await app.NewInvestor(officer);
        var child = await app.Send(CrmBuilders.Investor() with { ParentId = parent.Id }, officer);
        var ex = await Should.ThrowAsync<ValidationException>(() =>
            app.Send(CrmBuilders.Investor(parent.Name, parent.CreditCode) with { Id = parent.Id, Version = parent.Version, ParentId = child.Id }, officer));
        ex.Errors.Single().ErrorCode.ShouldBe("investor.parent_cycle");
    }

    [Fact]
    public async Task An_industry_code_typed_in_lower_case_is_stored_as_the_standard_code()
    {
        var officer = await app.As("officer");
        var saved = await app.Send(CrmBuilders.Investor() with { IndustryCode = "c3841" }, officer);
        saved.IndustryCode.ShouldBe("C3841");
        saved.IndustryName.ShouldBe("锂离子电池制造");
    }

    [Fact]
    public async Task Search_treats_full_width_and_half_width_forms_and_case_alike_on_both_sides()
    {
        var officer = await app.As("officer");
        var wide = await app.Send(CrmBuilders.Investor("ＸＹＺ储能（合肥）有限公司"), officer);
        var narrow = await app.Send(CrmBuilders.Investor("Qrs Battery (Wuhu) Co"), officer);

        (await app.Send(new ListInvestors(Search: "xyz储能(合肥"), officer)).Items.Select(i => i.Id).ShouldBe([wide.Id]);
        (await app.Send(new ListInvestors(Search: "ｑｒｓ　ｂａｔｔｅｒｙ　（ｗｕｈｕ）"), officer)).Items.Select(i => i.Id).ShouldBe([narrow.Id]);
        var code = wide.CreditCode!;
        var fullWidthPrefix = string.Concat(code[..8].Select(c => (char)(c + 0xFEE0))); // "９１３７…" as a Chinese IME types it
        (await app.Send(new ListInvestors(Search: fullWidthPrefix), officer)).Items.ShouldContain(i => i.Id == wide.Id);
    }
}
