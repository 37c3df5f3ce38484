using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Federation.BuildingBlocks.Api;

/// <summary>Turns a request the framework could not read (malformed JSON, a value of the wrong
/// type, an unknown member, a body over the size limit) into a ProblemDetails that names the
/// field, instead of a bare 400.</summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }
        httpContext.Response.StatusCode = badRequest.StatusCode;
        ProblemDetails problem = FindJsonException(badRequest) is { } json
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [FieldName(json.Path)] = [JsonErrorMessage(json)],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not valid JSON for this endpoint.",
            }
            : FindQueryParameter(badRequest.Message) is { } parameter
                ? new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [parameter] = ["This value is not valid here: check its type and, for a choice, the allowed values in the OpenAPI document."],
                })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "A parameter of the request is not valid.",
                }
                : new ProblemDetails { Status = badRequest.StatusCode, Title = badRequest.Message };
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                return json;
            }
        }
        return null;
    }

    /// <summary>The camelCase name of the parameter in ASP.NET Core's 'Failed to bind parameter
    /// "Nullable&lt;Guid&gt; SchoolId" from "x".', or null for another message. Minimal APIs give
    /// nothing but this message when a query value does not parse (dotnet/aspnetcore#57337, tracked
    /// in #35501), so it is read here, in one place; IdentityTests pins what it yields.</summary>
    internal static string? FindQueryParameter(string message) =>
        BindFailure().Match(message) is { Success: true } match ? JsonNamingPolicy.CamelCase.ConvertName(match.Groups["name"].Value) : null;

    [GeneratedRegex("""^Failed to bind parameter "[^"]*?(?<name>\w+)" from""")]
    private static partial Regex BindFailure();

    /// <summary>"$.members[0].schoolId" becomes "members[0].schoolId"; "$" (the whole body) becomes "body".</summary>
    internal static string FieldName(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string JsonErrorMessage(JsonException json) =>
        json.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "This field is not part of the request."
            : "This value is not valid here: check its type and, for a choice, the allowed values in the OpenAPI document.";
}
