using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Auth.GetSessionUser;

/// <summary>The signed-in user as stored now: used to revalidate a cookie or a live Blazor circuit.</summary>
public sealed record GetSessionUser : IQuery<SessionUser>;

public sealed class GetSessionUserHandler(IDbSession db, ActorContext actor) : IRequestHandler<GetSessionUser, SessionUser>
{
    public async Task<SessionUser> Handle(GetSessionUser request, CancellationToken ct)
    {
        var id = actor.Actor.UserId ?? throw new UnauthenticatedException();
        var cn = await db.ConnectionAsync(ct);
        var row = await cn.QuerySingleOrDefaultAsync<SessionUserRow>(new CommandDefinition(
            SessionUserSql.Select + " WHERE u.id = @id", new { id }, cancellationToken: ct));
        return row?.ToSessionUser() ?? throw new NotFoundException("user", id);
    }
}
