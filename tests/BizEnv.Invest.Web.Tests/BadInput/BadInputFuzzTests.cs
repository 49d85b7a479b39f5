using System.Net;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests.BadInput;

/// <summary>
/// Walks every operation of the OpenAPI document and sends it bad input as a signed-in user of each
/// role, with the antiforgery header: every answer is a 4xx ProblemDetails (instance = the path,
/// camelCase keys) — never a 5xx — and a refused request leaves the database as it was.
/// </summary>
public sealed class BadInputFuzzTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    private static readonly Dictionary<string, string> Users = new()
    {
        ["Admin"] = "admin", ["PromotionOfficer"] = "officer", ["ParkManager"] = "park", ["IntegrityOfficer"] = "integrity", ["Leader"] = "leader",
    };

    // Each role walks with its own turn; turns 0–2 between them send every bad value of every field.
    [Theory]
    [InlineData("Admin", 0)]
    [InlineData("PromotionOfficer", 1)]
    [InlineData("ParkManager", 2)]
    [InlineData("IntegrityOfficer", 0)]
    [InlineData("Leader", 1)]
    public async Task No_bad_input_gets_a_5xx_and_no_refused_request_changes_the_database(string role, int turn)
    {
        var client = await web.SignedInAs(Users[role]);
        var doc = await web.OpenApi();
        var problems = new List<string>();
        var sent = 0;
        // Signing out would end the session the rest of the walk needs.
        foreach (var op in doc.Operations().Where(o => !o.Path.EndsWith("/sign-out")))
        {
            var before = await DatabaseFingerprint.TakeAsync(web.Database.SuperuserConnectionString);
            var anySuccess = false;
            foreach (var bad in BadRequests.For(op, doc, turn))
            {
                using var response = await client.Http.SendAsync(bad.Build());
                sent++;
                var status = (int)response.StatusCode;
                anySuccess |= status < 300;
                var complaint = await Check(response, bad);
                if (complaint is not null)
                    problems.Add($"{op.Key} [{bad.What}] → {status}: {complaint}");
            }
            // A request that was accepted may change data; only an all-refused batch must change nothing.
            if (!anySuccess)
            {
                var changed = DatabaseFingerprint.Changed(before, await DatabaseFingerprint.TakeAsync(web.Database.SuperuserConnectionString)).ToList();
                if (changed.Count > 0)
                    problems.Add($"{op.Key}: refused requests changed {string.Join(", ", changed)}");
            }
        }
        sent.ShouldBeGreaterThan(1000, "the walk covers the whole API");
        problems.ShouldBeEmpty($"{problems.Count} of {sent} requests:\n" + string.Join("\n", problems.Take(40)));
    }

    /// <summary>Null when the answer is acceptable for bad input; otherwise what is wrong with it.</summary>
    internal static async Task<string?> Check(HttpResponseMessage response, BadRequest bad)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500)
            return text.Length > 300 ? text[..300] : text;
        if (status < 400)
            return null;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"not a ProblemDetails ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}): {(text.Length > 200 ? text[..200] : text)}";
        JsonElement problem;
        try { problem = JsonDocument.Parse(text).RootElement; }
        catch (JsonException) { return "problem body is not JSON"; }
        if (!problem.TryGetProperty("status", out var s) || s.GetInt32() != status)
            return "problem status differs from the response's";
        if (!problem.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
            return "problem without a title";
        var path = Uri.UnescapeDataString(new Uri(new Uri("http://x"), bad.Url).AbsolutePath);
        if (!problem.TryGetProperty("instance", out var instance) || instance.GetString() != path)
            return $"instance {(problem.TryGetProperty("instance", out var i) ? i.GetString() : "missing")} is not the path {path}";
        var keys = problem.EnumerateObject().Select(p => p.Name)
            .Concat(problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name) : []);
        var upper = keys.FirstOrDefault(k => k.Length > 0 && char.IsUpper(k[0]));
        return upper is null ? null : $"key {upper} is not camelCase";
    }
}
