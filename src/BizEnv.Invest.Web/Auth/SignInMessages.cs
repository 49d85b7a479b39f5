using BizEnv.Invest.Application.Auth.SignIn;

namespace BizEnv.Invest.Web.Auth;

/// <summary>What a refused sign-in says: the same words on the page and in the API.</summary>
public static class SignInMessages
{
    private static readonly TimeZoneInfo Beijing = BizEnv.Invest.Domain.Common.BeijingTime.Zone;

    public static string CodeOf(SignInResult result) => result.Status switch
    {
        SignInStatus.LockedOut => "signin.locked",
        SignInStatus.Disabled => "signin.disabled",
        _ => "signin.wrong",
    };

    public static object[] ArgsOf(SignInResult result) =>
        result.LockedUntil is { } until ? [TimeZoneInfo.ConvertTime(until, Beijing).ToString("HH:mm")] : [];
}
