using BizEnv.Invest.Infrastructure.Orleans;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A silo configured as the app's, with the probe grain, over ConnectionStrings__Invest. Prints
// "silo-port N" once the silo has started, then runs until stopped (or killed).
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var settings = builder.AddInvestSilo();
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine($"silo-port {settings.SiloPort}");
await host.WaitForShutdownAsync();
