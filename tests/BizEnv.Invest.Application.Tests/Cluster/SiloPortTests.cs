using BizEnv.Invest.Infrastructure.Orleans;
using Microsoft.Extensions.Configuration;

namespace BizEnv.Invest.Application.Tests.Cluster;

/// <summary>The silo's own ports never take the HTTP port the process was told to serve (Kestrel binds it later).</summary>
public sealed class SiloPortTests
{
    [Fact]
    public void Free_silo_and_gateway_ports_avoid_the_http_ports_and_each_other()
    {
        for (var i = 0; i < 50; i++)
        {
            // The port a supervisor just picked for HTTP and released: the next free pick would often be it.
            int http;
            using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
            {
                probe.Start();
                http = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            }
            var settings = SiloSettings.From(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = $"http://127.0.0.1:{http};http://127.0.0.1:1" }).Build());
            new[] { settings.SiloPort, settings.GatewayPort }.ShouldNotContain(http);
            settings.SiloPort.ShouldNotBe(settings.GatewayPort);
        }
    }

    [Fact]
    public void Http_ports_are_read_from_every_url_form() =>
        SiloSettings.HttpPorts("http://127.0.0.1:5080; http://*:5081;https://+:5443;http://[::1]:5082").ShouldBe([5080, 5081, 5443, 5082]);
}
