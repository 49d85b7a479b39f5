using System.Globalization;
using System.Text.Json;

namespace BizEnv.Invest.Witness;

/// <summary>
/// What a witness is told: a JSON file (--config) and/or switches, the switches winning. The log's key is pinned here
/// (its origin and public key PEM, handed over out of band) — never taken from the log itself, which is what is checked.
/// </summary>
public sealed class WitnessOptions
{
    public string? LogUrl { get; set; }
    public string? Name { get; set; }
    public string? KeyFile { get; set; }
    public string? LogOrigin { get; set; }
    public string? LogKeyFile { get; set; }
    public string? LogSm2UserId { get; set; }
    public string? StateFile { get; set; }
    public double IntervalSeconds { get; set; } = 60;
    public bool Once { get; set; }
    public bool PrintKey { get; set; }

    public const string Usage = """
        BizEnv.Invest.Witness — cosigns the promise ledger's checkpoints after checking they only extend what it cosigned before.

          --config <file.json>     options as JSON (logUrl, name, keyFile, logOrigin, logKeyFile, logSm2UserId, stateFile, intervalSeconds)
          --log-url <url>          the app's base URL, e.g. http://127.0.0.1:5080
          --name <name>            this witness's name (as registered in the app; no spaces or '+')
          --key-file <file>        this witness's Ed25519 private key (PKCS#8 PEM); made on first run if missing
          --log-origin <name>      the log's note name, pinned (Ledger:Origin, e.g. haichuan.invest/ledger)
          --log-key-file <file>    the log's public key PEM, pinned (as GET /api/v1/ledger/keys shows it; compare its key id out of band)
          --log-sm2-user-id <id>   the SM2 user id of an SM2 log key (default 1234567812345678)
          --state-file <file>      the last checkpoint this witness cosigned
          --once                   one round, then exit: 0 cosigned (or nothing new), 3 refused, 1 error
          --interval <seconds>     seconds between rounds when not --once (default 60)
          --print-key              make the key if missing, print its public key (base64) and exit
        """;

    /// <summary>The options, or an error message.</summary>
    public static (WitnessOptions? Options, string? Error) Parse(string[] args)
    {
        var options = new WitnessOptions();
        var config = Array.IndexOf(args, "--config");
        if (config >= 0)
        {
            if (config + 1 >= args.Length || !File.Exists(args[config + 1]))
                return (null, "--config needs an existing JSON file.");
            options = JsonSerializer.Deserialize<WitnessOptions>(File.ReadAllText(args[config + 1]), JsonSerializerOptions.Web) ?? options;
        }
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            try
            {
                switch (args[i])
                {
                    case "--config": Next(); break;
                    case "--log-url": options.LogUrl = Next(); break;
                    case "--name": options.Name = Next(); break;
                    case "--key-file": options.KeyFile = Next(); break;
                    case "--log-origin": options.LogOrigin = Next(); break;
                    case "--log-key-file": options.LogKeyFile = Next(); break;
                    case "--log-sm2-user-id": options.LogSm2UserId = Next(); break;
                    case "--state-file": options.StateFile = Next(); break;
                    case "--interval": options.IntervalSeconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--once": options.Once = true; break;
                    case "--print-key": options.PrintKey = true; break;
                    default: return (null, $"Unknown option {args[i]}.");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException) { return (null, ex.Message); }
        }
        if (string.IsNullOrWhiteSpace(options.Name) || options.Name.Any(c => char.IsWhiteSpace(c) || c == '+'))
            return (null, "--name is required (no spaces or '+').");
        if (string.IsNullOrWhiteSpace(options.KeyFile))
            return (null, "--key-file is required.");
        if (options.PrintKey)
            return (options, null);
        if (string.IsNullOrWhiteSpace(options.LogUrl) || string.IsNullOrWhiteSpace(options.LogOrigin) || string.IsNullOrWhiteSpace(options.LogKeyFile)
            || string.IsNullOrWhiteSpace(options.StateFile))
            return (null, "--log-url, --log-origin, --log-key-file and --state-file are required.");
        if (options.IntervalSeconds <= 0)
            return (null, "--interval must be positive.");
        return (options, null);
    }
}
