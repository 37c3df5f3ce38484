using System.Reflection;
using Federation.BuildingBlocks.Data;
using Federation.BuildingBlocks.Messaging;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
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
        builder.Services.ConfigureAll<OpenApiOptions>(options => options.AddDocumentTransformer(new ServiceDocumentTransformer(serviceName)));
        builder.Services.AddValidatorsFromAssemblies([serviceAssembly, typeof(ServiceDefaults).Assembly], includeInternalTypes: true);
        builder.AddDatabase(serviceAssembly);
        builder.AddMessaging(serviceName, serviceAssembly);
        return builder;
    }

    /// <summary>Applies the migrations (the service refuses to start if one fails), then the
    /// middleware, health endpoints and the OpenAPI document.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.MigrateDatabase();
        app.UseHostingDefaults();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        return app;
    }
}
