using BizEnv.Invest.Infrastructure.Database;
using BizEnv.Invest.Web.Hosting;

// Our own switches are not configuration keys: keep them (and the ledger commands' numbers) out of the command-line provider.
string[] switches = ["--demo", "--migrate-only"];
var builder = WebApplication.CreateBuilder(LedgerCommandLine.WithoutCommands(args).Where(a => !switches.Contains(a)).ToArray());
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
if (await LedgerCommandLine.RunAsync(app.Services, args) is { } exitCode)
{
    // --verify-ledger, --prove-entry SEQ CHECKPOINT, --prove-consistency OLD NEW: run on the server's database, then exit.
    Environment.ExitCode = exitCode;
    return;
}

app.UseInvestPipeline();
app.Run();

/// <summary>Visible to WebApplicationFactory in the web tests.</summary>
public partial class Program;
