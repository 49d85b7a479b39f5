namespace BizEnv.Invest.Testing;

/// <summary>A clock tests move by hand (TimeProvider.Testing is not available here).</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    private readonly Lock _lock = new();

    public FakeClock() : this(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
            return _now;
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
            _now += by;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
