using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Users.ListUsers;

/// <summary>Users, filtered and paged on the server. <see cref="Search"/> matches user name or display name.</summary>
[AllowRoles(Domain.Identity.Role.Admin)]
public sealed record ListUsers(
    string? Search = null, Guid? UnitId = null, Role? Role = null, bool? Disabled = null,
    int Page = 1, int PageSize = 20, string? Sort = null, bool Descending = false) : IQuery<Page<UserDto>>;

public sealed class ListUsersHandler(IDbSession db) : IRequestHandler<ListUsers, Page<UserDto>>
{
    private static readonly Dictionary<string, string> SortColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["userName"] = "lower(u.user_name)",
        ["displayName"] = "u.display_name",
        ["unitName"] = "un.name_zh",
        ["createdAt"] = "u.created_at",
        ["lastSignInAt"] = "u.last_sign_in_at",
    };

    public async Task<Page<UserDto>> Handle(ListUsers request, CancellationToken ct)
    {
        var (page, size, offset) = Paging.Normalize(request.Page, request.PageSize);
        const string where = """
            WHERE (@search::text IS NULL OR search_form(u.user_name) LIKE '%' || search_form(@search) || '%' OR search_form(u.display_name) LIKE '%' || search_form(@search) || '%')
              AND (@unitId::uuid IS NULL OR u.unit_id = @unitId)
              AND (@role::text IS NULL OR @role = ANY (u.roles))
              AND (@disabled::boolean IS NULL OR u.is_disabled = @disabled)
            """;
        var args = new
        {
            search = string.IsNullOrWhiteSpace(request.Search) ? null : LikeEscape(request.Search.Trim()),
            unitId = request.UnitId,
            role = request.Role?.ToString(),
            disabled = request.Disabled,
            size,
            offset,
        };
        var order = Paging.OrderBy(SortColumns, request.Sort, request.Descending, "lower(u.user_name)");
        var cn = await db.ConnectionAsync(ct);
        var total = await cn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM users u " + where, args, cancellationToken: ct));
        var rows = await cn.QueryAsync<UserRow>(new CommandDefinition(
            $"{UserRow.Select} {where} ORDER BY {order}, u.id LIMIT @size OFFSET @offset", args, cancellationToken: ct));
        return new Page<UserDto>(rows.Select(r => r.ToDto()).ToList(), total, page, size);
    }

    private static string LikeEscape(string value) => value.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
