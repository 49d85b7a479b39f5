using BizEnv.Invest.Application.Abstractions;

namespace BizEnv.Invest.Application.Audit;

public sealed record AuditEntry(
    Guid? UserId, string UserName, string Roles, string Action, string? ObjectType, string? ObjectId,
    string Outcome, string? Detail, string? ClientIp, string? Reason = null)
{
    public static AuditEntry For(Actor actor, string action, IAuditTrail trail, string outcome, string? reason = null) =>
        new(actor.UserId, actor.UserName, actor.RolesText, action, trail.ObjectType, trail.ObjectId, outcome, trail.Detail, actor.ClientIp, reason);
}
