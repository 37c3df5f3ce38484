using Federation.BuildingBlocks.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Federation.Gateway;

public static class ServiceRoutes
{
    /// <summary>YARP routes and clusters from the "ReverseProxy" configuration section: a new
    /// service adds routes there, not code. Ready means every service behind the gateway is ready.</summary>
    public static WebApplicationBuilder AddServiceRoutes(this WebApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddHttpClient(nameof(ServicesReadyCheck), client => client.Timeout = TimeSpan.FromSeconds(3));
        builder.Services.AddHealthChecks().AddCheck<ServicesReadyCheck>("services", tags: [HostingDefaults.ReadyTag]);
        return builder;
    }

    /// <summary>The proxy. A service that cannot be reached (stopped, restarting, not yet started)
    /// is answered 503 with Retry-After, as a busy one is: the caller tries again shortly, where
    /// YARP's own answer would be a bare 502.</summary>
    public static WebApplication MapServiceRoutes(this WebApplication app)
    {
        app.MapReverseProxy(proxy => proxy.Use(async (context, next) =>
        {
            await next();
            if (context.GetForwarderErrorFeature() is { Error: ForwarderError.Request }
                && !context.Response.HasStarted)
            {
                var service = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
                await Backpressure.WriteBusyAsync(context, UnreachableRetryAfter, $"The {service} service cannot be reached at the moment.");
            }
        }));
        return app;
    }

    private static readonly TimeSpan UnreachableRetryAfter = TimeSpan.FromSeconds(2);
}

public static class ServiceDocuments
{
    /// <summary>An API reference page at /scalar listing every service's OpenAPI document, which
    /// each service's "&lt;service&gt;-openapi" route serves at /openapi/&lt;service&gt;/v1.json.</summary>
    public static IEndpointRouteBuilder MapServiceDocuments(this WebApplication app)
    {
        // The services are the clusters with an OpenAPI route (the web application has none).
        var routes = app.Configuration.GetSection("ReverseProxy:Routes").GetChildren().Select(route => route.Key).ToHashSet();
        var services = app.Configuration.GetSection("ReverseProxy:Clusters").GetChildren().Select(cluster => cluster.Key)
            .Where(cluster => routes.Contains($"{cluster}-openapi")).ToList();
        app.MapScalarApiReference(options =>
        {
            options.Title = "Federation API";
            foreach (var service in services)
            {
                options.AddDocument(service, $"Federation {service} API", $"/openapi/{service}/v1.json");
            }
        }).AllowAnonymous();
        return app;
    }
}

/// <summary>Asks each destination of each YARP cluster for its /health/ready.</summary>
internal sealed class ServicesReadyCheck(IProxyStateLookup proxyState, IHttpClientFactory httpClients) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var client = httpClients.CreateClient(nameof(ServicesReadyCheck));
        var checks = proxyState.GetClusters()
            .SelectMany(cluster => cluster.Destinations.Values.Select(destination => (cluster.ClusterId, destination.Model.Config.Address)))
            .Select(async target => (target.ClusterId, Ready: await IsReadyAsync(client, target.Address, cancellationToken)));
        var results = await Task.WhenAll(checks);
        var notReady = results.Where(result => !result.Ready).Select(result => result.ClusterId).Distinct().ToList();
        var data = results.ToDictionary(result => result.ClusterId, result => (object)(result.Ready ? "ready" : "not ready"));
        return notReady.Count == 0
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Unhealthy($"Not ready: {string.Join(", ", notReady)}.", data: data);
    }

    private static async Task<bool> IsReadyAsync(HttpClient client, string address, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(new Uri(new Uri(address), "health/ready"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
