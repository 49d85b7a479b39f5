using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BizEnv.Invest.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace BizEnv.Invest.Web.Tests;

/// <summary>The app as configured, with every finished span it records kept for the test.</summary>
public sealed class TracedWebFactory : InvestWebFactory
{
    // Span listeners are process-wide: this also hears other factories' spans, so tests pick theirs by trace id.
    public ConcurrentQueue<Activity> Spans { get; } = new();

    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(new Keep(Spans))));

    private sealed class Keep(ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity span) => spans.Enqueue(span);
    }
}

/// <summary>
/// One trace follows a promise recorded through the API: the HTTP request, the MediatR request, the call
/// to the promise's grain and, inside the grain, its SQL — one trace id, each span the child of the last.
/// </summary>
public sealed class TraceTests(TracedWebFactory web, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TracedWebFactory>
{
    [Fact]
    public async Task A_promise_recorded_through_the_API_is_one_trace_from_the_request_through_MediatR_and_the_grain_to_SQL()
    {
        var officer = await web.SignedInAs("officer");
        var investor = await Created(await officer.Http.PostAsJsonAsync("/api/v1/investors", new
        {
            name = "追踪投资方有限公司", ownership = "Private", isFortune500 = false, isChina500 = false,
            contacts = Array.Empty<object>(), linkedOfficerIds = Array.Empty<Guid>(),
        }));
        var project = await Created(await officer.Http.PostAsJsonAsync("/api/v1/projects", new
        {
            investorId = investor, name = "追踪项目", plannedInvestment = 100000000, keyLevel = "None", stageDate = "2026-11-02",
        }));

        // The caller starts the trace (W3C traceparent), so this request's spans are told apart from any other's.
        var caller = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/commitments")
        {
            Content = JsonContent.Create(new
            {
                projectId = project, kind = "Subsidy", clause = "追踪：设备补贴 50 万元", valueCny = 500000, madeOn = "2026-11-01", dueDate = "2027-06-30",
                policyTitle = "海川市促进先进制造业发展若干政策", policyNumber = "海政发〔2025〕3号",
            }),
        };
        request.Headers.Add("traceparent", $"00-{caller.TraceId}-{caller.SpanId}-01");
        await Created(await officer.Http.SendAsync(request));

        List<Activity> trace = [];
        await Poll.Until(() =>
        {
            trace = web.Spans.Where(s => s.TraceId == caller.TraceId).ToList();
            return Task.FromResult(trace.Any(s => s.Source.Name == "Microsoft.AspNetCore"));
        }, TimeSpan.FromSeconds(10));
        output.WriteLine(Describe(trace));

        var http = trace.Single(s => s.Source.Name == "Microsoft.AspNetCore");
        http.Kind.ShouldBe(ActivityKind.Server);
        http.ParentSpanId.ShouldBe(caller.SpanId);

        // Other MediatR requests of the same HTTP request (the session check) are spans of their own.
        var mediatr = trace.Single(s => s.Source.Name == "BizEnv.Invest.Application" && s.DisplayName == "RecordCommitment");
        mediatr.GetTagItem("invest.request.outcome").ShouldBe("ok");
        mediatr.ParentSpanId.ShouldBe(http.SpanId);
        // The handler's own read (project, promiser, authority) runs in the request's span.
        trace.ShouldContain(s => s.Source.Name == "Npgsql" && s.ParentSpanId == mediatr.SpanId);

        var call = trace.Single(s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Client && s.DisplayName == "IPromiseGrain/Record");
        call.ParentSpanId.ShouldBe(mediatr.SpanId);
        var inGrain = trace.Single(s => s.Kind == ActivityKind.Server && s.ParentSpanId == call.SpanId);
        inGrain.Source.Name.ShouldBe("Microsoft.Orleans.Application");

        // The grain's transaction (promise row, ledger entry, audit row) is SQL in the grain's span.
        var sql = trace.Where(s => s.Source.Name == "Npgsql" && s.ParentSpanId == inGrain.SpanId).ToList();
        sql.ShouldNotBeEmpty(Describe(trace));
        sql.ShouldContain(s => (s.GetTagItem("db.query.text") as string ?? "").StartsWith("INSERT INTO commitments", StringComparison.Ordinal));
        sql.ShouldContain(s => (s.GetTagItem("db.query.text") as string ?? "").StartsWith("INSERT INTO ledger_queue", StringComparison.Ordinal));
    }

    private static string Describe(IEnumerable<Activity> trace) =>
        string.Join('\n', trace.OrderBy(s => s.StartTimeUtc).Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName} {s.SpanId} ← {s.ParentSpanId}"));

    private static async Task<Guid> Created(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
