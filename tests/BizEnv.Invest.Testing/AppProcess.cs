using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BizEnv.Invest.Testing;

/// <summary>
/// The real app as a separate process on a free loopback port, over its own cloned database with
/// the demo data: what the Chromium journeys (and multi-node tests) talk to.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, string baseUrl, TestDatabase database)
    {
        _process = process;
        BaseUrl = baseUrl;
        Database = database;
    }

    public string BaseUrl { get; }
    public TestDatabase Database { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <param name="settings">Further app settings as environment variables (e.g. <c>Grains__RetrySeconds</c>).</param>
    public static async Task<AppProcess> StartAsync(TestDatabase database, bool demo = true, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var webDir = Path.Combine(RepoPaths.Root, "src", "BizEnv.Invest.Web");
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(webDir, "bin", configuration, "net10.0", "BizEnv.Invest.Web.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: build the solution first (./test.sh does).");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = webDir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        if (demo)
            start.ArgumentList.Add("--demo");
        start.Environment["ConnectionStrings__Invest"] = database.AppConnectionString;
        start.Environment["ConnectionStrings__InvestOwner"] = database.OwnerConnectionString;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        // The re-arming queue read every half second (default 2 s): a promise written behind its grain's back is taken up within a journey's patience.
        start.Environment["Grains__RearmIntervalSeconds"] = "0.5";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the app");
        var app = new AppProcess(process, $"http://127.0.0.1:{port}", database);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitReadyAsync(timeout ?? TimeSpan.FromSeconds(60));
        return app;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited ({_process.ExitCode}):\n{Output}");
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health/ready")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The app was not ready within {timeout}:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
