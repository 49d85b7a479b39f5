using System.Globalization;
using System.Security.Claims;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Auth;
using BizEnv.Invest.Domain.Identity;

namespace BizEnv.Invest.Web.Auth;

/// <summary>The sign-in cookie's claims, and the <see cref="Actor"/> every request is sent as.</summary>
public static class InvestClaims
{
    public const string DisplayName = "invest:display_name";
    public const string UnitId = "invest:unit_id";
    public const string UnitName = "invest:unit_name";
    public const string UnitNameEn = "invest:unit_name_en";
    public const string SecurityStamp = "invest:security_stamp";
    public const string MustChangePassword = "invest:must_change_password";
    public const string Language = "invest:language";
    public const string SignedInAt = "invest:signed_in_at";

    public static ClaimsPrincipal ToPrincipal(SessionUser user, DateTimeOffset signedInAt, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName),
            new(DisplayName, user.DisplayName),
            new(UnitId, user.UnitId.ToString()),
            new(UnitName, user.UnitNameZh),
            new(UnitNameEn, user.UnitNameEn),
            new(SecurityStamp, user.SecurityStamp.ToString()),
            new(MustChangePassword, user.MustChangePassword ? "1" : "0"),
            new(Language, user.Language),
            new(SignedInAt, signedInAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static Actor ToActor(this ClaimsPrincipal principal, string? clientIp)
    {
        if (principal.Identity?.IsAuthenticated != true || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
            return Actor.Anonymous(clientIp);
        var roles = principal.FindAll(ClaimTypes.Role)
            .Select(c => Roles.TryParse(c.Value, out var r) ? (Role?)r : null)
            .OfType<Role>()
            .ToHashSet();
        Guid? unit = Guid.TryParse(principal.FindFirstValue(UnitId), out var u) ? u : null;
        return new Actor(id, principal.Identity.Name ?? "", unit, roles, clientIp);
    }

    public static DateTimeOffset? SignedInAtOf(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(SignedInAt), CultureInfo.InvariantCulture, out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    public static bool MustChange(ClaimsPrincipal principal) => principal.FindFirstValue(MustChangePassword) == "1";

    public static string? ClientIp(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
