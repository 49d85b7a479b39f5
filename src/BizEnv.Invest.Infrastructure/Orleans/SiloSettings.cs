using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace BizEnv.Invest.Infrastructure.Orleans;

/// <summary>
/// The silo's settings (configuration section <c>Orleans</c>): cluster and service ids, where it listens
/// and the membership timings. A port of 0 (or none) is replaced by a free one when the process starts,
/// so any number of app processes run side by side on one machine without configuration.
/// </summary>
public sealed class SiloSettings
{
    public const string Section = "Orleans";
    public const string DefaultId = "bizenv-invest";

    /// <summary>Silos with the same ClusterId on one database form one cluster.</summary>
    public string ClusterId { get; set; } = DefaultId;

    /// <summary>Keys grain state and reminders; keep it across deployments.</summary>
    public string ServiceId { get; set; } = DefaultId;

    /// <summary>Silo-to-silo port; 0 = a free port picked at start.</summary>
    public int SiloPort { get; set; }

    /// <summary>Client gateway port; 0 = a free port picked at start.</summary>
    public int GatewayPort { get; set; }

    /// <summary>The address other silos reach this one at (and the one it listens on).</summary>
    public string AdvertisedIP { get; set; } = "127.0.0.1";

    public MembershipTimings Membership { get; set; } = new();

    public IPAddress Address => IPAddress.Parse(AdvertisedIP);

    /// <summary>
    /// Binds the section and replaces unset ports with free ones on the advertised address — never
    /// one of the HTTP ports this process is told to serve (Kestrel binds those only after the silo
    /// has started, so a port just released by whoever chose the HTTP port looks free here).
    /// </summary>
    public static SiloSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<SiloSettings>() ?? new SiloSettings();
        var taken = HttpPorts(configuration["urls"]).ToHashSet();
        if (settings.GatewayPort != 0)
            taken.Add(settings.GatewayPort);
        if (settings.SiloPort == 0)
            settings.SiloPort = FreePort(settings.Address, taken);
        taken.Add(settings.SiloPort);
        if (settings.GatewayPort == 0)
            settings.GatewayPort = FreePort(settings.Address, taken);
        return settings;
    }

    /// <summary>The ports of "http://127.0.0.1:5080;http://[::1]:5081" (ASPNETCORE_URLS or --urls).</summary>
    public static IEnumerable<int> HttpPorts(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => Uri.TryCreate(u.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Port : -1)
            .Where(p => p > 0);

    // The port is released before the silo binds it: another process could take it in between. The
    // silo then fails to start, exits non-zero and its supervisor starts it again with a new pick.
    private static int FreePort(IPAddress address, IReadOnlySet<int> taken) => PickPort(taken, () =>
    {
        var listener = new TcpListener(address, 0);
        listener.Start();
        return (((IPEndPoint)listener.LocalEndpoint).Port, listener);
    });

    /// <summary>
    /// The first probed port not in <paramref name="taken"/>. Every probe stays bound until the pick is
    /// made, so a refused port cannot be handed out again by the next probe.
    /// </summary>
    public static int PickPort(IReadOnlySet<int> taken, Func<(int Port, IDisposable Hold)> probe)
    {
        var held = new List<IDisposable>();
        try
        {
            while (true)
            {
                var (port, hold) = probe();
                held.Add(hold);
                if (!taken.Contains(port) || held.Count > 20)
                    return port;
            }
        }
        finally
        {
            foreach (var hold in held)
                hold.Dispose();
        }
    }
}

/// <summary>
/// How fast a silo that stops answering is declared dead (all in seconds). Chosen so that a killed
/// process is evicted, and its reminders taken over, within 10 s on one machine; see README
/// "Membership timings" for the measurements.
/// </summary>
public sealed class MembershipTimings
{
    /// <summary>Initial timeout of a liveness probe (Orleans adapts it between half and four times this).</summary>
    public double ProbeTimeout { get; set; } = 2;

    /// <summary>Missed probes in a row before a silo votes its peer dead.</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>Votes needed to declare a silo dead (Orleans needs fewer when fewer silos are active).</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How often a silo writes its heartbeat into the membership table (the admin page shows it).</summary>
    public double IAmAliveTablePublishTimeout { get; set; } = 5;

    /// <summary>How often a silo re-reads the membership table, besides the gossip it receives.</summary>
    public double TableRefreshTimeout { get; set; } = 5;

    /// <summary>How long a vote counts: longer than one detection (probes × timeout), short enough to forget a hiccup.</summary>
    public double DeathVoteExpirationTimeout { get; set; } = 30;
}
