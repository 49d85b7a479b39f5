using System.Diagnostics;
using BizEnv.Invest.Testing;

namespace BizEnv.Invest.Application.Tests.Cluster;

/// <summary>
/// A silo in a process of its own (tests/BizEnv.Invest.SiloProbe: the app's silo configuration plus the
/// probe grain) over a test database, so a test can kill it -9 like a crashed node.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, int siloPort)
    {
        _process = process;
        SiloPort = siloPort;
    }

    public int SiloPort { get; }

    /// <summary>"127.0.0.1:port", as in the membership table.</summary>
    public string Endpoint => $"127.0.0.1:{SiloPort}";

    public static async Task<SiloProcess> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string>? environment = null)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepoPaths.Root, "tests", "BizEnv.Invest.SiloProbe", "bin", configuration, "net10.0", "BizEnv.Invest.SiloProbe.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["ConnectionStrings__Invest"] = database.AppConnectionString;
        start.Environment["Ledger__SigningKey"] = TestSigningKey.Sm2;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the silo probe");
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("silo-port ", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return new SiloProcess(process, int.Parse(line["silo-port ".Length..]));
            }
        }
        throw new InvalidOperationException($"the silo probe exited ({(process.HasExited ? process.ExitCode : -1)}) before its silo started");
    }

    /// <summary>SIGKILL: no shutdown at all, the membership row stays Active until the cluster evicts it.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }
}
