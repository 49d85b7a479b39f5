using System.Text.Json;
using System.Text.Json.Nodes;
using BizEnv.Invest.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BizEnv.Invest.Web.Tests;

/// <summary>The whole web app in memory over its own real database (demo accounts loaded), with a clock tests can move.</summary>
public class InvestWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase _database = default!;

    public FakeClock Clock { get; } = new();

    /// <summary>The factory's own database, for tests that look at what was (not) written.</summary>
    public TestDatabase Database => _database;

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync("web");

    /// <summary>How the app reaches its database (a fault-injecting relay in some tests).</summary>
    protected virtual string AppConnection(TestDatabase database) => database.AppConnectionString;

    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Invest", AppConnection(_database));
        builder.UseSetting("ConnectionStrings:InvestOwner", _database.OwnerConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
        Configure(builder);
    }

    public ApiClient NewClient() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<ApiClient> SignedInAs(string userName, string password = "Invest@2026")
    {
        var client = NewClient();
        var response = await client.SignIn(userName, password);
        response.EnsureSuccessStatusCode();
        return client;
    }

    private OpenApiDocument? _openApi;

    public async Task<OpenApiDocument> OpenApi() => _openApi ??= await OpenApiDocument.LoadAsync(CreateClient());

    /// <summary>
    /// A body for the operation behind a route template: every required property of its schema, well typed,
    /// plain text as <paramref name="text"/>, with <paramref name="overlay"/>'s values on top. Null when it takes no JSON body.
    /// </summary>
    public async Task<JsonNode?> SampleBody(string method, string template, string text, object? overlay = null)
    {
        var doc = await OpenApi();
        var path = System.Text.RegularExpressions.Regex.Replace(template, ":[a-z]+}", "}").TrimEnd('/');
        var op = doc.Operations().FirstOrDefault(o => o.Method == method && o.Path.TrimEnd('/') == path);
        if (op?.BodySchema is null || op.BodyContentType != "application/json")
            return overlay is null ? null : JsonSerializer.SerializeToNode(overlay, JsonSerializerOptions.Web);
        var body = doc.Sample(op.BodySchema, text, optional: false);
        if (overlay is not null && body is JsonObject target && JsonSerializer.SerializeToNode(overlay, JsonSerializerOptions.Web) is JsonObject values)
            foreach (var (name, value) in values)
                target[name] = value?.DeepClone();
        return body;
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    /// <summary>Reads the database directly (as the app's role), past the API and past any relay.</summary>
    public async Task<IReadOnlyList<T>> Query<T>(string sql, object? args = null)
    {
        await using var cn = new Npgsql.NpgsqlConnection(_database.AppConnectionString);
        return (await Dapper.SqlMapper.QueryAsync<T>(cn, sql, args)).ToList();
    }
}
