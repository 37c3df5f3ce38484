using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Federation.BuildingBlocks.Hosting;

/// <summary>Names the document after the service and tells OpenAPI readers (and the Scalar
/// page) that the API takes a JWT bearer token.</summary>
internal sealed class ServiceDocumentTransformer(string serviceName) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = $"Federation {serviceName} API";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "In Development: POST /dev/token on the gateway with {\"email\": \"admin@example.org\"}.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
