using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Common;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Notifications.MarkNotificationsRead;

/// <summary>Marks the signed-in user's notices read: the ones named, or all of them. Nobody can mark another's.</summary>
public sealed record MarkNotificationsRead(IReadOnlyList<Guid>? Ids = null) : ICommand<Done>;

public sealed class MarkNotificationsReadValidator : AbstractValidator<MarkNotificationsRead>
{
    public const int MaxIds = 500;

    public MarkNotificationsReadValidator() =>
        RuleFor(x => x.Ids).Must(ids => ids is null || ids.Count <= MaxIds).WithText("notices.too_many", MaxIds);
}

public sealed class MarkNotificationsReadHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<MarkNotificationsRead, Done>
{
    public async Task<Done> Handle(MarkNotificationsRead r, CancellationToken ct)
    {
        var me = actor.Actor.UserId ?? throw new UnauthenticatedException();
        audit.Target("user", me);
        var cn = await db.ConnectionAsync(ct);
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE notifications SET read_at = @now
            WHERE user_id = @me AND read_at IS NULL AND (@all OR id = ANY(@ids))
            """, new { me, now = clock.GetUtcNow(), all = r.Ids is null, ids = (r.Ids ?? []).ToArray() }, db.Transaction, cancellationToken: ct));
        return Done.Value;
    }
}
