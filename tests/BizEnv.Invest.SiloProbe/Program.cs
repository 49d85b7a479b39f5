using BizEnv.Invest.Application;
using BizEnv.Invest.Infrastructure;
using BizEnv.Invest.Infrastructure.Background;
using BizEnv.Invest.Infrastructure.Database;
using BizEnv.Invest.Infrastructure.Orleans;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A node as the app runs one, minus the web server: its silo (the app's configuration, the app's
// grains, plus the probe grain) and the services beside it, over ConnectionStrings__Invest. Prints
// "silo-port N" once the silo has started, then runs until stopped (or killed).
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var connection = builder.Configuration.GetConnectionString("Invest")!;
builder.Services.AddInfrastructure(new DatabaseOptions { AppConnectionString = connection });
builder.Services.AddApplication();
builder.Services.AddSingleton(TimeProvider.System);
var settings = builder.AddInvestSilo();
builder.Services.AddClusterServices();
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine($"silo-port {settings.SiloPort}");
await host.WaitForShutdownAsync();
