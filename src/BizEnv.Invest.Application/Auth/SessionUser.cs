using BizEnv.Invest.Application.Common.Mapping;
using BizEnv.Invest.Domain.Identity;

namespace BizEnv.Invest.Application.Auth;

/// <summary>
/// What the sign-in cookie carries about a user, and what revalidation compares against. The unit's name is
/// carried in both languages: the reader may switch language without signing in again.
/// </summary>
public sealed record SessionUser(
    Guid Id, string UserName, string DisplayName, Guid UnitId, string UnitNameZh, string UnitNameEn, IReadOnlyList<Role> Roles,
    bool MustChangePassword, Guid SecurityStamp, string Language, bool IsDisabled)
{
    public string UnitName => Localization.Text.IsEnglishNow ? UnitNameEn : UnitNameZh;
}

internal static class SessionUserSql
{
    /// <summary>Columns aliased to <see cref="SessionUserRow"/>.</summary>
    public const string Select = """
        SELECT u.id AS Id, u.user_name AS UserName, u.display_name AS DisplayName, u.unit_id AS UnitId,
               un.name_zh AS UnitNameZh, un.name_en AS UnitNameEn, u.roles AS Roles, u.must_change_password AS MustChangePassword,
               u.security_stamp AS SecurityStamp, u.language AS Language, u.is_disabled AS IsDisabled,
               u.password_hash AS PasswordHash, u.failed_sign_ins AS FailedSignIns, u.locked_until AS LockedUntil
        FROM users u JOIN units un ON un.id = u.unit_id
        """;
}

internal sealed record SessionUserRow(
    Guid Id, string UserName, string DisplayName, Guid UnitId, string UnitNameZh, string UnitNameEn, string[] Roles, bool MustChangePassword,
    Guid SecurityStamp, string Language, bool IsDisabled, string PasswordHash, int FailedSignIns, DateTimeOffset? LockedUntil)
{
    public SessionUser ToSessionUser() => this.To<SessionUser>();
}
