using BizEnv.Invest.Domain.Ledger.Witness;
using BizEnv.Invest.Testing;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Dapper;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace BizEnv.Invest.E2E;

/// <summary>An app process over a database of its own: the receipt journey cuts the ledger short, which the shared app must never see.</summary>
public class ReceiptApp : IAsyncLifetime
{
    /// <summary>The checkpoint signature algorithm (SM2-SM3 by default, as the app's).</summary>
    public virtual string Algorithm => "SM2-SM3";

    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    private TestDatabase? _database;
    private AppProcess? _app;

    public string BaseUrl => _app?.BaseUrl ?? throw new InvalidOperationException("the app is not started");

    public string Output => _app?.Output ?? "";

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync("e2e_receipt");
        _app = await AppProcess.StartAsync(_database, settings: Settings);
    }

    public async Task<T> Scalar<T>(string sql, object? args = null)
    {
        await using var cn = new NpgsqlConnection(_database!.AppConnectionString);
        return (await cn.ExecuteScalarAsync<T>(sql, args))!;
    }

    /// <summary>As the database superuser with the append-only triggers off (replica mode): what an insider with the database can do.</summary>
    public async Task AsSuperuser(string sql, object? args = null)
    {
        await using var su = new NpgsqlConnection(_database!.SuperuserConnectionString);
        await su.ExecuteAsync("SET session_replication_role = replica;\n" + sql, args);
    }

    /// <summary>
    /// A witness of the audit bureau registered with a fresh Ed25519 key and its cosignature on the latest checkpoint, as
    /// its program would leave them (written as the superuser: the witness program's own path is tested elsewhere).
    /// </summary>
    public async Task WitnessCosignsLatestAsync(string name, string office)
    {
        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        var publicKey = key.GeneratePublicKey().GetEncoded();
        await using var cn = new NpgsqlConnection(_database!.AppConnectionString);
        var (id, note) = await cn.QuerySingleAsync<(long, string)>("SELECT id, note FROM ledger_checkpoints WHERE note IS NOT NULL ORDER BY id DESC LIMIT 1");
        var seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        var message = Cosignature.SignedMessage(CheckpointText.Parse(note)!.Body, seconds);
        signer.BlockUpdate(message, 0, message.Length);
        var line = new Cosignature(name, Cosignature.KeyHashOf(name, publicKey), seconds, signer.GenerateSignature()).Line;
        await AsSuperuser("""
            INSERT INTO ledger_witnesses (name, office, public_key, key_id, added_by, added_at)
                SELECT @name, @office, @publicKey, @keyId, id, now() FROM users WHERE user_name = 'admin';
            INSERT INTO ledger_cosignatures (checkpoint_id, witness, line, signed_at, received_at) VALUES (@id, @name, @line, now(), now());
            """, new { name, office, publicKey, keyId = Convert.ToHexStringLower(Cosignature.KeyHashOf(name, publicKey)), id, line });
    }

    /// <summary>The receipt with its cosignature lines altered: each still claims the witness's key, at another second.</summary>
    public static string WithForgedCosignature(string receipt)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(receipt)!.AsObject();
        var lines = json["cosignatures"]!.AsArray();
        for (var i = 0; i < lines.Count; i++)
        {
            var c = Cosignature.Parse(lines[i]!.GetValue<string>())!;
            lines[i] = (c with { UnixSeconds = c.UnixSeconds + 1 }).Line;
        }
        return json.ToJsonString();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        if (_database is not null)
            await TestPostgres.ExecAsync(TestPostgres.Superuser, $"DROP DATABASE IF EXISTS {_database.Name} WITH (FORCE)");
    }
}

/// <summary>The same app signing checkpoints with Ed25519 (a random per-process key): the page's noble-curves path.</summary>
public sealed class Ed25519ReceiptApp : ReceiptApp
{
    public override string Algorithm => "Ed25519";

    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string> { ["Ledger__SigningAlgorithm"] = "Ed25519" };
}

/// <summary>The receipt journey with SM2/SM3 checkpoints (the default), checked in the browser by sm-crypto.</summary>
public sealed class ReceiptJourneyTests(ReceiptApp app, BrowserFixture browser) : ReceiptJourney(app, browser), IClassFixture<ReceiptApp>, IClassFixture<BrowserFixture>;

/// <summary>The receipt journey with Ed25519 checkpoints, checked in the browser by @noble/curves.</summary>
public sealed class Ed25519ReceiptJourneyTests(Ed25519ReceiptApp app, BrowserFixture browser) : ReceiptJourney(app, browser), IClassFixture<Ed25519ReceiptApp>, IClassFixture<BrowserFixture>;

/// <summary>
/// Issue #13: an officer prints a promise entry's receipt (page and PDF), anyone verifies it on the public page without
/// signing in — and after the ledger is cut short as the superuser, the same receipt is shown to be no longer
/// consistent with the log.
/// </summary>
public abstract class ReceiptJourney(ReceiptApp app, BrowserFixture browser)
{
    private async Task<(IBrowserContext Context, IPage Page, CspViolations Csp)> OpenAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl, Locale = "zh-CN", TimezoneId = "Asia/Shanghai", AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var csp = await CspViolations.WatchAsync(context);
        return (context, await context.NewPageAsync(), csp);
    }

    [Fact]
    public async Task A_printed_receipt_verifies_on_the_public_page_and_after_the_ledger_is_truncated_is_no_longer_consistent()
    {
        var (officerContext, officer, officerCsp) = await OpenAsync();
        var (publicContext, anyone, publicCsp) = await OpenAsync();
        try
        {
            // The integrity office seals the ledger with a signed checkpoint.
            await officer.SignInAsync("integrity");
            await officer.OpenAsync("/ledger");
            await officer.LiveAsync();
            await officer.GetByTestId("create-checkpoint").ClickUntilVisibleAsync(officer.GetByTestId("checkpoint-result"));
            // The audit bureau's witness has checked and cosigned it (registered and cosigned as its program would).
            await app.WitnessCosignsLatestAsync("audit-bureau", "审计局");
            // The last promise recorded within what the checkpoint covers (entries written since wait for the next one).
            var seq = await app.Scalar<long>("""
                SELECT max(seq) FROM commitment_ledger WHERE event = 'Recorded' AND seq <= (SELECT size FROM ledger_checkpoints ORDER BY id DESC LIMIT 1)
                """);
            var promise = await app.Scalar<Guid>("SELECT commitment_id FROM commitment_ledger WHERE seq = @seq", new { seq });

            // From the promise's ledger history to the entry's receipt.
            await officer.OpenAsync($"/commitments/{promise}");
            await officer.LiveAsync();
            await officer.FollowAsync(officer.Locator($"li[data-seq='{seq}'] [data-testid=receipt-link]"), $"/commitments/{promise}/receipts/{seq}$");
            await Expect(officer.GetByTestId("receipt-terms")).ToContainTextAsync("投资方");
            await Expect(officer.GetByTestId("receipt-terms")).ToContainTextAsync("Investor");
            await Expect(officer.GetByTestId("receipt-qr")).ToBeVisibleAsync();
            await Expect(officer.GetByTestId("receipt-leaf")).ToHaveTextAsync((seq - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await officer.ScreenshotAsync($"receipt-page-{app.Algorithm}");

            // The PDF downloads, and is one.
            var download = await officer.RunAndWaitForDownloadAsync(() => officer.GetByTestId("receipt-pdf").ClickAsync());
            var pdf = Path.Combine(Browser.ScreenshotDir, $"receipt-{app.Algorithm}.pdf"); // kept with the screenshots, to look at
            await download.SaveAsAsync(pdf);
            var head = new byte[5];
            await using (var file = File.OpenRead(pdf))
                (await file.ReadAsync(head)).ShouldBe(5);
            System.Text.Encoding.ASCII.GetString(head).ShouldBe("%PDF-");
            new FileInfo(pdf).Length.ShouldBeGreaterThan(10_000); // the CJK font subset is embedded

            var receipt = await officer.GetByTestId("receipt-json-text").InputValueAsync();
            var verifyUrl = await officer.GetByTestId("receipt-verify-url").GetAttributeAsync("href");
            verifyUrl.ShouldNotBeNull().ShouldContain("/verify?leaf=");

            // Anyone, signed in or not: paste the receipt, verify it offline and against the log.
            await VerifyPastedAsync(anyone, receipt);
            await Expect(anyone.GetByTestId("offline-verdict")).ToHaveAttributeAsync("data-outcome", "verified");
            await Expect(anyone.GetByTestId("offline-verdict")).ToContainTextAsync("已核验");
            await Expect(anyone.GetByTestId("online-verdict")).ToHaveAttributeAsync("data-outcome", "consistent");
            await Expect(anyone.GetByTestId("entry-terms")).ToContainTextAsync("投资方");
            await Expect(anyone.GetByTestId("published-key-status")).ToHaveAttributeAsync("data-outcome", "same");
            await Expect(anyone.Locator("#offline-steps")).ToContainTextAsync($"检查点签名有效（{app.Algorithm}");
            // The witness's cosignature is checked in the page against the witness key pinned there.
            await Expect(anyone.GetByTestId("pinned-witnesses")).ToContainTextAsync("audit-bureau");
            await Expect(anyone.Locator("#offline-steps")).ToContainTextAsync("已由 1 个见证方（共 1 个）副署并核验：audit-bureau");
            await anyone.ScreenshotAsync($"receipt-verified-{app.Algorithm}");
            // …or arrive from the QR code.
            await anyone.GotoAsync(verifyUrl);
            await Expect(anyone.GetByTestId("offline-verdict")).ToHaveAttributeAsync("data-outcome", "verified");
            await Expect(anyone.GetByTestId("online-verdict")).ToHaveAttributeAsync("data-outcome", "consistent");

            // A receipt whose cosignature was altered (the line claims the witness's key, another time) is refused, the witness named.
            await VerifyPastedAsync(anyone, ReceiptApp.WithForgedCosignature(receipt));
            await Expect(anyone.GetByTestId("offline-verdict")).ToHaveAttributeAsync("data-outcome", "failed");
            await Expect(anyone.Locator("#offline-steps")).ToContainTextAsync("见证副署无效：audit-bureau");
            await anyone.ScreenshotAsync($"receipt-forged-cosignature-{app.Algorithm}");

            // An insider cuts the ledger short from the receipt's entry on.
            await app.AsSuperuser("DELETE FROM commitment_ledger WHERE seq >= @seq", new { seq });

            await VerifyPastedAsync(anyone, receipt);
            // The receipt itself is still the log's signed word …
            await Expect(anyone.GetByTestId("offline-verdict")).ToHaveAttributeAsync("data-outcome", "verified");
            // … but the log no longer agrees with it.
            await Expect(anyone.GetByTestId("online-verdict")).ToHaveAttributeAsync("data-outcome", "inconsistent");
            await Expect(anyone.GetByTestId("online-verdict")).ToContainTextAsync("不再一致");
            await anyone.ScreenshotAsync($"receipt-inconsistent-{app.Algorithm}");
            await anyone.GotoAsync(verifyUrl);
            await Expect(anyone.GetByTestId("online-verdict")).ToHaveAttributeAsync("data-outcome", "inconsistent");
            await Expect(anyone.GetByTestId("online-verdict")).ToContainTextAsync("不再一致");

            officerCsp.Seen.Concat(publicCsp.Seen).ShouldBeEmpty();
        }
        catch
        {
            await officer.ScreenshotAsync($"FAILED-receipt-officer-{app.Algorithm}");
            await anyone.ScreenshotAsync($"FAILED-receipt-public-{app.Algorithm}");
            await File.WriteAllTextAsync(Path.Combine(Browser.ScreenshotDir, $"FAILED-receipt-{app.Algorithm}.log"), $"{officer.Url}\n{anyone.Url}\n\n{app.Output}");
            throw;
        }
        finally
        {
            await officerContext.CloseAsync();
            await publicContext.CloseAsync();
        }
    }

    private static async Task VerifyPastedAsync(IPage page, string receipt)
    {
        await page.GotoAsync("/verify");
        await Expect(page.Locator("#verify-receipt[data-ready=true]")).ToBeAttachedAsync();
        await page.GetByTestId("receipt-input").FillAsync(receipt);
        await page.GetByTestId("verify-button").ClickAsync();
        // A receipt that fails offline is not asked about online.
        await Expect(page.Locator("[data-testid=online-verdict][data-outcome], [data-testid=offline-verdict][data-outcome=failed]")).ToHaveCountAsync(1);
    }
}
