using BizEnv.Invest.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BizEnv.Invest.Web.Tests;

/// <summary>The whole web app in memory over its own real database (demo accounts loaded), with a clock tests can move.</summary>
public sealed class InvestWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase _database = default!;

    public FakeClock Clock { get; } = new();

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync("web");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Invest", _database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:InvestOwner", _database.OwnerConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public ApiClient NewClient() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<ApiClient> SignedInAs(string userName, string password = "Invest@2026")
    {
        var client = NewClient();
        var response = await client.SignIn(userName, password);
        response.EnsureSuccessStatusCode();
        return client;
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
