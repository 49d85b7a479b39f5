using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Auth.ChangeOwnPassword;
using BizEnv.Invest.Application.Auth.SignIn;
using FluentValidation;

namespace BizEnv.Invest.Application.Tests.Auth;

public sealed class SignInTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly Actor Visitor = Actor.Anonymous("192.0.2.10");

    [Fact]
    public async Task A_right_password_signs_in_and_is_audited_with_the_client_address()
    {
        var result = await app.Send(new SignIn("leader", "Invest@2026"), Visitor);
        result.Status.ShouldBe(SignInStatus.Succeeded);
        result.User!.Roles.ShouldBe([Domain.Identity.Role.Leader]);
        var audit = await app.Query<(string Outcome, string ClientIp)>(
            "SELECT outcome, client_ip FROM audit_log WHERE action = 'SignIn' AND user_name = 'leader' ORDER BY id DESC LIMIT 1");
        audit.Single().ShouldBe(("success", "192.0.2.10"));
    }

    [Fact]
    public async Task Wrong_passwords_and_unknown_names_fail_alike_and_are_audited()
    {
        (await app.Send(new SignIn("integrity", "nope"), Visitor)).Status.ShouldBe(SignInStatus.WrongCredentials);
        (await app.Send(new SignIn("nobody-here", "nope"), Visitor)).Status.ShouldBe(SignInStatus.WrongCredentials);
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'SignIn' AND outcome LIKE 'failure:%' AND user_name IN ('integrity', 'nobody-here')")).ShouldBe(2);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_thirty_minutes_even_against_the_right_password()
    {
        for (var i = 0; i < 4; i++)
            (await app.Send(new SignIn("park", "wrong"), Visitor)).Status.ShouldBe(SignInStatus.WrongCredentials);
        var fifth = await app.Send(new SignIn("park", "wrong"), Visitor);
        fifth.Status.ShouldBe(SignInStatus.LockedOut);
        fifth.LockedUntil.ShouldBe(app.Clock.GetUtcNow().AddMinutes(30));

        (await app.Send(new SignIn("park", "Invest@2026"), Visitor)).Status.ShouldBe(SignInStatus.LockedOut);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        (await app.Send(new SignIn("park", "Invest@2026"), Visitor)).Status.ShouldBe(SignInStatus.Succeeded);
    }

    [Fact]
    public async Task Changing_the_own_password_checks_the_current_one_and_the_policy()
    {
        var officer = await app.As("officer2");
        var wrongCurrent = await Should.ThrowAsync<ValidationException>(() =>
            app.Send(new ChangeOwnPassword("not-it", "Another#2027", "Another#2027"), officer));
        wrongCurrent.Errors.Single().PropertyName.ShouldBe("CurrentPassword");

        var weak = await Should.ThrowAsync<ValidationException>(() =>
            app.Send(new ChangeOwnPassword("Invest@2026", "officer2", "different"), officer));
        weak.Errors.Select(e => e.ErrorCode).ShouldContain("password.equals_user_name");
        weak.Errors.Select(e => e.ErrorCode).ShouldContain("password.confirm_mismatch");

        var stampBefore = await app.Scalar<Guid>("SELECT security_stamp FROM users WHERE user_name = 'officer2'");
        var user = await app.Send(new ChangeOwnPassword("Invest@2026", "Another#2027", "Another#2027"), officer);
        user.SecurityStamp.ShouldNotBe(stampBefore);
        (await app.Send(new SignIn("officer2", "Another#2027"), Visitor)).Status.ShouldBe(SignInStatus.Succeeded);
        (await app.Send(new SignIn("officer2", "Invest@2026"), Visitor)).Status.ShouldBe(SignInStatus.WrongCredentials);
    }
}
