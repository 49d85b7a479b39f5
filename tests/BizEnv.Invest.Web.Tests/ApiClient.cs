using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

/// <summary>An API caller with the session cookie and the antiforgery header that state-changing calls need.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public async Task RefreshAntiforgery()
    {
        var token = await Http.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery");
        Http.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        Http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", token.GetProperty("token").GetString());
    }

    public async Task<HttpResponseMessage> SignIn(string userName, string password)
    {
        await RefreshAntiforgery();
        var response = await Http.PostAsJsonAsync("/api/v1/auth/sign-in", new { userName, password });
        // The antiforgery token is bound to the signed-in identity: take a new one.
        if (response.IsSuccessStatusCode)
            await RefreshAntiforgery();
        return response;
    }

    public Task<HttpResponseMessage> Send(HttpMethod method, string url, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null || method != HttpMethod.Get)
            request.Content = JsonContent.Create(body ?? new { });
        return Http.SendAsync(request);
    }

    public static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
