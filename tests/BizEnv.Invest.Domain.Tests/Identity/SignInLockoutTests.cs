using BizEnv.Invest.Domain.Identity;

namespace BizEnv.Invest.Domain.Tests.Identity;

public sealed class SignInLockoutTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Four_failures_do_not_lock()
    {
        var failures = 0;
        DateTimeOffset? locked = null;
        for (var i = 0; i < 4; i++)
            (failures, locked) = SignInLockout.AfterFailure(failures, Now);
        failures.ShouldBe(4);
        locked.ShouldBeNull();
    }

    [Fact]
    public void The_fifth_failure_locks_for_thirty_minutes()
    {
        var (failures, locked) = SignInLockout.AfterFailure(4, Now);
        failures.ShouldBe(0);
        locked.ShouldBe(Now.AddMinutes(30));
        SignInLockout.IsLocked(locked, Now.AddMinutes(29)).ShouldBeTrue();
        SignInLockout.IsLocked(locked, Now.AddMinutes(30)).ShouldBeFalse();
    }
}
