using Microsoft.AspNetCore.Http.HttpResults;
using BizEnv.Invest.Application.Auth;
using BizEnv.Invest.Application.Auth.SignIn;
using BizEnv.Invest.Web.Auth;
using BizEnv.Invest.Web.Errors;
using BizEnv.Invest.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace BizEnv.Invest.Web.Api;

public static class AuthApi
{
    public sealed record SignInBody(string UserName, string Password);

    public sealed record AntiforgeryToken(string HeaderName, string Token);

    public static void MapAuthApi(this RouteGroupBuilder v1)
    {
        var auth = v1.MapGroup("/auth").WithTags("Auth");

        auth.MapGet("/antiforgery", (HttpContext ctx, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(ctx);
            return TypedResults.Ok(new AntiforgeryToken(ApiAntiforgery.HeaderName, tokens.RequestToken!));
        }).AllowAnonymous().WithSummary("Get an antiforgery token for the X-XSRF-TOKEN header of state-changing calls");

        auth.MapPost("/sign-in", async Task<IResult> (SignInBody body, HttpContext ctx) =>
        {
            var result = await ctx.Send(new SignIn(body.UserName ?? "", body.Password ?? ""));
            if (result.Status != SignInStatus.Succeeded)
            {
                await Problems.Write(ctx, StatusCodes.Status401Unauthorized, SignInMessages.CodeOf(result), SignInMessages.ArgsOf(result));
                return TypedResults.Empty;
            }
            await SessionCookie.IssueAsync(ctx, result.User!);
            return TypedResults.Ok(result.User!);
        }).AllowAnonymous().WithSummary("Sign in with user name and password (sets the session cookie)")
          .Produces<SessionUser>().ProducesProblem(StatusCodes.Status401Unauthorized);

        auth.MapPost("/sign-out", async Task<NoContent> (HttpContext ctx) =>
        {
            await ctx.SignOutAsync(CookieSetup.Scheme);
            return TypedResults.NoContent();
        }).WithSummary("Sign out");
    }
}
