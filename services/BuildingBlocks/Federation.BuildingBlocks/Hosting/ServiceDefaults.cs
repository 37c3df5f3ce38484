using System.Reflection;
using Federation.BuildingBlocks.Access;
using Federation.BuildingBlocks.Audit;
using Federation.BuildingBlocks.Data;
using Federation.BuildingBlocks.Messaging;
using FluentValidation;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;

namespace Federation.BuildingBlocks.Hosting;

/// <summary>Everything a Federation service needs, so that its Program.cs stays a few lines.</summary>
public static class ServiceDefaults
{
    /// <param name="builder">The service's builder.</param>
    /// <param name="serviceName">Short name (schools, staff...): logs, traces, queue names.</param>
    /// <param name="serviceAssembly">The service's own assembly: its embedded SQL migrations,
    /// request validators and message consumers are found there.</param>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName, Assembly serviceAssembly)
    {
        builder.AddHostingDefaults(serviceName);
        // The service itself calls AddOpenApi(): the call is intercepted by the OpenAPI source
        // generator of the calling project, which is what brings that project's XML comments in.
        builder.Services.ConfigureAll<OpenApiOptions>(options => options
            .AddDocumentTransformer(new ServiceDocumentTransformer(serviceName))
            .AddOperationTransformer(new CamelCaseQueryParameters()));
        // Singletons: building a validator compiles its rules' expressions (milliseconds of JIT),
        // so one per request made it the costliest part of a write. Validators hold no state; a
        // rule that depends on the day reads the clock when it runs.
        builder.Services.AddValidatorsFromAssemblies([serviceAssembly, typeof(ServiceDefaults).Assembly], ServiceLifetime.Singleton, includeInternalTypes: true);
        builder.AddDatabase(serviceAssembly);
        builder.AddBackpressure();
        if (builder.Configuration.GetValue<bool>(DeployOnlySwitch))
        {
            builder.Configuration["Messaging:DeployTopologyOnly"] = "true";
        }
        builder.AddMessaging(serviceName, serviceAssembly);
        builder.Services.AddAccess(serviceName);
        return builder;
    }

    /// <summary>Applies the migrations (the service refuses to start if one fails), then the
    /// middleware (the caller becomes the audit log's actor of what the request changes), health
    /// endpoints, the OpenAPI document and the service's audit log (GET /api/audit).</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        // DeployOnly still migrates: the deployment step prepares the database and the broker.
        app.MigrateDatabase();
        // Where a caller reached the platform, as the gateway forwards it; such headers are taken
        // only from a proxy on this machine (ForwardedHeadersOptions.KnownProxies: loopback).
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto });
        app.UseHostingDefaults(afterAuthentication: service => service.UseRateLimiter().UseAuditActor());
        app.MapOpenApi().AllowAnonymous();
        app.MapAuditApi();
        app.MapScalarApiReference().AllowAnonymous();
        return app;
    }

    /// <summary>Runs the service; or, started with --DeployOnly=true, migrates its database and
    /// declares its queues, exchanges and bindings on the broker, then exits. Run that step for
    /// every service before starting any (./fed up does), so that no event is published before
    /// the queues that want it exist.</summary>
    public static void RunService(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(DeployOnlySwitch))
        {
            app.Run();
            return;
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        app.Services.GetRequiredService<IBusControl>().DeployAsync(timeout.Token).GetAwaiter().GetResult();
        app.Logger.LogInformation("Database migrated and broker topology deployed; exiting (DeployOnly)");
    }

    private const string DeployOnlySwitch = "DeployOnly";
}
