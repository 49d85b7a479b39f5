using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace BizEnv.Invest.E2E;

/// <summary>
/// Records every Content-Security-Policy violation in a browser context, across navigations: a script that
/// runs before the page's own (an init script) reports each securitypolicyviolation event back to the test.
/// Chromium's console line for a refused script is heard as well, should a violation happen before any listener.
/// </summary>
public sealed class CspViolations
{
    private const string Binding = "__investCspViolation";

    private const string Listener = $$"""
        document.addEventListener('securitypolicyviolation', e =>
          window.{{Binding}}(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || e.documentURI}:${e.lineNumber}`));
        """;

    private readonly ConcurrentQueue<string> _seen = new();

    public IReadOnlyCollection<string> Seen => _seen;

    /// <summary>Whether a violation arrives within the time given (reports come back asynchronously).</summary>
    public async Task<bool> AnyWithinAsync(TimeSpan time)
    {
        var until = DateTime.UtcNow + time;
        while (_seen.IsEmpty && DateTime.UtcNow < until)
            await Task.Delay(50);
        return !_seen.IsEmpty;
    }

    public static async Task<CspViolations> WatchAsync(IBrowserContext context)
    {
        var violations = new CspViolations();
        await context.ExposeFunctionAsync(Binding, (string violation) => violations._seen.Enqueue(violation));
        await context.AddInitScriptAsync(Listener);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                violations._seen.Enqueue(message.Text);
        };
        return violations;
    }
}
