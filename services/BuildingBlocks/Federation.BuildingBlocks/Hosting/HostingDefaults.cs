using System.Text.Json;
using System.Text.Json.Serialization;
using Federation.BuildingBlocks.Api;
using Federation.BuildingBlocks.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Events;

namespace Federation.BuildingBlocks.Hosting;

/// <summary>What the gateway and every service share: logging, tracing, errors as ProblemDetails,
/// JSON conventions, authentication and the health endpoints.</summary>
public static class HostingDefaults
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddHostingDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.AddObservability(serviceName);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<RuleConstraintExceptionHandler>();
        // Bad JSON reaches BadRequestExceptionHandler, which names the field, in every environment.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(options => ConfigureJson(options.SerializerOptions));

        var maxBodyBytes = builder.Configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 1_048_576;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBodyBytes);
        builder.AddFederationAuthentication();
        return builder;
    }

    /// <summary>What every process of the platform has, the web application too: logs, traces and
    /// metrics, and the health checks behind /health/live and /health/ready.</summary>
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddSerilog((_, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Extensions.Http", LogEventLevel.Warning)
            .MinimumLevel.Override("Yarp", LogEventLevel.Warning)
            .MinimumLevel.Override("Npgsql", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", serviceName)
            .WriteTo.Console(outputTemplate:
                "[{Timestamp:HH:mm:ss} {Level:u3}] {Service} {TraceId} {SourceContext}: {Message:lj}{NewLine}{Exception}"));

        // Traces and metrics leave the process only for an OTLP endpoint; without one they are not
        // gathered at all, which spares every request the work. Logs and ProblemDetails carry a
        // trace id either way: ASP.NET Core starts an activity per request (continuing the
        // caller's traceparent) and the gateway passes it on.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(serviceName))
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(options =>
                        options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddSource("MassTransit"))
                .WithMetrics(metrics => metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter("MassTransit"))
                .UseOtlpExporter();
        }
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>camelCase, enums as camelCase strings, numbers as numbers, and unknown members
    /// refused, so that nothing a caller sends is silently dropped or guessed at.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    }

    /// <summary>A request slower than this is logged as a warning, wherever it is served.</summary>
    public static readonly TimeSpan SlowRequest = TimeSpan.FromSeconds(1);

    /// <param name="app">The application.</param>
    /// <param name="afterAuthentication">Middleware that needs to know the caller but must run
    /// before authorization refuses anyone (the gateway's rate limiter).</param>
    /// <param name="logEveryRequest">True for the gateway, whose log is the platform's access log
    /// (every request at Information). A service logs a request that failed (Error) or was slow
    /// (Warning); the others at Debug, so a request is not written twice.</param>
    public static WebApplication UseHostingDefaults(this WebApplication app, Action<WebApplication>? afterAuthentication = null, bool logEveryRequest = false)
    {
        app.UseRequestLogging(logEveryRequest);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseInputRules();
        app.UseAuthentication();
        afterAuthentication?.Invoke(app);
        app.UseAuthorization();
        app.MapHealthEndpoints();
        return app;
    }

    /// <summary>The request log: first in the pipeline, so that it logs the status the caller got.</summary>
    public static WebApplication UseRequestLogging(this WebApplication app, bool logEveryRequest)
    {
        // Outermost, so that it logs the status the caller got: bad JSON that the exception
        // handler answers with 400 is logged as 400, not as the exception on its way out.
        app.UseSerilogRequestLogging(options => options.GetLevel = (context, elapsedMilliseconds, exception) =>
            exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
            : context.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
            : elapsedMilliseconds > SlowRequest.TotalMilliseconds ? LogEventLevel.Warning
            : logEveryRequest ? LogEventLevel.Information
            : LogEventLevel.Debug);
        return app;
    }

    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", HealthOptions(LiveTag)).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", HealthOptions(ReadyTag)).AllowAnonymous();
    }

    private static HealthCheckOptions HealthOptions(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResponseWriter = WriteHealthAsync,
    };

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description ?? entry.Value.Exception?.Message }),
        });
    }
}
