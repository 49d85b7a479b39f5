using BizEnv.Invest.Infrastructure.Database;
using BizEnv.Invest.Web.Hosting;

// Our own switches are not configuration keys: keep them out of the command-line provider.
string[] switches = ["--demo", "--migrate-only", "--verify-ledger"];
var builder = WebApplication.CreateBuilder(args.Where(a => !switches.Contains(a)).ToArray());
// Started from a build output (./run.sh) rather than a publish folder: serve the static assets
// (wwwroot, npm-restored libraries) where the build manifest says they are.
if (File.Exists(Path.Combine(AppContext.BaseDirectory, $"{builder.Environment.ApplicationName}.staticwebassets.runtime.json")))
    builder.WebHost.UseStaticWebAssets();
builder.AddInvestWeb();
var app = builder.Build();

// Migrate (as the schema owner, when configured) and load the calendar before serving;
// demo data only with --demo or Demo__Seed=true.
var seedDemo = args.Contains("--demo") || app.Configuration.GetValue<bool>("Demo:Seed");
app.Configuration["Demo:Seed"] = seedDemo.ToString(); // the demo's grain work follows at start (Seeding.DemoGrainWork)
await app.Services.GetRequiredService<DatabaseStartup>().RunAsync(seedDemo);
if (args.Contains("--migrate-only"))
    return;
if (args.Contains("--verify-ledger"))
{
    // Command-line verifier: exit code 0 when the chain, the Merkle tree and the latest checkpoint agree, 2 when not.
    var result = await app.Services.GetRequiredService<BizEnv.Invest.Application.Commitments.Ledger.LedgerVerifier>().VerifyAsync();
    var tree = $"Merkle tree {result.TreeSize} entries, root {Convert.ToHexStringLower(result.TreeRoot ?? [])}; latest checkpoint's signature: {result.Seal ?? "none"}";
    Console.WriteLine(result.Intact
        ? $"Ledger intact: {result.Entries} entries, head {Convert.ToHexStringLower(result.HeadHash)}; {tree}"
        : $"Ledger BROKEN{(result.FirstBrokenSeq is { } seq ? $" at entry {seq}" : "")}: {result.Problem}; {tree}");
    Environment.ExitCode = result.Intact ? 0 : 2;
    return;
}

app.UseInvestPipeline();
app.Run();

/// <summary>Visible to WebApplicationFactory in the web tests.</summary>
public partial class Program;
