namespace BizEnv.Invest.Web.Auth;

/// <summary>Idle timeout 30 minutes (sliding cookie), absolute 8 hours from sign-in whatever the activity.</summary>
public static class SessionPolicy
{
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(8);

    /// <summary>How often a live Blazor circuit re-reads the user (disabled? roles changed? session too old?).</summary>
    public static readonly TimeSpan CircuitRevalidation = TimeSpan.FromMinutes(1);
}
