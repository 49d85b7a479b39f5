using BizEnv.Invest.Witness;

// Exit codes: 0 cosigned (or nothing new), 1 usage, configuration or network error, 3 refused (fork, shrink, bad proof or signature).
var (options, error) = WitnessOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(WitnessOptions.Usage);
    return 1;
}
try
{
    var key = WitnessKey.LoadOrCreate(options.Name!, options.KeyFile!, Console.Error.WriteLine);
    Console.WriteLine($"Witness {key.Name}, key id {key.KeyId}, public key {key.PublicKeyBase64}");
    if (options.PrintKey)
        return 0;
    var logKey = new LogKey(options.LogOrigin!, File.ReadAllText(options.LogKeyFile!), options.LogSm2UserId);
    using var http = new HttpClient { BaseAddress = new Uri(options.LogUrl!.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
    var round = new WitnessRound(options, key, logKey, http, TimeProvider.System, Console.Out, Console.Error);
    if (options.Once)
        return await round.RunAsync(CancellationToken.None) == RoundOutcome.Cosigned ? 0 : 3;
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
    while (!stop.IsCancellationRequested)
    {
        try { await round.RunAsync(stop.Token); }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
        {
            Console.Error.WriteLine($"Round failed, retrying in {options.IntervalSeconds} s: {ex.Message}");
        }
        try { await Task.Delay(TimeSpan.FromSeconds(options.IntervalSeconds), stop.Token); }
        catch (OperationCanceledException) { }
    }
    return 0;
}
catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or InvalidDataException or UnauthorizedAccessException
    or System.Text.Json.JsonException or FormatException)
{
    Console.Error.WriteLine($"Witness error: {ex.Message}");
    return 1;
}
