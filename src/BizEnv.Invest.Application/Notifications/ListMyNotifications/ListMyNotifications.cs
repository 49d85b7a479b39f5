using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Localization;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Notifications.ListMyNotifications;

/// <summary>The signed-in user's notices (a promise falling due…), newest first, with how many are unread.</summary>
public sealed record ListMyNotifications(int Take = 20) : IQuery<MyNotifications>;

public sealed record MyNotifications(long Unread, IReadOnlyList<NotificationDto> Items);

/// <summary>One notice; <see cref="Text"/> is put into words as it is read, in the reader's language.</summary>
public sealed record NotificationDto(Guid Id, string Text, string? Link, DateTimeOffset CreatedAt, bool Read);

public sealed class ListMyNotificationsHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListMyNotifications, MyNotifications>
{
    public async Task<MyNotifications> Handle(ListMyNotifications r, CancellationToken ct)
    {
        var me = actor.Actor.UserId ?? throw new UnauthenticatedException();
        var cn = await db.ConnectionAsync(ct);
        var unread = await cn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM notifications WHERE user_id = @me AND read_at IS NULL", new { me }, cancellationToken: ct));
        var rows = await cn.QueryAsync<(Guid Id, string Title, string? Link, DateTimeOffset CreatedAt, bool Read)>(new CommandDefinition("""
            SELECT id, title, link, created_at, read_at IS NOT NULL FROM notifications WHERE user_id = @me
            ORDER BY created_at DESC, id LIMIT @take
            """, new { me, take = Math.Clamp(r.Take, 1, 100) }, cancellationToken: ct));
        return new MyNotifications(unread, [.. rows.Select(n => new NotificationDto(n.Id, CodedText.Render(n.Title)!, n.Link, n.CreatedAt, n.Read))]);
    }
}
