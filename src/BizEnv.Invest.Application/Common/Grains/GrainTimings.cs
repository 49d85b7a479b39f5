using Microsoft.Extensions.Configuration;

namespace BizEnv.Invest.Application.Common.Grains;

/// <summary>
/// The timer settings of the live objects (configuration section Grains):
/// <list type="bullet">
/// <item>RetrySeconds (60): a reminder's period — a tick that failed comes again after it;</item>
/// <item>LongestWaitHours (24): a promise's timer wakes at least this often even when its next deadline is further
///   off, and re-reads the calendar (an edit never leaves a warning unsent for long);</item>
/// <item>HoldTimeoutSeconds (60): how long a zone keeps a promise's unconfirmed hold before asking the promise.</item>
/// </list>
/// </summary>
public sealed record GrainTimings(TimeSpan Retry, TimeSpan LongestWait, TimeSpan HoldTimeout)
{
    public static GrainTimings From(IConfiguration configuration) => new(
        TimeSpan.FromSeconds(configuration.GetValue("Grains:RetrySeconds", 60.0)),
        TimeSpan.FromHours(configuration.GetValue("Grains:LongestWaitHours", 24.0)),
        TimeSpan.FromSeconds(configuration.GetValue("Grains:HoldTimeoutSeconds", 60.0)));
}
