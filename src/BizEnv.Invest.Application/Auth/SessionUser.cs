using BizEnv.Invest.Domain.Identity;

namespace BizEnv.Invest.Application.Auth;

/// <summary>What the sign-in cookie carries about a user, and what revalidation compares against.</summary>
public sealed record SessionUser(
    Guid Id, string UserName, string DisplayName, Guid UnitId, string UnitName, IReadOnlyList<Role> Roles,
    bool MustChangePassword, Guid SecurityStamp, string Language, bool IsDisabled);

internal static class SessionUserSql
{
    /// <summary>Columns aliased to <see cref="SessionUserRow"/>.</summary>
    public const string Select = """
        SELECT u.id AS Id, u.user_name AS UserName, u.display_name AS DisplayName, u.unit_id AS UnitId,
               unit_name(un.name_zh, un.name_en) AS UnitName, u.roles AS Roles, u.must_change_password AS MustChangePassword,
               u.security_stamp AS SecurityStamp, u.language AS Language, u.is_disabled AS IsDisabled,
               u.password_hash AS PasswordHash, u.failed_sign_ins AS FailedSignIns, u.locked_until AS LockedUntil
        FROM users u JOIN units un ON un.id = u.unit_id
        """;
}

internal sealed record SessionUserRow(
    Guid Id, string UserName, string DisplayName, Guid UnitId, string UnitName, string[] Roles, bool MustChangePassword,
    Guid SecurityStamp, string Language, bool IsDisabled, string PasswordHash, int FailedSignIns, DateTimeOffset? LockedUntil)
{
    public SessionUser ToSessionUser() => new(Id, UserName, DisplayName, UnitId, UnitName,
        Roles.Select(r => Enum.Parse<Role>(r)).ToList(), MustChangePassword, SecurityStamp, Language, IsDisabled);
}
