using BizEnv.Invest.Testing;
using Dapper;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace BizEnv.Invest.E2E;

/// <summary>An app process of its own whose database connections pass through a relay the journey can cut.</summary>
public sealed class RelayedApp : IAsyncLifetime
{
    private TestDatabase? _database;
    private AppProcess? _app;

    public PgProxy Relay { get; private set; } = default!;

    public string BaseUrl => _app?.BaseUrl ?? throw new InvalidOperationException("the app is not started");

    public string Output => _app?.Output ?? "";

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync("e2e_down");
        Relay = PgProxy.For(_database.AppConnectionString);
        _app = await AppProcess.StartAsync(_database with { AppConnectionString = Relay.Route(_database.AppConnectionString) });
    }

    public async Task<long> Count(string sql, object? args = null)
    {
        await using var cn = new NpgsqlConnection(_database!.AppConnectionString);
        return await cn.ExecuteScalarAsync<long>(sql, args);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        await Relay.DisposeAsync();
        if (_database is not null)
            await TestPostgres.ExecAsync(TestPostgres.Superuser, $"DROP DATABASE IF EXISTS {_database.Name} WITH (FORCE)");
    }
}

/// <summary>
/// Pages tell a database outage as it is — nothing was saved — instead of breaking the page, and
/// carry on when it is back: the form is kept and saving again works, in the same circuit.
/// </summary>
public sealed class DatabaseDownJourneyTests(RelayedApp app, BrowserFixture browser) : IClassFixture<RelayedApp>, IClassFixture<BrowserFixture>
{
    private const string NothingSaved = "本次操作未保存任何内容";

    private async Task JourneyAsync(string name, Func<IPage, Task> journey)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        try
        {
            await journey(page);
        }
        catch
        {
            await page.ScreenshotAsync($"FAILED-{name}");
            await File.WriteAllTextAsync(Path.Combine(Browser.ScreenshotDir, $"FAILED-{name}.log"), $"{page.Url}\n\n{app.Output}");
            throw;
        }
        finally
        {
            app.Relay.Restore();
            await context.CloseAsync();
        }
    }

    [Fact]
    public Task A_form_saved_while_the_database_is_down_says_nothing_was_saved_keeps_its_input_and_saves_once_it_is_back() =>
        JourneyAsync("db-down-form", async page =>
        {
            await page.SignInAsync("officer");
            await page.OpenAsync("/trips");
            await page.LiveAsync();
            await page.GetByTestId("new-trip").ClickUntilVisibleAsync(page.Locator("#t-dest"));
            await page.Locator("#t-dest").FillAsync("停库演练-深圳");
            await page.Locator("#t-departed").FillAsync("2026-11-02");
            await page.Locator("#t-returned").FillAsync("2026-11-04");
            await page.Locator("#t-leader").FillAsync("周海涛");
            await page.Locator("#t-firms").FillAsync("比亚迪");

            app.Relay.Sever();
            await page.GetByTestId("save-trip").ClickAsync();

            await Expect(page.ErrorAlert()).ToContainTextAsync(NothingSaved);
            await Expect(page.Locator("#t-dest")).ToHaveValueAsync("停库演练-深圳"); // the form is kept
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            await page.ScreenshotAsync("db-down-1-form-nothing-saved");
            (await app.Count("SELECT count(*) FROM trips WHERE destination = '停库演练-深圳'")).ShouldBe(0);

            app.Relay.Restore();
            await page.GetByTestId("save-trip").ClickAsync();

            await Expect(page.GetByTestId("trips-table")).ToContainTextAsync("停库演练-深圳");
            await Expect(page.ErrorAlert()).ToBeHiddenAsync();
            (await app.Count("SELECT count(*) FROM trips WHERE destination = '停库演练-深圳'")).ShouldBe(1);
        });

    [Fact]
    public Task A_page_that_cannot_load_while_the_database_is_down_says_so_and_the_next_page_works_once_it_is_back() =>
        JourneyAsync("db-down-page", async page =>
        {
            await page.SignInAsync("admin");
            await page.LiveAsync();
            await page.FollowAsync(page.Nav().Filter(new() { HasText = "单位/处室" }), "/admin/units$");

            app.Relay.Sever();
            await page.FollowAsync(page.Nav().Filter(new() { HasText = "首页" }), "/$"); // the admin home loads its figures

            await Expect(page.ErrorAlert()).ToContainTextAsync(NothingSaved);
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync(); // the circuit lives on
            await page.ScreenshotAsync("db-down-2-page-cannot-load");

            app.Relay.Restore();
            await page.FollowAsync(page.Nav().Filter(new() { HasText = "单位/处室" }), "/admin/units$");
            await Expect(page.Locator("main h1")).ToBeVisibleAsync();
            await Expect(page.ErrorAlert()).ToBeHiddenAsync();
        });
}
