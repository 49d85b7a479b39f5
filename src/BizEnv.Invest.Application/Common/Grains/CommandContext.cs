using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Idempotency;
using Orleans;

namespace BizEnv.Invest.Application.Common.Grains;

/// <summary>
/// Who asked for a change, from where, under which Idempotency-Key, and what the audit row says:
/// it travels with every command to the grain that carries it out, because that grain writes the
/// audit row and the key in the same transaction as the change itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.CommandContext")]
public sealed record CommandContext(
    [property: Id(0)] Guid? UserId,
    [property: Id(1)] string UserName,
    [property: Id(2)] string Roles,
    [property: Id(3)] string? ClientIp,
    [property: Id(4)] string Action,
    [property: Id(5)] string? ObjectType,
    [property: Id(6)] string? ObjectId,
    [property: Id(7)] string? Detail,
    [property: Id(8)] string? IdempotencyKey,
    [property: Id(9)] string RequestType,
    [property: Id(10)] byte[] Fingerprint)
{
    /// <summary>The grain's own work (a deadline tick): no user, no key, audited as the system.</summary>
    public static CommandContext System(string action, string objectType, Guid objectId, string? detail = null) =>
        new(null, "system", "", null, action, objectType, objectId.ToString(), detail, null, action, []);

    public Audit.AuditEntry Audit(string outcome) => new(UserId, UserName, Roles, Action, ObjectType, ObjectId, outcome, Detail, ClientIp);

    /// <summary>Built by a handler once it has named the command's target (<see cref="IAuditTrail.Target"/>).</summary>
    public static CommandContext For(ActorContext actor, IAuditTrail trail, object request)
    {
        var who = actor.Actor;
        var key = who.UserId is null ? null : Idempotency.IdempotencyKey.Normalize(actor.IdempotencyKey);
        return new(who.UserId, who.UserName, who.RolesText, who.ClientIp, Application.Audit.AuditActions.NameOf(request.GetType()), trail.ObjectType, trail.ObjectId,
            trail.Detail, key, request.GetType().FullName!, key is null ? [] : IdempotencyStore.Fingerprint(request));
    }
}
