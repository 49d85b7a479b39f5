using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Reliability;

/// <summary>What one HTTP attempt came to.</summary>
public enum Outcome
{
    /// <summary>2xx with the new promise's id.</summary>
    Acknowledged,

    /// <summary>The app answered, but not with success (4xx/5xx).</summary>
    Answered,

    /// <summary>The connection could not even be opened: the request provably never reached the app.</summary>
    NotDelivered,

    /// <summary>Sent, but the connection dropped (or timed out) before an answer: it may or may not have happened.</summary>
    Unknown,
}

public sealed record Attempt(Outcome Outcome, int Status, Guid? Id, string? Detail);

/// <summary>
/// A signed-in API caller: the session cookie and the antiforgery header, valid on every node (the
/// data-protection keys are in PostgreSQL; cookies ignore the port, so one jar serves both nodes).
/// </summary>
public sealed class ApiSession : IDisposable
{
    private readonly HttpClient _http;
    private string? _xsrf;

    public ApiSession(TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(3),
            UseProxy = false,
        };
        _http = new HttpClient(handler) { Timeout = timeout };
    }

    public async Task SignInAsync(Uri node, string userName, string password, CancellationToken ct)
    {
        await RefreshAntiforgeryAsync(node, ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node, "api/v1/auth/sign-in")) { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.Add("X-XSRF-TOKEN", _xsrf);
        using var response = await _http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"sign-in as {userName} on {node}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        // The antiforgery token is bound to the signed-in identity: take a new one.
        await RefreshAntiforgeryAsync(node, ct);
    }

    private async Task RefreshAntiforgeryAsync(Uri node, CancellationToken ct)
    {
        var token = await _http.GetFromJsonAsync<JsonElement>(new Uri(node, "api/v1/auth/antiforgery"), ct);
        _xsrf = token.GetProperty("token").GetString();
    }

    public async Task<JsonElement> GetAsync(Uri node, string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(new Uri(node, path), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} on {node}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// One POST, classified. Each write opens a fresh connection (Connection: close): on a reused
    /// keep-alive connection that dies, SocketsHttpHandler may re-send the request on a new connection
    /// by itself (dotnet/runtime#86714), which would blur "never delivered" and "maybe applied". On a
    /// fresh connection a connect failure proves the request never left.
    /// </summary>
    public async Task<Attempt> PostAsync(Uri node, string path, object body, string? idempotencyKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node, path)) { Content = JsonContent.Create(body) };
        request.Headers.ConnectionClose = true;
        request.Headers.Add("X-XSRF-TOKEN", _xsrf);
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        try
        {
            using var response = await _http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    using var json = JsonDocument.Parse(text);
                    if (json.RootElement.TryGetProperty("id", out var id) && id.TryGetGuid(out var guid))
                        return new Attempt(Outcome.Acknowledged, status, guid, null);
                }
                catch (JsonException) { }
                return new Attempt(Outcome.Answered, status, null, "success without an id: " + Trim(text));
            }
            return new Attempt(Outcome.Answered, status, null, Trim(text));
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return new Attempt(Outcome.NotDelivered, 0, null, e.Message);
        }
        catch (HttpRequestException e)
        {
            return new Attempt(Outcome.Unknown, 0, null, $"{e.HttpRequestError}: {e.Message}");
        }
        catch (IOException e)
        {
            return new Attempt(Outcome.Unknown, 0, null, "connection dropped while reading the answer: " + e.Message);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            return new Attempt(Outcome.Unknown, 0, null, "timeout: " + e.Message);
        }
    }

    private static string Trim(string text) => text.Length > 300 ? text[..300] + "…" : text;

    public void Dispose() => _http.Dispose();
}
