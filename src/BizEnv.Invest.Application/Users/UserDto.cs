using BizEnv.Invest.Application.Common.Mapping;
using BizEnv.Invest.Domain.Identity;

namespace BizEnv.Invest.Application.Users;

public sealed record UserDto(
    Guid Id, string UserName, string DisplayName, Guid UnitId, string UnitName, IReadOnlyList<Role> Roles,
    string? Email, string? Phone, bool IsDisabled, bool MustChangePassword, DateTimeOffset? LockedUntil,
    DateTimeOffset? LastSignInAt, DateTimeOffset CreatedAt, int Version);

internal sealed record UserRow(
    Guid Id, string UserName, string DisplayName, Guid UnitId, string UnitName, string[] Roles, string? Email, string? Phone,
    bool IsDisabled, bool MustChangePassword, DateTimeOffset? LockedUntil, DateTimeOffset? LastSignInAt, DateTimeOffset CreatedAt, int Version)
{
    public const string Select = """
        SELECT u.id AS Id, u.user_name AS UserName, u.display_name AS DisplayName, u.unit_id AS UnitId, unit_name(un.name_zh, un.name_en) AS UnitName,
               u.roles AS Roles, u.email AS Email, u.phone AS Phone, u.is_disabled AS IsDisabled,
               u.must_change_password AS MustChangePassword, u.locked_until AS LockedUntil, u.last_sign_in_at AS LastSignInAt,
               u.created_at AS CreatedAt, u.version AS Version
        FROM users u JOIN units un ON un.id = u.unit_id
        """;

    public UserDto ToDto() => this.To<UserDto>();
}
