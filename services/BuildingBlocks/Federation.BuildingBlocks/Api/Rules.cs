using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Federation.BuildingBlocks.Api;

/// <summary>A business rule a request can clash with. Code is stable (clients may match on it);
/// Title says the rule in words.</summary>
public sealed record Rule(string Code, string Title)
{
    /// <summary>409 Conflict ProblemDetails that names this rule.</summary>
    public ProblemHttpResult Conflict(string detail) => TypedResults.Problem(ProblemFor(detail));

    public Microsoft.AspNetCore.Mvc.ProblemDetails ProblemFor(string detail) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Type = $"urn:federation:rules:{Code}",
        Title = Title,
        Detail = detail,
        Extensions = { ["rule"] = Code },
    };
}
