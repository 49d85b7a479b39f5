using System.Diagnostics;
using BizEnv.Invest.Application.Behaviours;
using BizEnv.Invest.Application.Errors;

namespace BizEnv.Invest.Application.Tests.Behaviours;

/// <summary>The MediatR span: named after the request, tagged with its type and outcome, never its fields — no database.</summary>
public sealed class TracingBehaviourTests : IDisposable
{
    private sealed record Ping(string Password);

    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = s => s.Name == ApplicationTracing.SourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public TracingBehaviourTests() => ActivitySource.AddActivityListener(_listener);

    public void Dispose() => _listener.Dispose();

    private static async Task<Activity> SpanOf(Func<Task<int>> handler)
    {
        Activity? span = null;
        try
        {
            await new TracingBehaviour<Ping, int>().Handle(new Ping("Invest@2026"), CancellationToken.None, () =>
            {
                span = Activity.Current;
                return handler();
            });
        }
        catch (ForbiddenException)
        {
        }
        return span.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_request_that_succeeds_is_a_span_named_after_it_with_outcome_ok_and_none_of_its_fields()
    {
        var span = await SpanOf(() => Task.FromResult(1));

        span.Source.Name.ShouldBe("BizEnv.Invest.Application");
        span.DisplayName.ShouldBe("Ping");
        span.GetTagItem("invest.request.type").ShouldBe(typeof(Ping).FullName);
        span.GetTagItem("invest.request.outcome").ShouldBe("ok");
        span.Status.ShouldBe(ActivityStatusCode.Unset);
        span.TagObjects.ShouldAllBe(t => !(t.Value as string ?? "").Contains("Invest@2026"));
        span.IsStopped.ShouldBeTrue();
    }

    [Fact]
    public async Task A_request_that_throws_is_an_error_span_naming_the_exception_type_not_its_message()
    {
        var span = await SpanOf(() => throw new ForbiddenException("secret words"));

        span.GetTagItem("invest.request.outcome").ShouldBe(nameof(ForbiddenException));
        span.GetTagItem("error.type").ShouldBe(typeof(ForbiddenException).FullName);
        span.Status.ShouldBe(ActivityStatusCode.Error);
        span.StatusDescription.ShouldBeNull();
        span.TagObjects.ShouldAllBe(t => !(t.Value as string ?? "").Contains("secret"));
    }
}
