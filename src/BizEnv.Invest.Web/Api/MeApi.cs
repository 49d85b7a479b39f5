using Microsoft.AspNetCore.Http.HttpResults;
using BizEnv.Invest.Application.Auth;
using BizEnv.Invest.Application.Auth.ChangeOwnPassword;
using BizEnv.Invest.Application.Auth.GetSessionUser;
using BizEnv.Invest.Application.Auth.SetOwnLanguage;
using BizEnv.Invest.Web.Auth;
using BizEnv.Invest.Web.Localization;
using Microsoft.AspNetCore.Authentication;

namespace BizEnv.Invest.Web.Api;

public static class MeApi
{
    public sealed record LanguageBody(string Language);

    public static void MapMeApi(this RouteGroupBuilder v1)
    {
        var me = v1.MapGroup("/me").WithTags("Me");

        me.MapGet("/", async Task<Ok<SessionUser>> (HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetSessionUser())))
            .WithSummary("The signed-in user");

        me.MapPost("/password", async (ChangeOwnPassword body, HttpContext ctx) =>
        {
            var user = await ctx.Send(body);
            // The password change rotated the security stamp: re-issue this session's cookie, end the others.
            await SessionCookie.RenewAsync(ctx, user);
            return TypedResults.NoContent();
        }).WithSummary("Change my password").ProducesValidationProblem();

        me.MapPut("/language", async (LanguageBody body, HttpContext ctx) =>
        {
            await ctx.Send(new SetOwnLanguage(body.Language));
            CultureCookie.Append(ctx, body.Language);
            return TypedResults.NoContent();
        }).WithSummary("Remember my UI language (zh-CN or en-US)").ProducesValidationProblem();
    }
}
