using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Web.Tests;

/// <summary>
/// Every /api/v1 endpoint × every role: allowed (anything but 401/403) or 403, and 401 without a
/// session. The expectations are written out here, not derived from the code under test, and a new
/// endpoint that is missing from the table fails the test until someone decides who may call it.
/// </summary>
public sealed class AccessMatrixTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    private const string Anyone = "anonymous";
    private const string AllRoles = "all";

    // Declared before the table that uses it: static fields initialise in order.
    private static readonly string[] CrmReaders = ["PromotionOfficer", "Leader", "IntegrityOfficer", "Admin"];
    private static readonly string[] ChainReaders = ["PromotionOfficer", "Leader", "Admin"];
    private static readonly string[] ChainWriters = ["PromotionOfficer", "Admin"];
    private static readonly string[] DefaultReaders = ["PromotionOfficer", "IntegrityOfficer", "Leader"];
    // Agreements follow their project: its unit's officers and admins write, the CRM's readers read.
    private static readonly string[] AgreementWriters = ["PromotionOfficer", "Admin"];

    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["GET /api/v1/auth/antiforgery"] = [Anyone],
        ["POST /api/v1/auth/sign-in"] = [Anyone],
        ["POST /api/v1/auth/sign-out"] = [AllRoles],
        ["GET /api/v1/me/"] = [AllRoles],
        ["POST /api/v1/me/password"] = [AllRoles],
        ["PUT /api/v1/me/language"] = [AllRoles],
        ["GET /api/v1/me/notifications"] = [AllRoles],
        ["POST /api/v1/me/notifications/read"] = [AllRoles],
        ["GET /api/v1/users/"] = ["Admin"],
        ["GET /api/v1/users/{id:guid}"] = ["Admin"],
        ["POST /api/v1/users/"] = ["Admin"],
        ["PUT /api/v1/users/{id:guid}"] = ["Admin"],
        ["POST /api/v1/users/{id:guid}/disable"] = ["Admin"],
        ["POST /api/v1/users/{id:guid}/enable"] = ["Admin"],
        ["GET /api/v1/users/{id:guid}/open-items"] = ["Admin"],
        ["GET /api/v1/handovers/"] = ["Leader", "Admin"],
        ["GET /api/v1/handovers/mine"] = [AllRoles],
        ["POST /api/v1/handovers/mine/acknowledge-all"] = [AllRoles],
        ["POST /api/v1/handovers/{id:guid}/acknowledge"] = [AllRoles],
        ["POST /api/v1/users/{id:guid}/password-reset"] = ["Admin"],
        ["GET /api/v1/units/"] = [AllRoles],
        ["POST /api/v1/units/"] = ["Admin"],
        ["PUT /api/v1/units/{id:guid}"] = ["Admin"],
        ["PUT /api/v1/units/{id:guid}/head"] = ["Admin"],
        ["GET /api/v1/calendar/{year:int}"] = [AllRoles],
        ["POST /api/v1/calendar/years"] = ["Admin"],
        ["PUT /api/v1/calendar/days/{date}"] = ["Admin"],
        ["GET /api/v1/calendar/add-working-days"] = [AllRoles],
        ["GET /api/v1/calendar/count-working-days"] = [AllRoles],
        ["GET /api/v1/audit/"] = ["Admin", "IntegrityOfficer"],
        ["GET /api/v1/audit/export"] = ["Admin", "IntegrityOfficer"],
        ["GET /api/v1/home/admin"] = ["Admin"],
        ["GET /api/v1/investors/"] = CrmReaders,
        ["GET /api/v1/investors/{id:guid}"] = CrmReaders,
        ["POST /api/v1/investors/"] = ["PromotionOfficer"],
        ["PUT /api/v1/investors/{id:guid}"] = ["PromotionOfficer"],
        // Unit privacy: an officer keeps their own unit's notes on any firm; only the owning unit's officer marks its contacts.
        ["PUT /api/v1/investors/{id:guid}/unit-note"] = ["PromotionOfficer"],
        ["PUT /api/v1/investors/{id:guid}/contacts/{contactId:guid}/privacy"] = ["PromotionOfficer"],
        ["GET /api/v1/industries"] = [AllRoles],
        ["GET /api/v1/investors/export"] = CrmReaders,
        ["GET /api/v1/investors/import-template"] = ["PromotionOfficer"],
        ["POST /api/v1/investors/import"] = ["PromotionOfficer"],
        ["GET /api/v1/projects/export"] = CrmReaders,
        ["POST /api/v1/projects/{id:guid}/stage-changes/{changeId:guid}/review"] = ["Leader"],
        ["POST /api/v1/projects/{id:guid}/issues"] = ["PromotionOfficer"],
        ["POST /api/v1/projects/{id:guid}/issues/{issueId:guid}/resolve"] = ["PromotionOfficer"],
        ["POST /api/v1/projects/{id:guid}/weekly-reports"] = ["PromotionOfficer"],
        ["GET /api/v1/weekly-reports/"] = CrmReaders,
        ["PUT /api/v1/weekly-reports/{reportId:guid}"] = ["PromotionOfficer"],
        ["GET /api/v1/weekly-reports/export"] = CrmReaders,
        ["PUT /api/v1/units/{id:guid}/stage-review"] = ["Admin"],
        ["GET /api/v1/parks/"] = [AllRoles],
        ["POST /api/v1/parks/"] = ["Admin"],
        ["POST /api/v1/parks/{id:guid}/zones"] = ["ParkManager"],
        ["GET /api/v1/zones/"] = [AllRoles],
        ["GET /api/v1/zones/{id:guid}"] = [AllRoles],
        ["PUT /api/v1/zones/{id:guid}/capacity"] = ["ParkManager"],
        ["PUT /api/v1/zones/{id:guid}/readiness"] = ["ParkManager"],
        ["POST /api/v1/zones/{id:guid}/reservations"] = ["PromotionOfficer"],
        ["GET /api/v1/zones/export"] = [AllRoles],
        ["GET /api/v1/zones/site-finder"] = [AllRoles],
        ["POST /api/v1/reservations/{id:guid}/release"] = ["PromotionOfficer"],
        ["GET /api/v1/home/park"] = ["ParkManager"],
        ["GET /api/v1/chains/"] = ChainReaders,
        ["POST /api/v1/chains/"] = ["Admin"],
        ["GET /api/v1/chains/{id:guid}"] = ChainReaders,
        ["PUT /api/v1/chains/{id:guid}"] = ChainWriters,
        ["PUT /api/v1/chains/{id:guid}/editors"] = ["Admin"],
        ["POST /api/v1/chains/{id:guid}/nodes"] = ChainWriters,
        ["GET /api/v1/chains/{id:guid}/nodes/{nodeId:guid}"] = ChainReaders,
        ["PUT /api/v1/chains/{id:guid}/nodes/{nodeId:guid}"] = ChainWriters,
        ["POST /api/v1/chains/{id:guid}/nodes/{nodeId:guid}/remove"] = ChainWriters,
        ["POST /api/v1/chains/{id:guid}/nodes/{nodeId:guid}/firms"] = ChainWriters,
        ["POST /api/v1/chains/{id:guid}/nodes/{nodeId:guid}/firms/{investorId:guid}/remove"] = ChainWriters,
        ["GET /api/v1/chains/{id:guid}/suggestions"] = ChainReaders,
        ["POST /api/v1/chains/{id:guid}/edges"] = ChainWriters,
        ["POST /api/v1/chains/{id:guid}/edges/remove"] = ChainWriters,
        ["GET /api/v1/chains/{id:guid}/report"] = ChainReaders,
        ["GET /api/v1/chains/{id:guid}/report/export"] = ChainReaders,
        ["GET /api/v1/chain-nodes"] = ChainReaders,
        ["GET /api/v1/chain-targets/"] = ChainReaders,
        ["POST /api/v1/chain-targets/"] = ChainWriters,
        ["GET /api/v1/chain-targets/{id:guid}"] = ChainReaders,
        ["POST /api/v1/chain-targets/{id:guid}/status"] = ChainWriters,
        ["POST /api/v1/chain-targets/{id:guid}/investor"] = ChainWriters,
        ["POST /api/v1/chain-targets/{id:guid}/projects"] = ["PromotionOfficer"],
        ["GET /api/v1/commitments/"] = CrmReaders,
        ["GET /api/v1/commitments/{id:guid}"] = CrmReaders,
        ["GET /api/v1/commitments/condition-choices"] = CrmReaders,
        ["GET /api/v1/commitments/condition-unmet"] = CrmReaders,
        ["POST /api/v1/commitments/"] = ["PromotionOfficer"],
        ["POST /api/v1/commitments/{id:guid}/review"] = ["Leader"],
        ["POST /api/v1/commitments/{id:guid}/status"] = ["PromotionOfficer"],
        ["GET /api/v1/ledger/verify"] = ["IntegrityOfficer", "Admin"],
        ["GET /api/v1/ledger/keys"] = [Anyone],
        ["POST /api/v1/ledger/checkpoints"] = ["IntegrityOfficer", "Admin"],
        ["GET /api/v1/ledger/proof/inclusion"] = ["IntegrityOfficer", "Admin"],
        ["GET /api/v1/ledger/proof/consistency"] = ["IntegrityOfficer", "Admin"],
        ["GET /api/v1/ledger/checkpoints"] = ["IntegrityOfficer", "Admin"],
        ["GET /api/v1/ledger/checkpoints/export"] = ["IntegrityOfficer", "Admin"],
        ["GET /api/v1/ledger/checkpoints/{id:long}/entries/{seq:long}/proof"] = ["IntegrityOfficer", "Admin"],
        ["GET /api/v1/ledger/checkpoints/{id:long}/consistency/{newId:long}"] = ["IntegrityOfficer", "Admin"],
        // The public verify page's two calls: a receipt by its printed leaf hash, and the log's newest checkpoint with a consistency proof.
        ["GET /api/v1/ledger/receipts"] = [Anyone],
        ["GET /api/v1/ledger/log-state"] = [Anyone],
        // Witnesses: the latest checkpoint is public; a witness's writes carry its signature, not a session.
        ["GET /api/v1/ledger/checkpoints/latest"] = [Anyone],
        ["GET /api/v1/ledger/witness-keys"] = [Anyone],
        ["GET /api/v1/ledger/witnesses"] = ["IntegrityOfficer", "Admin"],
        ["POST /api/v1/ledger/witnesses"] = ["Admin"],
        ["POST /api/v1/ledger/witnesses/retire"] = ["Admin"],
        ["POST /api/v1/ledger/checkpoints/{size:long}/cosignatures"] = [Anyone],
        ["POST /api/v1/ledger/witness-alarms"] = [Anyone],
        ["GET /api/v1/breach-alerts/"] = ["IntegrityOfficer", "Leader", "Admin"],
        ["POST /api/v1/breach-alerts/{id:guid}/triage"] = ["IntegrityOfficer"],
        ["GET /api/v1/breach-alerts/export"] = ["IntegrityOfficer", "Leader", "Admin"],
        ["POST /api/v1/commitments/{id:guid}/amendments"] = ["PromotionOfficer"],
        ["GET /api/v1/commitments/{id:guid}/amendments"] = CrmReaders,
        ["GET /api/v1/commitments/{id:guid}/receipts/{seq:long}"] = CrmReaders,
        ["GET /api/v1/commitments/{id:guid}/receipts/{seq:long}/pdf"] = CrmReaders,
        ["GET /api/v1/commitments/dashboard"] = ["Leader", "IntegrityOfficer", "Admin"],
        ["GET /api/v1/commitments/dashboard/agreement-figures"] = ["Leader", "IntegrityOfficer", "Admin"],
        ["GET /api/v1/commitments/dashboard/agreement-figures/export"] = ["Leader", "IntegrityOfficer", "Admin"],
        ["GET /api/v1/fair-competition/rules"] = ["Admin"],
        ["POST /api/v1/fair-competition/rules"] = ["Admin"],
        ["PUT /api/v1/fair-competition/rules/{id:guid}"] = ["Admin"],
        ["POST /api/v1/fair-competition/rules/{id:guid}/remove"] = ["Admin"],
        ["GET /api/v1/fair-competition/reviewing-unit"] = [AllRoles],
        ["PUT /api/v1/fair-competition/reviewing-unit"] = ["Admin"],
        // The unit decides, not the role: only users of the reviewing unit the admin named (法规处 in the demo), and none of these is in it.
        ["GET /api/v1/commitments/fair-review"] = [],
        ["POST /api/v1/commitments/{id:guid}/fair-review"] = [],
        ["GET /api/v1/amendments/"] = CrmReaders,
        ["POST /api/v1/amendments/{id:guid}/review"] = ["Leader"],
        ["GET /api/v1/cases/"] = ["IntegrityOfficer", "Leader"],
        ["GET /api/v1/cases/{id:guid}"] = ["IntegrityOfficer", "Leader"],
        ["GET /api/v1/cases/investigators"] = ["IntegrityOfficer"],
        ["POST /api/v1/cases/{id:guid}/investigator"] = ["IntegrityOfficer"],
        ["POST /api/v1/cases/{id:guid}/persons"] = ["IntegrityOfficer"],
        ["POST /api/v1/cases/{id:guid}/outcome"] = ["IntegrityOfficer"],
        ["POST /api/v1/cases/{id:guid}/rectifications"] = ["IntegrityOfficer"],
        ["POST /api/v1/cases/{id:guid}/rectifications/{actionId:guid}/done"] = ["IntegrityOfficer"],
        ["POST /api/v1/cases/{id:guid}/close"] = ["IntegrityOfficer"],
        ["GET /api/v1/remediation/"] = CrmReaders,
        ["GET /api/v1/remediation/summary"] = ["IntegrityOfficer", "Leader", "Admin"],
        ["GET /api/v1/remediation/import-template"] = ["IntegrityOfficer"],
        ["POST /api/v1/remediation/import"] = ["IntegrityOfficer"],
        ["GET /api/v1/remediation/{commitmentId:guid}"] = CrmReaders,
        ["POST /api/v1/remediation/{commitmentId:guid}/plan"] = ["IntegrityOfficer", "PromotionOfficer"],
        ["POST /api/v1/remediation/{commitmentId:guid}/progress"] = ["IntegrityOfficer", "PromotionOfficer"],
        ["POST /api/v1/remediation/{commitmentId:guid}/sign-off"] = ["IntegrityOfficer"],
        // Defaults 违约追偿: the agreement unit's officers work them; the integrity office and leaders read every one.
        ["GET /api/v1/defaults/"] = DefaultReaders,
        ["GET /api/v1/defaults/{id:guid}"] = DefaultReaders,
        ["POST /api/v1/defaults/{id:guid}/recoveries"] = ["PromotionOfficer"],
        ["POST /api/v1/defaults/{id:guid}/amount"] = ["PromotionOfficer"],
        ["POST /api/v1/defaults/{id:guid}/close"] = ["PromotionOfficer"],
        ["GET /api/v1/authority-limits/"] = ["Admin", "Leader", "IntegrityOfficer"],
        ["PUT /api/v1/authority-limits/"] = ["Admin"],
        ["GET /api/v1/projects/"] = CrmReaders,
        ["GET /api/v1/projects/{id:guid}"] = CrmReaders,
        ["POST /api/v1/projects/"] = ["PromotionOfficer"],
        ["PUT /api/v1/projects/{id:guid}"] = ["PromotionOfficer"],
        ["POST /api/v1/projects/{id:guid}/stage"] = ["PromotionOfficer"],
        ["POST /api/v1/projects/{id:guid}/investments"] = ["PromotionOfficer"],
        ["POST /api/v1/projects/{id:guid}/files"] = ["PromotionOfficer"],
        ["GET /api/v1/projects/{id:guid}/files/{fileId:guid}"] = CrmReaders,
        ["PUT /api/v1/projects/{id:guid}/concierge"] = ["PromotionOfficer"],
        ["GET /api/v1/projects/{id:guid}/concierge"] = CrmReaders,
        ["GET /api/v1/concierge/caseload"] = CrmReaders,
        ["GET /api/v1/visits/"] = CrmReaders,
        ["POST /api/v1/visits/"] = ["PromotionOfficer"],
        ["POST /api/v1/demands/{id:guid}/resolve"] = ["PromotionOfficer"],
        ["GET /api/v1/trips/"] = CrmReaders,
        ["POST /api/v1/trips/"] = ["PromotionOfficer"],
        ["PUT /api/v1/trips/{id:guid}/report"] = ["PromotionOfficer"],
        ["GET /api/v1/people"] = CrmReaders,
        ["GET /api/v1/home/officer"] = ["PromotionOfficer"],
        ["GET /api/v1/agreements/"] = CrmReaders,
        ["GET /api/v1/agreements/obligations"] = CrmReaders,
        ["POST /api/v1/agreements/obligations/{obligationId:guid}/progress"] = AgreementWriters,
        ["GET /api/v1/agreements/import-template"] = AgreementWriters,
        ["POST /api/v1/agreements/import"] = AgreementWriters,
        ["GET /api/v1/agreements/{id:guid}"] = CrmReaders,
        ["PUT /api/v1/agreements/{id:guid}"] = AgreementWriters,
        ["POST /api/v1/agreements/{id:guid}/obligations"] = AgreementWriters,
        ["POST /api/v1/agreements/{id:guid}/refresh"] = AgreementWriters,
        ["GET /api/v1/agreements/{id:guid}/file"] = CrmReaders,
        ["POST /api/v1/agreements/{id:guid}/file"] = AgreementWriters,
        ["GET /api/v1/projects/{id:guid}/agreements"] = CrmReaders,
        ["POST /api/v1/projects/{id:guid}/agreements"] = AgreementWriters,
    };

    private static readonly Dictionary<string, string> Users = new()
    {
        ["Admin"] = "admin", ["PromotionOfficer"] = "officer", ["ParkManager"] = "park", ["IntegrityOfficer"] = "integrity", ["Leader"] = "leader",
    };

    internal List<(string Method, string Template)> Endpoints()
    {
        var sources = web.Services.GetRequiredService<EndpointDataSource>();
        return sources.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, e.RoutePattern.RawText!)))
            .ToList();
    }

    /// <summary>
    /// Sends the call the way a client would: files as multipart, everything else as JSON with every
    /// field the OpenAPI document names, well typed (empty text), so the answer is about access and
    /// not about a body the API cannot read.
    /// </summary>
    internal async Task<HttpResponseMessage> Call(ApiClient client, string method, string template, string? url = null)
    {
        url ??= Url(template);
        if (!template.EndsWith("/files") && !template.EndsWith("/import") && !(method == "POST" && template.EndsWith("/file")))
            return await client.Send(new HttpMethod(method), url, await web.SampleBody(method, template, ""));
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.4 test"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "evidence.pdf");
        return await client.Http.PostAsync(url, form);
    }

    internal static string Url(string template) => template
        .Replace("{fileId:guid}", Guid.NewGuid().ToString())
        .Replace("{changeId:guid}", Guid.NewGuid().ToString())
        .Replace("{issueId:guid}", Guid.NewGuid().ToString())
        .Replace("{reportId:guid}", Guid.NewGuid().ToString())
        .Replace("{actionId:guid}", Guid.NewGuid().ToString())
        .Replace("{commitmentId:guid}", Guid.NewGuid().ToString())
        .Replace("{nodeId:guid}", Guid.NewGuid().ToString())
        .Replace("{investorId:guid}", Guid.NewGuid().ToString())
        .Replace("{contactId:guid}", Guid.NewGuid().ToString())
        .Replace("{obligationId:guid}", Guid.NewGuid().ToString())
        .Replace("{id:guid}", Guid.NewGuid().ToString())
        .Replace("{seq:long}", "1")
        .Replace("{year:int}", "2025")
        .Replace("{id:long}", "1").Replace("{seq:long}", "1").Replace("{newId:long}", "1")
        .Replace("{size:long}", "1")
        .Replace("{date}", "2026-03-07")
        + template switch
        {
            _ when template.EndsWith("add-working-days") => "?from=2025-01-02&days=3",
            _ when template.EndsWith("count-working-days") => "?from=2025-01-02&to=2025-01-10",
            _ when template.EndsWith("weekly-reports/export") => "?week=2026-11-16",
            _ when template.EndsWith("ledger/proof/consistency") => "?oldSize=1",
            _ when template.EndsWith("ledger/receipts") => $"?leafIndex=0&leafHash={new string('0', 64)}",
            _ when template.EndsWith("ledger/log-state") => "?fromSize=1",
            _ when template.EndsWith("commitments/condition-choices") => $"?projectId={Guid.NewGuid()}",
            _ => "",
        };

    [Fact]
    public void Every_api_endpoint_has_a_decided_access_rule()
    {
        var found = Endpoints().Select(e => $"{e.Method} {e.Template}").ToHashSet();
        found.Except(Expected.Keys).ShouldBeEmpty("endpoints missing from the access matrix");
        Expected.Keys.Except(found).ShouldBeEmpty("matrix entries without an endpoint");
    }

    [Fact]
    public async Task A_user_of_the_reviewing_unit_reaches_the_fair_review_endpoints()
    {
        web.NewClient(); // the app starts, and loads its demo data (the legal office 法规处 named), with its first client
        // Named again through the admin's own endpoint: the matrix's admin run may have cleared it with its sample body.
        var unit = (await web.Query<Guid>("SELECT id FROM units WHERE code = 'HCFG'")).Single();
        (await (await web.SignedInAs("admin")).Send(HttpMethod.Put, "/api/v1/fair-competition/reviewing-unit", new { unitId = unit })).StatusCode
            .ShouldBe(HttpStatusCode.NoContent);
        var legal = await web.SignedInAs("legal");
        foreach (var (method, template) in new[] { ("GET", "/api/v1/commitments/fair-review"), ("POST", "/api/v1/commitments/{id:guid}/fair-review") })
        {
            var response = await Call(legal, method, template);
            new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden }.ShouldNotContain(response.StatusCode, $"{template}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public void Nothing_in_the_api_can_delete_a_ledger_entry_or_a_promise() =>
        Endpoints().Where(e => e.Method == "DELETE").ShouldBeEmpty();

    [Theory]
    [InlineData("Admin")]
    [InlineData("PromotionOfficer")]
    [InlineData("ParkManager")]
    [InlineData("IntegrityOfficer")]
    [InlineData("Leader")]
    public async Task Each_role_reaches_exactly_its_endpoints(string role)
    {
        var client = await web.SignedInAs(Users[role]);
        // Sign-out last, so the session lasts through the other calls.
        foreach (var (method, template) in Endpoints().OrderBy(e => e.Template.EndsWith("sign-out")))
        {
            var key = $"{method} {template}";
            var rule = Expected[key];
            var allowed = rule.Contains(Anyone) || rule.Contains(AllRoles) || rule.Contains(role);
            var response = await Call(client, method, template);
            if (allowed)
                new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden }.ShouldNotContain(response.StatusCode, $"{role} → {key}");
            else
                response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role} → {key}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Without_a_session_only_the_anonymous_endpoints_answer()
    {
        var client = web.NewClient();
        await client.RefreshAntiforgery();
        foreach (var (method, template) in Endpoints())
        {
            var key = $"{method} {template}";
            var response = await Call(client, method, template);
            if (Expected[key].Contains(Anyone))
                response.StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized, key);
            else
                response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, key);
        }
    }
}
