using BizEnv.Invest.Application.Audit.ExportAuditLog;
using BizEnv.Invest.Application.Audit.SearchAuditLog;
using BizEnv.Invest.Application.Auth.SignIn;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Units.CreateUnit;
using BizEnv.Invest.Domain.Identity;
using DocumentFormat.OpenXml.Packaging;

namespace BizEnv.Invest.Application.Tests.Audit;

public sealed class AuditLogTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Every_command_is_audited_with_actor_role_object_outcome_and_address()
    {
        var admin = await app.As("admin");
        var unit = await app.Send(new CreateUnit(null, "XQ", "新区管委会", "New District Committee", UnitKind.Park), admin);

        var entry = (await app.Send(new SearchAuditLog(Action: "CreateUnit"), admin)).Items.First();
        entry.UserName.ShouldBe("admin");
        entry.Roles.ShouldBe("Admin");
        entry.ObjectType.ShouldBe("unit");
        entry.ObjectId.ShouldBe(unit.Id.ToString());
        entry.Outcome.ShouldBe("success");
        entry.ClientIp.ShouldBe("203.0.113.7");
        entry.At.ShouldBe(app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Queries_are_not_audited_but_sign_ins_are()
    {
        var integrity = await app.As("integrity");
        var before = await app.Scalar<long>("SELECT count(*) FROM audit_log");
        await app.Send(new SearchAuditLog(), integrity);
        (await app.Scalar<long>("SELECT count(*) FROM audit_log")).ShouldBe(before);
        await app.Send(new SignIn("integrity", "Invest@2026"), Abstractions.Actor.Anonymous(null));
        (await app.Scalar<long>("SELECT count(*) FROM audit_log")).ShouldBe(before + 1);
    }

    [Fact]
    public async Task The_integrity_office_may_read_the_log_and_officers_may_not()
    {
        (await app.Send(new SearchAuditLog(), await app.As("integrity"))).ShouldNotBeNull();
        await Should.ThrowAsync<ForbiddenException>(async () => await app.Send(new SearchAuditLog(), await app.As("officer")));
        await Should.ThrowAsync<ForbiddenException>(async () => await app.Send(new SearchAuditLog(), await app.As("leader")));
    }

    [Fact]
    public async Task The_export_holds_the_filtered_rows_under_a_title_and_header()
    {
        var admin = await app.As("admin");
        await app.Send(new SignIn("leader", "wrong"), Abstractions.Actor.Anonymous("192.0.2.99"));
        await using var file = await app.Send(new ExportAuditLog(new SearchAuditLog(UserName: "leader", Action: "SignIn")), admin);
        file.FileName.ShouldEndWith(".xlsx");

        using var doc = SpreadsheetDocument.Open(file.Content, false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        rows.Count.ShouldBeGreaterThanOrEqualTo(3); // title, header, at least one entry
        rows.Skip(2).ShouldAllBe(r => r.InnerText.Contains("leader") && r.InnerText.Contains("SignIn"));
        rows[2].InnerText.ShouldContain("192.0.2.99");
    }
}
