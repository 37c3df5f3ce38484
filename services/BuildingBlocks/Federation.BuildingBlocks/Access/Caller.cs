using System.Security.Claims;
using Dapper;
using Federation.BuildingBlocks.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Federation.BuildingBlocks.Access;

/// <summary>The signed-in person making this request, and what they may do: answered from this
/// service's access replica (roles held today, Europe/London) and Platform:Administrators.</summary>
public sealed class Caller(IHttpContextAccessor httpContext, PlatformAdministrators administrators, NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>The email of the caller's token, lower case; empty when the token has none.</summary>
    public string Email => User.FindFirst(ClaimNames.Email)?.Value.Trim().ToLowerInvariant() ?? "";

    public bool IsAdministrator => administrators.Include(User);

    private ClaimsPrincipal User =>
        httpContext.HttpContext?.User ?? throw new InvalidOperationException("Caller is only available during a request.");

    /// <summary>True when one of the caller's roles grants <paramref name="permission"/> on
    /// <paramref name="target"/> or on a scope that covers it (or the caller is an administrator).</summary>
    public async Task<bool> MayAsync(Permission permission, Scope target, CancellationToken cancellationToken)
    {
        if (IsAdministrator)
        {
            return true;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select access_granted(@Email, @On, @Roles, @Kind, @Id)",
            new { Email, On = clock.Today(), Roles = RoleRules.RoleNames(permission), Kind = target.Kind.ToEventName(), target.Id },
            cancellationToken: cancellationToken));
    }

    /// <summary>Parameters for a store's SQL that filters rows with access_visible(@CallerEmail,
    /// @AccessOn, @AccessRoles, kind, id) or @CallerIsAdministrator: what a person may see runs up
    /// their chain (their federation, cluster and local authority) as well as down it, never sideways.</summary>
    public AccessFilter Filter(Permission permission) =>
        new(Email, IsAdministrator, clock.Today(), RoleRules.RoleNames(permission));

    /// <summary>403 ProblemDetails for an object the caller may see but not change.</summary>
    public static ProblemHttpResult Denied(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not permitted", detail: detail);
}

/// <summary>See <see cref="Caller.Filter"/>.</summary>
public sealed record AccessFilter(string CallerEmail, bool CallerIsAdministrator, DateOnly AccessOn, string[] AccessRoles)
{
    /// <summary>These parameters and a query's own, for Dapper.</summary>
    public DynamicParameters With(object parameters)
    {
        var all = new DynamicParameters(this);
        all.AddDynamicParams(parameters);
        return all;
    }
}
