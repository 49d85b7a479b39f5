using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BizEnv.Invest.Reliability;

/// <summary>
/// One app process (`dotnet BizEnv.Invest.Web.dll`) on a fixed loopback port, restarted on the same
/// port after a kill so the writers' addresses stay valid. Its output goes to a log file; a kill is
/// SIGKILL (Process.Kill on Linux), i.e. kill -9: no shutdown hooks, no graceful drain.
/// </summary>
public sealed class Node(string name, Options options, Action pidsChanged) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly int _port = FreePort();
    private Process? _process;
    private StreamWriter? _log;
    private Dictionary<string, string> _settings = [];

    public string Name { get; } = name;
    public Uri BaseUri => new($"http://127.0.0.1:{_port}/");
    public int? Pid { get { lock (_lock) return _process is { HasExited: false } p ? p.Id : null; } }
    public bool Running => Pid is not null;
    public string ApplicationName => "rh-" + Name;

    /// <summary>Starts the process with these app settings (environment, e.g. Grains__RetrySeconds); the database is the shared one.</summary>
    public void Start(IReadOnlyDictionary<string, string>? settings = null)
    {
        if (settings is not null)
            _settings = new Dictionary<string, string>(settings);
        lock (_lock)
        {
            if (_process is { HasExited: false })
                throw new InvalidOperationException($"{Name} is already running");
            _process?.Dispose();
            _log ??= new StreamWriter(Path.Combine(options.OutputDir, $"{Name}.log"), append: true) { AutoFlush = true };
            var webDir = Path.Combine(options.Root, "src", "BizEnv.Invest.Web");
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = webDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(options.AppDll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{_port}");
            // The schema is migrated once by run.sh; nodes run as the restricted role only, as in production.
            start.Environment.Remove("ConnectionStrings__InvestOwner");
            start.Environment["ConnectionStrings__Invest"] = options.AppConnection + $";Application Name={ApplicationName}";
            start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
            start.Environment["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Information";
            start.Environment["DOTNET_gcServer"] = "0";
            foreach (var (k, v) in _settings)
                start.Environment[k] = v;
            var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Name}");
            var log = _log;
            void Write(string? line)
            {
                if (line is null) return;
                lock (log) log.WriteLine(line);
            }
            process.OutputDataReceived += (_, e) => Write(e.Data);
            process.ErrorDataReceived += (_, e) => Write(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            lock (log) log.WriteLine($"──── {DateTime.UtcNow:O} harness: started pid {process.Id} ({string.Join(' ', _settings.Where(s => !s.Key.Contains("Key", StringComparison.Ordinal)).Select(s => $"{s.Key}={s.Value}"))})");
            _process = process;
        }
        pidsChanged();
    }

    /// <summary>kill -9. Returns the pid killed, or null when it was not running.</summary>
    public int? Kill(string why)
    {
        int pid;
        lock (_lock)
        {
            if (_process is not { HasExited: false } p)
                return null;
            pid = p.Id;
            p.Kill(entireProcessTree: true);
            p.WaitForExit(10_000);
            if (_log is { } log)
                lock (log) log.WriteLine($"──── {DateTime.UtcNow:O} harness: kill -9 pid {pid} ({why})");
        }
        pidsChanged();
        return pid;
    }

    /// <summary>Waits until /health/ready answers 200 (the database reachable), or the process dies, or the time is up.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            ct.ThrowIfCancellationRequested();
            if (!Running)
                throw new InvalidOperationException($"{Name} exited while starting (see {Name}.log)");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "health/ready"), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                    return clock.Elapsed;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:F0} s (see {Name}.log)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill("harness ends");
        lock (_lock)
        {
            _process?.Dispose();
            _process = null;
            _log?.Dispose();
            _log = null;
        }
        return ValueTask.CompletedTask;
    }
}
