using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Federation.BuildingBlocks.Api;

/// <summary>400 ProblemDetails that name fields, for checks a validator cannot make alone
/// (an id that must exist).</summary>
public static class FieldErrors
{
    public static ValidationProblem Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The same 400, typed as a ProblemHttpResult, for a check that may also answer 403 or 409.</summary>
    public static ProblemHttpResult ProblemResult(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
        });

    public static string UnknownId(string what) => $"No {what} has this id.";
}
