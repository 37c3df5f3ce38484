using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Federation.BuildingBlocks.Hosting;

/// <summary>Names query parameters in the OpenAPI document as callers write them (?schoolId=), not
/// as the [AsParameters] records spell their properties (SchoolId). Binding ignores case either way.</summary>
internal sealed class CamelCaseQueryParameters : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In == ParameterLocation.Query && parameter.Name is { } name)
            {
                parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(name);
            }
        }
        return Task.CompletedTask;
    }
}
