using BizEnv.Invest.Domain.Identity;

namespace BizEnv.Invest.Application.Abstractions;

/// <summary>Who is asking: the signed-in user (or nobody) and where the request came from.</summary>
public sealed record Actor(Guid? UserId, string UserName, Guid? UnitId, IReadOnlySet<Role> Roles, string? ClientIp)
{
    public static Actor Anonymous(string? clientIp) => new(null, "", null, new HashSet<Role>(), clientIp);

    /// <summary>Background services act as the system itself (deadline ticks, seeding).</summary>
    public static Actor System { get; } = new(null, "system", null, new HashSet<Role>(), null);

    public bool IsAuthenticated => UserId is not null;

    public bool IsInAnyRole(IEnumerable<Role> roles) => roles.Any(Roles.Contains);

    public string RolesText => string.Join(",", Roles.Order());
}
