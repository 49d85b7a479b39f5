using Microsoft.AspNetCore.Http.HttpResults;
using BizEnv.Invest.Application.Auth;
using BizEnv.Invest.Application.Auth.ChangeOwnPassword;
using BizEnv.Invest.Application.Auth.GetSessionUser;
using BizEnv.Invest.Application.Auth.SetOwnLanguage;
using BizEnv.Invest.Application.Notifications.ListMyNotifications;
using BizEnv.Invest.Application.Notifications.MarkNotificationsRead;
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

        me.MapGet("/notifications", async Task<Ok<MyNotifications>> (HttpContext ctx, int? take) =>
                TypedResults.Ok(await ctx.Send(new ListMyNotifications(take ?? 20))))
            .WithSummary("My notices, newest first, in my language, with the unread count");

        me.MapPost("/notifications/read", async (MarkNotificationsRead body, HttpContext ctx) =>
        {
            await ctx.Send(body);
            return TypedResults.NoContent();
        }).WithSummary("Mark my notices read (the ids given, or all when ids is null)");
    }
}
