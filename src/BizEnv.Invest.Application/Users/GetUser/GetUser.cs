using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Users.GetUser;

[AllowRoles(Role.Admin)]
public sealed record GetUser(Guid Id) : IQuery<UserDto>;

public sealed class GetUserHandler(IDbSession db) : IRequestHandler<GetUser, UserDto>
{
    public async Task<UserDto> Handle(GetUser request, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var row = await cn.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(UserRow.Select + " WHERE u.id = @Id", new { request.Id }, cancellationToken: ct));
        return row?.ToDto() ?? throw new NotFoundException("user", request.Id);
    }
}
