using BizEnv.Invest.Testing;
using Dapper;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace BizEnv.Invest.E2E;

/// <summary>
/// Two app processes on one database — one cluster of two silos. Either may lapse; the browser
/// talks to the second, which does not.
/// </summary>
public sealed class TwoApps : IAsyncLifetime
{
    private TestDatabase? _database;

    public AppProcess Lapsing { get; private set; } = default!;
    public AppProcess Serving { get; private set; } = default!;

    public string Output => $"--- first node ---\n{Lapsing?.Output}\n--- serving node ---\n{Serving?.Output}";

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync("e2e_two");
        Lapsing = await AppProcess.StartAsync(_database);
        Serving = await AppProcess.StartAsync(_database, demo: false);
    }

    /// <summary>
    /// A promise of the demo officer, made in 2025, that fell due yesterday (Beijing), written as an import
    /// writes one: the row, and its place in the re-arming queue from which its grain takes it over.
    /// </summary>
    public async Task<Guid> DuePromise(string clause)
    {
        await using var cn = new NpgsqlConnection(_database!.AppConnectionString);
        var id = Guid.NewGuid();
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8).Date).AddDays(-1);
        await cn.ExecuteAsync("""
            INSERT INTO commitments (id, project_id, investor_id, unit_id, kind, clause, value_cny, made_on, due_date, lapse_at, promiser_id, promiser_name, status, created_at, updated_at)
            SELECT @id, p.id, p.investor_id, p.unit_id, 'Subsidy', @clause, 3000000, date '2025-03-01', @yesterday, now() - interval '1 minute', u.id, u.display_name, 'Open', now(), now()
            FROM projects p, users u WHERE u.user_name = 'officer' ORDER BY p.created_at LIMIT 1;
            INSERT INTO deadline_rearm (commitment_id, queued_at) VALUES (@id, now());
            """, new { id, clause, yesterday });
        return id;
    }

    public async Task DisposeAsync()
    {
        if (Serving is not null)
            await Serving.DisposeAsync();
        if (Lapsing is not null)
            await Lapsing.DisposeAsync();
        if (_database is not null)
            await TestPostgres.ExecAsync(TestPostgres.Superuser, $"DROP DATABASE IF EXISTS {_database.Name} WITH (FORCE)");
    }
}

/// <summary>A lapse on one process reaches the integrity page served by the other, already open, without a reload: pushed through the cluster.</summary>
public sealed class TwoNodeAlertJourneyTests(TwoApps apps, BrowserFixture browser) : IClassFixture<TwoApps>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_lapse_on_one_node_reaches_the_integrity_page_served_by_the_other()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = apps.Serving.BaseUrl, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        try
        {
            const string clause = "跨节点推送演练：投产后给予一次性奖励 80 万元";
            await page.SignInAsync("integrity");
            await page.LiveAsync();
            await page.FollowAsync(page.Nav().Filter(new() { HasText = "诚信监督" }), "/integrity$");
            await Expect(page.GetByTestId("breach-alert").Filter(new() { HasText = clause })).ToHaveCountAsync(0);
            await page.EvaluateAsync("() => window.__sameDocument = true");

            await apps.DuePromise(clause); // a node's grain lapses it within a second or two

            var alert = page.GetByTestId("breach-alert").Filter(new() { HasText = clause });
            await Expect(alert).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Expect(alert).ToHaveAttributeAsync("data-fresh", "true");
            (await page.EvaluateAsync<bool>("() => window.__sameDocument === true")).ShouldBeTrue("the alert must arrive without a reload");
            await page.ScreenshotAsync("two-nodes-live-alert");
        }
        catch
        {
            await page.ScreenshotAsync("FAILED-two-nodes");
            await File.WriteAllTextAsync(Path.Combine(Browser.ScreenshotDir, "FAILED-two-nodes.log"), $"{page.Url}\n\n{apps.Output}");
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
