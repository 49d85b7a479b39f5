namespace BizEnv.Invest.Domain.Identity;

/// <summary>Five wrong passwords in a row lock the account for thirty minutes.</summary>
public static class SignInLockout
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(30);

    public static bool IsLocked(DateTimeOffset? lockedUntil, DateTimeOffset now) =>
        lockedUntil is { } until && until > now;

    /// <summary>After one more failure: the new failure count and, when it reaches the limit, the lock end.</summary>
    public static (int Failures, DateTimeOffset? LockedUntil) AfterFailure(int failuresSoFar, DateTimeOffset now)
    {
        var failures = failuresSoFar + 1;
        return failures >= MaxFailures ? (0, now + Duration) : (failures, null);
    }
}
