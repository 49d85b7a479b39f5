using BizEnv.Invest.Application.Audit.ExportAuditLog;
using BizEnv.Invest.Application.Audit.SearchAuditLog;

namespace BizEnv.Invest.Web.Api;

public static class AuditApi
{
    public static void MapAuditApi(this RouteGroupBuilder v1)
    {
        var audit = v1.MapGroup("/audit").WithTags("Audit");

        audit.MapGet("/", async (HttpContext ctx, [AsParameters] AuditQuery q) => TypedResults.Ok(await ctx.Send(q.ToRequest())))
            .WithSummary("Browse the audit log, newest first (admin, integrity office)");

        audit.MapGet("/export", (HttpContext ctx, [AsParameters] AuditQuery q) => ctx.SendFile(new ExportAuditLog(q.ToRequest())))
            .WithSummary("The filtered audit log as .xlsx (admin, integrity office)");
    }

    public sealed record AuditQuery(DateTimeOffset? From, DateTimeOffset? To, string? UserName, string? Action, string? Outcome, string? ObjectType, int? Page, int? PageSize)
    {
        public SearchAuditLog ToRequest() => new(From, To, UserName, Action, Outcome, ObjectType, Page ?? 1, PageSize ?? 50);
    }
}
