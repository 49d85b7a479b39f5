using BizEnv.Invest.Application.Auth.SignIn;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Users.CreateUser;
using BizEnv.Invest.Application.Users.ListUsers;
using BizEnv.Invest.Application.Users.ResetUserPassword;
using BizEnv.Invest.Application.Users.SetUserDisabled;
using BizEnv.Invest.Application.Users.UpdateUser;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;

namespace BizEnv.Invest.Application.Tests.Users;

public sealed class UserAdministrationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<CreateUser> NewUser(string userName, string password = "Haichuan#2026") =>
        new(userName, "测试用户", await app.UnitId("HCZS1"), [Role.PromotionOfficer], "t@haichuan.example", null, password);

    [Fact]
    public async Task An_admin_creates_a_user_who_must_change_the_password_at_first_sign_in()
    {
        var admin = await app.As("admin");
        var user = await app.Send(await NewUser("zhangsan"), admin);

        user.MustChangePassword.ShouldBeTrue();
        user.Roles.ShouldBe([Role.PromotionOfficer]);
        var signIn = await app.Send(new SignIn("ZhangSan", "Haichuan#2026"), Abstractions.Actor.Anonymous("198.51.100.1"));
        signIn.Status.ShouldBe(SignInStatus.Succeeded);
        signIn.User!.MustChangePassword.ShouldBeTrue();
        (await app.Scalar<string>("SELECT outcome FROM audit_log WHERE action = 'CreateUser' AND object_id = @id", new { id = user.Id.ToString() })).ShouldBe("success");
    }

    [Fact]
    public async Task A_duplicate_user_name_is_refused_whatever_its_case_and_nothing_is_saved()
    {
        var admin = await app.As("admin");
        await app.Send(await NewUser("lisi"), admin);
        var ex = await Should.ThrowAsync<ValidationException>(() => app.Send(NewUser("LiSi").Result with { DisplayName = "另一个" }, admin));
        ex.Errors.Single().PropertyName.ShouldBe("UserName");
        (await app.Scalar<long>("SELECT count(*) FROM users WHERE lower(user_name) = 'lisi'")).ShouldBe(1);
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'CreateUser' AND outcome = 'invalid'")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_weak_password_and_missing_fields_are_all_reported_at_once()
    {
        var admin = await app.As("admin");
        var ex = await Should.ThrowAsync<ValidationException>(() =>
            app.Send(new CreateUser("x", "", Guid.Empty, [], "not-an-email", null, "short"), admin));
        ex.Errors.Select(e => e.PropertyName).Distinct().ShouldBe(
            ["UserName", "DisplayName", "UnitId", "Roles", "Email", "InitialPassword"], ignoreOrder: true);
    }

    [Fact]
    public async Task An_officer_cannot_administer_users_and_the_attempt_is_audited()
    {
        var officer = await app.As("officer");
        await Should.ThrowAsync<ForbiddenException>(async () => await app.Send(await NewUser("wangwu"), officer));
        await Should.ThrowAsync<ForbiddenException>(() => app.Send(new ListUsers(), officer));
        (await app.Scalar<long>("SELECT count(*) FROM users WHERE user_name = 'wangwu'")).ShouldBe(0);
        (await app.Scalar<string>("SELECT outcome FROM audit_log WHERE action = 'CreateUser' AND user_name = 'officer'")).ShouldBe("forbidden");
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_not_a_silent_overwrite()
    {
        var admin = await app.As("admin");
        var user = await app.Send(await NewUser("zhaoliu"), admin);
        var first = new UpdateUser(user.Id, "赵六", user.UnitId, [Role.Leader], null, null, user.Version);
        var updated = await app.Send(first, admin);
        updated.Version.ShouldBe(user.Version + 1);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => app.Send(first with { DisplayName = "改名" }, admin));
        (await app.Scalar<string>("SELECT display_name FROM users WHERE id = @Id", new { user.Id })).ShouldBe("赵六");
    }

    [Fact]
    public async Task Disabling_a_user_stops_sign_in_and_enabling_restores_it()
    {
        var admin = await app.As("admin");
        var user = await app.Send(await NewUser("sunqi"), admin);
        await app.Send(new SetUserDisabled(user.Id, true), admin);
        (await app.Send(new SignIn("sunqi", "Haichuan#2026"), Abstractions.Actor.Anonymous(null))).Status.ShouldBe(SignInStatus.Disabled);
        await app.Send(new SetUserDisabled(user.Id, false), admin);
        (await app.Send(new SignIn("sunqi", "Haichuan#2026"), Abstractions.Actor.Anonymous(null))).Status.ShouldBe(SignInStatus.Succeeded);
    }

    [Fact]
    public async Task An_admin_cannot_disable_themselves_or_drop_their_own_admin_role()
    {
        var admin = await app.As("admin");
        (await Should.ThrowAsync<DomainException>(() => app.Send(new SetUserDisabled(admin.UserId!.Value, true), admin))).Code.ShouldBe("user.cannot_disable_self");
        var me = (await app.Send(new ListUsers(Search: "admin"), admin)).Items.Single(u => u.UserName == "admin");
        (await Should.ThrowAsync<DomainException>(() => app.Send(new UpdateUser(me.Id, me.DisplayName, me.UnitId, [Role.Leader], null, null, me.Version), admin)))
            .Code.ShouldBe("user.cannot_drop_own_admin");
    }

    [Fact]
    public async Task A_password_reset_forces_a_change_and_lifts_a_lock()
    {
        var admin = await app.As("admin");
        var user = await app.Send(await NewUser("qianba"), admin);
        for (var i = 0; i < 5; i++)
            await app.Send(new SignIn("qianba", "wrong-password"), Abstractions.Actor.Anonymous(null));
        (await app.Send(new SignIn("qianba", "Haichuan#2026"), Abstractions.Actor.Anonymous(null))).Status.ShouldBe(SignInStatus.LockedOut);

        await app.Send(new ResetUserPassword(user.Id, "Temporary#2026"), admin);
        var result = await app.Send(new SignIn("qianba", "Temporary#2026"), Abstractions.Actor.Anonymous(null));
        result.Status.ShouldBe(SignInStatus.Succeeded);
        result.User!.MustChangePassword.ShouldBeTrue();
    }

    [Fact]
    public async Task The_user_list_filters_sorts_and_pages_on_the_server()
    {
        var admin = await app.As("admin");
        var page = await app.Send(new ListUsers(Role: Role.PromotionOfficer, PageSize: 1, Sort: "userName"), admin);
        page.Total.ShouldBeGreaterThanOrEqualTo(2);
        page.Items.Count.ShouldBe(1);
        page.Items.Single().Roles.ShouldContain(Role.PromotionOfficer);
        var second = await app.Send(new ListUsers(Role: Role.PromotionOfficer, PageSize: 1, Page: 2, Sort: "userName"), admin);
        string.CompareOrdinal(second.Items.Single().UserName.ToLowerInvariant(), page.Items.Single().UserName.ToLowerInvariant()).ShouldBeGreaterThan(0);
        (await app.Send(new ListUsers(Search: "50%_"), admin)).Total.ShouldBe(0); // wildcards are literal
    }
}
