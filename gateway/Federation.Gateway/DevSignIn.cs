using System.Net.Mail;
using Federation.BuildingBlocks.Api;
using Federation.BuildingBlocks.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Federation.Gateway;

/// <summary>Development sign-in for the demo people.</summary>
/// <param name="Email">e.g. admin@example.org (a platform administrator in the demo).</param>
public sealed record DevTokenRequest(string? Email);

/// <summary>A bearer token for the Authorization header.</summary>
public sealed record DevTokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

public static class DevSignIn
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>POST /dev/token: mapped in Development only, so it does not exist in Production.</summary>
    public static IEndpointRouteBuilder MapDevSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/dev/token", IssueToken).AllowAnonymous().WithName("DevToken");
        return endpoints;
    }

    private static Results<Ok<DevTokenResponse>, ValidationProblem> IssueToken(DevTokenRequest request, AuthenticationSettings settings)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || !MailAddress.TryCreate(request.Email.Trim(), out _))
        {
            return FieldErrors.Problem("email", "A valid email address is required.");
        }
        return TypedResults.Ok(new DevTokenResponse(DevTokens.Issue(settings, request.Email, Lifetime), DateTimeOffset.UtcNow.Add(Lifetime)));
    }
}
