using BizEnv.Invest.Infrastructure.Orleans;

namespace BizEnv.Invest.Application.Tests.Cluster;

/// <summary>The silo's own ports never take the HTTP port the process was told to serve (Kestrel binds it later).</summary>
public sealed class SiloPortTests
{
    [Fact]
    public void A_probed_port_that_is_taken_is_refused_and_held_while_probing_on()
    {
        var ports = new Queue<int>([5080, 5080, 6001]);
        var holds = new List<Hold>();
        var picked = SiloSettings.PickPort(new HashSet<int> { 5080 }, () =>
        {
            // Every earlier probe is still bound while the next one runs, so it cannot be handed out again.
            holds.ShouldAllBe(h => !h.Released);
            var hold = new Hold();
            holds.Add(hold);
            return (ports.Dequeue(), hold);
        });
        picked.ShouldBe(6001);
        holds.Count.ShouldBe(3);
        holds.ShouldAllBe(h => h.Released, "every probe is released once the pick is made");
    }

    private sealed class Hold : IDisposable
    {
        public bool Released { get; private set; }

        public void Dispose() => Released = true;
    }

    [Fact]
    public void Http_ports_are_read_from_every_url_form() =>
        SiloSettings.HttpPorts("http://127.0.0.1:5080; http://*:5081;https://+:5443;http://[::1]:5082").ShouldBe([5080, 5081, 5443, 5082]);
}
