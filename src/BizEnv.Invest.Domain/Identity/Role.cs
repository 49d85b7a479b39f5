namespace BizEnv.Invest.Domain.Identity;

/// <summary>The five roles of DOMAIN.md. Stored by name; never renumber.</summary>
public enum Role
{
    PromotionOfficer,
    ParkManager,
    IntegrityOfficer,
    Leader,
    Admin,
}

public static class Roles
{
    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    public static bool TryParse(string? value, out Role role) =>
        Enum.TryParse(value, ignoreCase: false, out role) && Enum.IsDefined(role);
}
