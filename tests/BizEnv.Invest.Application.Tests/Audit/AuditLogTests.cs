using BizEnv.Invest.Application.Audit.ExportAuditLog;
using BizEnv.Invest.Application.Audit.SearchAuditLog;
using BizEnv.Invest.Application.Auth.SignIn;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Units.CreateUnit;
using BizEnv.Invest.Application.Users.SetUserDisabled;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Application.Tests.Localization;
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
        rows.Skip(2).ShouldAllBe(r => r.InnerText.Contains("leader") && r.InnerText.Contains("登录") && r.InnerText.Contains("密码错误"));
        rows[2].InnerText.ShouldContain("192.0.2.99");
    }

    [Fact]
    public async Task A_refused_action_reads_in_the_readers_language_with_what_it_acted_on_and_why()
    {
        var admin = await app.As("admin");
        await Should.ThrowAsync<Domain.Common.DomainException>(async () => await app.Send(new SetUserDisabled(admin.UserId!.Value, true), admin));
        await app.Send(new CreateUnit(null, "DUPX", "重复单位", "Duplicate Unit", UnitKind.Park), admin);
        await Should.ThrowAsync<FluentValidation.ValidationException>(async () => await app.Send(new CreateUnit(null, "DUPX", "重复单位二", "Duplicate Unit 2", UnitKind.Park), admin));

        static string?[] Words(AuditLogEntryDto e) => [e.ActionText, e.ObjectTypeText, e.OutcomeText, e.ReasonText, e.ObjectName];
        var self = await Readers.InEach(() => app.Send(new SearchAuditLog(Action: "SetUserDisabled", Outcome: "refused"), admin), p => (p.Items[0].Reason, Words(p.Items[0])));
        self.Zh.Reason.ShouldStartWith("{\"code\":\"user.cannot_disable_self\""); // stored as a code, worded when read
        self.Zh.Item2.ShouldBe(["停用/启用用户", "用户", "规则拒绝", "不能停用自己的账号。", "王敏 (admin)"]);
        self.En.Item2.ShouldBe(["Disable/enable user", "User", "Refused by a rule", "You cannot disable your own account.", "王敏 (admin)"]);

        var taken = await Readers.InEach(() => app.Send(new SearchAuditLog(Action: "CreateUnit", Outcome: "invalid"), admin), p => p.Items[0].ReasonText);
        taken.Zh.ShouldBe(Text.In(Text.Chinese, "unit.code_taken")!.Replace("{0}", "DUPX"));
        taken.En.ShouldBe(Text.In(Text.English, "unit.code_taken")!.Replace("{0}", "DUPX"));
        var created = await Readers.InEach(() => app.Send(new SearchAuditLog(Action: "CreateUnit", Outcome: "success"), admin), p => p.Items[0].ObjectName);
        created.ShouldBe(("重复单位", "Duplicate Unit"));

        var home = await Readers.InEach(() => app.Send(new Home.GetAdminOverview.GetAdminOverview(), admin), o => o.RecentFailures.Select(Words).ToList());
        home.En.ShouldContain(w => w[0] == "Disable/enable user" && w[3] == "You cannot disable your own account.");
        home.Zh.Concat(home.En).SelectMany(w => w).ShouldAllBe(t => t == null || !System.Text.RegularExpressions.Regex.IsMatch(t, @"[a-z]+\.[a-z_]+|[0-9a-f]{8}-[0-9a-f]{4}|\{\d\}"));
    }
}
