using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Federation.Web.SignIn;
using Microsoft.AspNetCore.Authentication;

namespace Federation.Web.Gateway;

public static class GatewaySettings
{
    /// <summary>Where the pages call the APIs (Gateway:Address): the gateway, on the server side.</summary>
    public static Uri Address(IConfiguration configuration) => new(configuration["Gateway:Address"] ?? "http://127.0.0.1:8080");

    public static WebApplicationBuilder AddGatewayClient(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<BearerOfTheSignedIn>();
        builder.Services.AddHttpClient<GatewayClient>(client =>
            {
                client.BaseAddress = Address(builder.Configuration);
                client.Timeout = TimeSpan.FromSeconds(30);
            })
            .AddHttpMessageHandler<BearerOfTheSignedIn>();
        return builder;
    }
}

/// <summary>Puts the signed-in person's access token on each call to the gateway.</summary>
public sealed class BearerOfTheSignedIn(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } context && await context.GetTokenAsync(WebSignIn.AccessToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>What a write answered: success, or the API's ProblemDetails (its title, detail and
/// each field's messages, which the page shows next to the field).</summary>
public sealed record Outcome(HttpStatusCode Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> FieldErrors)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;
}

/// <summary>The platform's APIs, through the gateway, as the signed-in person.</summary>
public sealed class GatewayClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The resource, or null when the API answers 404 (it does not exist, or the person may not see it).</summary>
    public async Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        using var response = await http.GetAsync(path, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return null;
        }
        await ThrowUnlessSucceededAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
    }

    public Task<Outcome> PostAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, cancellationToken);

    /// <summary>A POST whose answer the page reads (the resource made): the outcome, and the resource when it succeeded.</summary>
    public async Task<(Outcome Outcome, T? Resource)> PostForAsync<T>(string path, object? body, CancellationToken cancellationToken) where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        using var response = await http.SendAsync(request, cancellationToken);
        var outcome = await OutcomeAsync(response, cancellationToken);
        return (outcome, outcome.Succeeded ? await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken) : null);
    }

    /// <summary>A POST of a file as it is (a CSV): the outcome, and what the API answered when it succeeded.</summary>
    public async Task<(Outcome Outcome, T? Resource)> PostFileAsync<T>(string path, Stream file, string contentType, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StreamContent(file) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType) } },
        };
        using var response = await http.SendAsync(request, cancellationToken);
        var outcome = await OutcomeAsync(response, cancellationToken);
        return (outcome, outcome.Succeeded ? await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken) : null);
    }

    public Task<Outcome> PutAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, body, cancellationToken);

    /// <summary>The response as it comes, for the caller to stream on (a CSV, server-sent events).</summary>
    public async Task<HttpResponseMessage> OpenAsync(string path, string accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw new SignInExpiredException();
        }
        return response;
    }

    private async Task<Outcome> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        using var response = await http.SendAsync(request, cancellationToken);
        return await OutcomeAsync(response, cancellationToken);
    }

    private static async Task<Outcome> OutcomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return new Outcome(response.StatusCode, null, null, new Dictionary<string, string[]>());
        }
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new SignInExpiredException();
        }
        var problem = await ProblemAsync(response, cancellationToken);
        return new Outcome(response.StatusCode, problem?.Title ?? response.ReasonPhrase, problem?.Detail, problem?.Errors ?? new Dictionary<string, string[]>());
    }

    private static async Task ThrowUnlessSucceededAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new SignInExpiredException();
        }
        if (!response.IsSuccessStatusCode)
        {
            var problem = await ProblemAsync(response, cancellationToken);
            throw new HttpRequestException($"{response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {problem?.Title} {problem?.Detail}",
                null, response.StatusCode);
        }
    }

    private static async Task<Problem?> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json"
                ? await response.Content.ReadFromJsonAsync<Problem>(Json, cancellationToken)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Problem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
