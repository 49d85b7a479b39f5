using BizEnv.Invest.Application.Agreements.GetAgreementImportTemplate;
using BizEnv.Invest.Application.Agreements.ImportAgreements;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Tests.Agreements;

/// <summary>Agreements and obligations from .xlsx: every problem by row and column, all or nothing, each agreement and obligation on the ledger.</summary>
public sealed class AgreementImportTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly object[] Header =
        ["协议编号", "项目编号", "协议名称", "政府方签约人", "企业方签约人", "签订日期", "义务类型", "义务内容", "目标值", "计量单位", "履约期限", "整改期（工作日）", "违约处理", "备注"];

    [Fact]
    public async Task A_sheet_with_any_bad_row_imports_nothing_and_names_each_problem_a_clean_one_records_every_agreement_with_its_ledger_entries()
    {
        var officer = await app.As("officer");
        var p1 = (await app.NewProject(officer, (await app.NewInvestor(officer)).Id)).Number;
        var p2 = (await app.NewProject(officer, (await app.NewInvestor(officer)).Id)).Number;
        var other = (await app.NewProject(await app.As("officer2"), (await app.NewInvestor(await app.As("officer2"))).Id)).Number;
        object?[] Row(string number, string project, string kind, object? target, string? unit, object due, string title = "投资协议", string remedy = "追回补贴") =>
            [number, project, title, "李主任", "王总", "2026-03-01", kind, "说明", target, unit, due, 30, remedy, null];
        var n1 = $"IMP-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        var n2 = $"IMP-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        var bad = new TestWorkbook()
            .MergedTitle("投资协议台账", 14)                                                  // 1
            .Row(Header)                                                                      // 2
            .Row(Row(n1, p1, "开工", null, null, "2026-12-31"))                              // 3
            .Row(Row(n1, p1, "亩均税收", 30, "万元/亩/年", "2028年12月31日"))               // 4
            .Row(Row(n1, p1, "就业人数", 300, "人", "2027-06-30", title: "另一个名称"))      // 5: header differs from row 3
            .Row(Row(n2, p2, "挖矿", 1, "人", "2027-06-30"))                                 // 6: unknown kind
            .Row(Row(n2, p2, "就业人数", null, "人", "2027-06-30"))                          // 7: no target
            .Row(Row(n2, p2, "就业人数", 10, "万元", "2027-06-30"))                          // 8: wrong unit
            .Row(Row(n2, p2, "就业人数", 10, "人", "2025-06-30"))                            // 9: due before signed
            .Row(Row(n2, other, "就业人数", 10, "人", "2027-06-30"))                         // 10: another unit's project
            .Row(Row(n2, p2, "就业人数", "10人", "人", "2027-06-30", remedy: "罚款"))       // 11: target with a unit, unknown remedy
            .Bytes();

        var refused = await app.Send(new ImportAgreements(bad), officer);
        refused.Imported.ShouldBe(0);
        refused.Errors.Select(e => (e.Row, e.Column)).ShouldBe([
            (5, "协议编号"), (6, "义务类型"), (7, "目标值"), (8, "计量单位"), (9, "履约期限"), (10, "项目编号"), (11, "目标值"), (11, "违约处理")]);
        refused.Errors.First(e => e.Row == 8).Message.ShouldContain("人");
        refused.Notes.ShouldContain(n => n.Column == "备注");
        (await app.Scalar<long>("SELECT count(*) FROM agreements WHERE number IN (@n1, @n2)", new { n1, n2 })).ShouldBe(0);

        var before = await app.Scalar<long>("SELECT count(*) FROM ledger_history");
        var good = new TestWorkbook()
            .Row(Header)
            .Row(Row(n1, p1, "开工", null, null, new DateOnly(2026, 12, 31)))
            .Row(Row(n1, p1, "TaxPerMu", "30", "万元/亩/年", "2028-12-31"))
            .Row(Row(n2, p2, "就业人数", "1,200", "人", "2027-06-30"))
            .Bytes();
        var imported = await app.Send(new ImportAgreements(good), officer);
        imported.Errors.ShouldBeEmpty();
        imported.Imported.ShouldBe(3);
        (await app.Scalar<long>("SELECT count(*) FROM agreements WHERE number IN (@n1, @n2)", new { n1, n2 })).ShouldBe(2);
        (await app.Scalar<decimal>("SELECT o.target FROM obligations o JOIN agreements a ON a.id = o.agreement_id WHERE a.number = @n2", new { n2 })).ShouldBe(1200m);
        (await app.Scalar<long>("SELECT count(*) FROM ledger_history")).ShouldBe(before + 5); // 2 agreements, 3 obligations
        await app.SealLedgerAsync();
        (await app.Scalar<long>("SELECT count(*) FROM commitment_ledger WHERE event = 'Agreement.Recorded' AND seq > 0 AND commitment_id IN (SELECT id FROM agreements WHERE number IN (@n1, @n2))",
            new { n1, n2 })).ShouldBe(2);
        (await app.Services.GetRequiredService<LedgerVerifier>().VerifyAsync()).Intact.ShouldBeTrue();
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'ImportAgreements' AND outcome = 'success'")).ShouldBe(2);

        // The same sheet again: every agreement is already on record.
        var again = await app.Send(new ImportAgreements(good), officer);
        again.Imported.ShouldBe(0);
        again.Errors.Select(e => e.Column).Distinct().ShouldBe(["协议编号"]);
    }

    [Fact]
    public async Task The_template_is_read_back_by_the_import_itself_and_leaders_may_not_import()
    {
        var officer = await app.As("officer");
        await using var template = await app.Send(new GetAgreementImportTemplate(), officer);
        using var copy = new MemoryStream();
        await template.Content.CopyToAsync(copy);
        var result = await app.Send(new ImportAgreements(copy.ToArray()), officer);
        // The example names the first demo project (the officer's unit's): every cell of it reads and imports.
        result.Errors.ShouldBeEmpty();
        (result.Rows, result.Imported).ShouldBe((2, 2));
        await Should.ThrowAsync<ForbiddenException>(() => app.Send(new ImportAgreements(copy.ToArray()), app.As("leader").Result));
    }
}
