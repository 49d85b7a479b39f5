using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Domain.Ledger.Witness;
using BizEnv.Invest.Testing;
using Npgsql;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace BizEnv.Invest.Web.Tests;

/// <summary>
/// Two witnesses as other offices run them — real processes of the built witness program — against the real app on a
/// loopback port: both cosign ("2 of 2"); then the log offers a second checkpoint of the same size with another root,
/// signed with the log's own key (what an operator with the key and the database could do): both refuse, exit
/// non-zero naming both checkpoints, keep their state, and the integrity office is told; a shrunk log is refused too.
/// </summary>
public sealed class WitnessProcessTests
{
    private const string Origin = "haichuan.invest/ledger";
    private static readonly string[] Witnesses = ["audit-bureau", "peoples-congress"];

    [Fact]
    public async Task Two_witnesses_cosign_then_both_refuse_a_fork_and_the_integrity_office_is_told()
    {
        var database = await TestPostgres.CreateDatabaseAsync("witness");
        await using var app = await AppProcess.StartAsync(database, settings: new Dictionary<string, string> { ["Ledger__SigningKey"] = TestSigningKey.Sm2 });
        var dir = Directory.CreateTempSubdirectory("witness-test").FullName;
        try
        {
            var admin = await SignedIn(app, "admin");
            var integrity = await SignedIn(app, "integrity");
            // The log key is pinned from what the app publishes (an office would compare its key id out of band).
            var keys = await admin.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/ledger/keys");
            await File.WriteAllTextAsync(Path.Combine(dir, "log.pem"), keys![0].GetProperty("publicKeyPem").GetString());

            foreach (var name in Witnesses)
            {
                var printed = await Witness(app, dir, name, "--print-key");
                printed.Code.ShouldBe(0, printed.Output);
                var publicKey = Regex.Match(printed.Output, @"public key ([A-Za-z0-9+/=]{44})").Groups[1].Value;
                (await admin.Send(HttpMethod.Post, "/api/v1/ledger/witnesses", new { name, office = name == "audit-bureau" ? "审计局" : "人大常委会", publicKey }))
                    .StatusCode.ShouldBe(HttpStatusCode.OK);
            }
            var checkpoint = await (await integrity.Send(HttpMethod.Post, "/api/v1/ledger/checkpoints")).Content.ReadFromJsonAsync<JsonElement>();
            var size = checkpoint.GetProperty("size").GetInt64();
            var root = Convert.ToBase64String(Convert.FromHexString(checkpoint.GetProperty("treeRoot").GetString()!));

            foreach (var name in Witnesses)
            {
                var round = await Witness(app, dir, name, "--once");
                round.Code.ShouldBe(0, round.Output);
                round.Output.ShouldContain($"Cosigned the checkpoint of {size} entries, root {root}");
            }
            var status = await Get(integrity.Http, "/api/v1/ledger/witnesses");
            (status.GetProperty("latestSize").GetInt64(), status.GetProperty("cosigned").GetInt32(), status.GetProperty("registered").GetInt32()).ShouldBe((size, 2, 2));
            status.GetProperty("witnesses").EnumerateArray().ShouldAllBe(w => w.GetProperty("cosignedLatest").GetBoolean() && w.GetProperty("lastCosignedSize").GetInt64() == size);
            // Anyone (the public verify page) gets the witnesses' keys the cosignatures are checked with.
            var published = await new HttpClient().GetFromJsonAsync<JsonElement[]>($"{app.BaseUrl}/api/v1/ledger/witness-keys");
            published!.Select(w => (w.GetProperty("name").GetString(), w.GetProperty("active").GetBoolean(), Convert.FromBase64String(w.GetProperty("publicKey").GetString()!).Length))
                .OrderBy(w => w.Item1).ShouldBe(Witnesses.Order().Select(n => ((string?)n, true, 32)));
            var latest = await new HttpClient().GetFromJsonAsync<JsonElement>($"{app.BaseUrl}/api/v1/ledger/checkpoints/latest");
            latest.GetProperty("cosignedNote").GetString()!.Split('\n').Count(l => Cosignature.Parse(l) is { } c && Witnesses.Contains(c.WitnessName)).ShouldBe(2);
            var check = await Get(integrity.Http, "/api/v1/ledger/verify");
            (check.GetProperty("intact").GetBoolean(), check.GetProperty("witnesses").GetInt32()).ShouldBe((true, 2));

            // The fork: a second checkpoint of the same size, another root, signed with the log's own key.
            var forgedRoot = SHA256.HashData("another history"u8);
            var signer = new CheckpointSigner(Origin, CheckpointSigner.ReadPrivateKey(TestSigningKey.Sm2));
            var forged = CheckpointNote.Sign(signer, size, forgedRoot, DateTimeOffset.UtcNow);
            await InsertCheckpoint(database, signer, size, forgedRoot, forged);
            foreach (var name in Witnesses)
            {
                var stateFile = Path.Combine(dir, $"{name}.state.json");
                var before = await File.ReadAllTextAsync(stateFile);
                var round = await Witness(app, dir, name, "--once");
                round.Code.ShouldBe(3, round.Output);
                round.Output.ShouldContain("REFUSED to cosign (Fork)");
                round.Output.ShouldContain($"Cosigned checkpoint: {size} entries, root {root}");
                round.Output.ShouldContain($"Offered checkpoint: {size} entries, root {Convert.ToBase64String(forgedRoot)}");
                round.Output.ShouldContain("Reported the refusal");
                (await File.ReadAllTextAsync(stateFile)).ShouldBe(before);
            }
            status = await Get(integrity.Http, "/api/v1/ledger/witnesses");
            status.GetProperty("cosigned").GetInt32().ShouldBe(0); // the latest checkpoint is the forged one: nobody vouches for it
            var alarms = status.GetProperty("alarms").EnumerateArray().ToList();
            alarms.Select(a => a.GetProperty("witness").GetString()).Order().ShouldBe(Witnesses);
            alarms.ShouldAllBe(a => a.GetProperty("kind").GetString() == "Fork" && a.GetProperty("cosignedSize").GetInt64() == size
                && a.GetProperty("offeredSize").GetInt64() == size);
            var notices = await Get(integrity.Http, "/api/v1/me/notifications");
            var texts = notices.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("text").GetString()!).Where(t => t.Contains(Convert.ToBase64String(forgedRoot))).ToList();
            texts.Count.ShouldBe(2);
            texts.ShouldAllBe(t => t.Contains("账本分叉") && t.Contains(root));
            // The check still holds the entries against the checkpoint the witnesses cosigned.
            check = await Get(integrity.Http, "/api/v1/ledger/verify");
            (check.GetProperty("intact").GetBoolean(), check.GetProperty("witnesses").GetInt32()).ShouldBe((true, 2));

            // Then the log shrinks: a checkpoint of fewer entries, signed with the log's key, is refused as such.
            var shrunk = CheckpointNote.Sign(signer, size - 1, forgedRoot, DateTimeOffset.UtcNow);
            await InsertCheckpoint(database, signer, size - 1, forgedRoot, shrunk);
            var shrink = await Witness(app, dir, Witnesses[0], "--once");
            shrink.Code.ShouldBe(3, shrink.Output);
            shrink.Output.ShouldContain($"REFUSED to cosign (Shrink): fewer entries than the checkpoint already cosigned: the log shrank. Cosigned checkpoint: {size} entries");
            (await Get(integrity.Http, "/api/v1/ledger/witnesses")).GetProperty("alarms").EnumerateArray().Count(a => a.GetProperty("kind").GetString() == "Shrink").ShouldBe(1);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_witness_doors_refuse_a_key_nobody_registered_and_an_unsigned_alarm_in_words()
    {
        var database = await TestPostgres.CreateDatabaseAsync("witnessdoor");
        await using var app = await AppProcess.StartAsync(database, settings: new Dictionary<string, string> { ["Ledger__SigningKey"] = TestSigningKey.Sm2 });
        var integrity = await SignedIn(app, "integrity");
        var checkpoint = await (await integrity.Send(HttpMethod.Post, "/api/v1/ledger/checkpoints")).Content.ReadFromJsonAsync<JsonElement>();
        var note = CheckpointNote.Parse(checkpoint.GetProperty("note").GetString()!)!;
        var stranger = new Ed25519PrivateKeyParameters(new SecureRandom());
        var publicKey = stranger.GeneratePublicKey().GetEncoded();
        var seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signer = new Ed25519Signer();
        signer.Init(true, stranger);
        var message = Cosignature.SignedMessage(note.Body, seconds);
        signer.BlockUpdate(message, 0, message.Length);
        var line = new Cosignature("stranger", Cosignature.KeyHashOf("stranger", publicKey), seconds, signer.GenerateSignature()).Line;

        using var anyone = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var refused = await anyone.PostAsJsonAsync($"/api/v1/ledger/checkpoints/{note.Size}/cosignatures", new { cosignature = line });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("witness.unknown_key");
        problem.GetProperty("title").GetString()!.ShouldContain("stranger");

        var malformed = await anyone.PostAsJsonAsync($"/api/v1/ledger/checkpoints/{note.Size}/cosignatures", new { cosignature = "— stranger AAAA" });
        (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("witness.cosignature_malformed");

        var alarm = await anyone.PostAsJsonAsync("/api/v1/ledger/witness-alarms", new
        {
            witness = "stranger", kind = "Fork", cosignedNote = checkpoint.GetProperty("note").GetString(), offeredNote = "", unixSeconds = seconds, signature = "",
        });
        alarm.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await alarm.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("witness.unknown_key");
        (await Get(integrity.Http, "/api/v1/ledger/witnesses")).GetProperty("alarms").GetArrayLength().ShouldBe(0);
    }

    /// <summary>A checkpoint row written behind the app's back (as the superuser), with a note signed by the log's own key.</summary>
    private static async Task InsertCheckpoint(TestDatabase database, CheckpointSigner signer, long size, byte[] root, string note)
    {
        await using var cn = new NpgsqlConnection(database.SuperuserConnectionString);
        await cn.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO ledger_checkpoints (size, head_hash, signature, at, tree_root, note, algorithm, key_id)
            VALUES ($1, $2, $3, now(), $4, $5, 'SM2-SM3', $6)
            """, cn);
        foreach (var value in new object[] { size, new byte[32], CheckpointNote.Parse(note)!.Signature, root, note, ((ICheckpointSigner)signer).KeyId })
            insert.Parameters.Add(new NpgsqlParameter { Value = value });
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>A GET that must answer 200 with JSON; else the status and body are the failure's message.</summary>
    private static async Task<JsonElement> Get(HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<ApiClient> SignedIn(AppProcess app, string userName)
    {
        var client = new ApiClient(new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
            { BaseAddress = new Uri(app.BaseUrl) });
        (await client.SignIn(userName, "Invest@2026")).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Runs the built witness program once with this witness's files in <paramref name="dir"/>; its exit code and everything it wrote.</summary>
    private static async Task<(int Code, string Output)> Witness(AppProcess app, string dir, string name, string mode)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepoPaths.Root, "src", "BizEnv.Invest.Witness", "bin", configuration, "net10.0", "BizEnv.Invest.Witness.dll");
        File.Exists(dll).ShouldBeTrue($"{dll} is missing: build the tests (they build the witness).");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     dll, "--log-url", app.BaseUrl, "--name", name, "--key-file", Path.Combine(dir, $"{name}.key"), "--log-origin", Origin,
                     "--log-key-file", Path.Combine(dir, "log.pem"), "--state-file", Path.Combine(dir, $"{name}.state.json"), mode,
                 })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
