using System.Security.Claims;
using Dapper;
using Federation.BuildingBlocks.Auth;
using Federation.BuildingBlocks.Messaging;
using Federation.Contracts.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Federation.BuildingBlocks.Access;

/// <summary>The signed-in person making this request, and what they may do: answered from this
/// service's access replica (roles held today, Europe/London) and Platform:Administrators.
/// Who the caller is comes from the token's subject (bound to their person record on their first
/// sign-in by their verified email); what they may reach is worked out once per request, with one
/// query, and every check and list filter of the request is answered from it.</summary>
public sealed class Caller(IHttpContextAccessor httpContext, PlatformAdministrators administrators, NpgsqlDataSource dataSource, TimeProvider clock)
{
    private Task<Reach>? reach;

    /// <summary>The email of the caller's token, lower case; empty when the token has none. It
    /// names the caller in records (who approved...); it does not decide who they are.</summary>
    public string Email => User.FindFirst(ClaimNames.Email)?.Value.Trim().ToLowerInvariant() ?? "";

    public bool IsAdministrator => administrators.Include(User);

    private ClaimsPrincipal User =>
        httpContext.HttpContext?.User ?? throw new InvalidOperationException("Caller is only available during a request.");

    /// <summary>The caller's person record (null when the staff service does not know them).</summary>
    public async Task<KnownPerson?> PersonAsync(CancellationToken cancellationToken) => (await ReachAsync(cancellationToken)).Person;

    /// <summary>True when one of the caller's roles grants <paramref name="permission"/> on
    /// <paramref name="target"/> or on a scope that covers it (or the caller is an administrator).</summary>
    public async Task<bool> MayAsync(Permission permission, Scope target, CancellationToken cancellationToken)
    {
        if (IsAdministrator)
        {
            return true;
        }
        return (await ReachAsync(cancellationToken)).Scopes.Grants(permission, target);
    }

    /// <summary>Parameters for a store's SQL that filters rows the caller may see with
    /// <c>x.school_id = any(@Visible)</c>; see <see cref="AccessFilter"/>.</summary>
    public async Task<AccessFilter> FilterAsync(Permission permission, CancellationToken cancellationToken)
    {
        var caller = await ReachAsync(cancellationToken);
        return new AccessFilter(
            IsAdministrator, caller.Person?.Id, clock.Today(), caller.Scopes.Visible(permission), caller.Scopes.Granted(permission));
    }

    /// <summary>403 ProblemDetails for an object the caller may see but not change.</summary>
    public static ProblemHttpResult Denied(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not permitted", detail: detail);

    private Task<Reach> ReachAsync(CancellationToken cancellationToken) => reach ??= LoadAsync(cancellationToken);

    /// <summary>The caller's person and every scope their roles reach today: one round trip,
    /// and on a first sign-in the binding first.</summary>
    private async Task<Reach> LoadAsync(CancellationToken cancellationToken)
    {
        var subject = User.FindFirst(ClaimNames.Subject)?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            return Reach.Nobody;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (person, scopes) = await AccessReach.ForSubjectAsync(connection, subject, clock.Today(), cancellationToken);
        if (person is null && await BindAsync(connection, subject, cancellationToken))
        {
            (person, scopes) = await AccessReach.ForSubjectAsync(connection, subject, clock.Today(), cancellationToken);
        }
        return person is null ? Reach.Nobody : new Reach(person, scopes);
    }

    /// <summary>A first sign-in: the person whose record has the token's email, verified by the
    /// identity provider, and no subject yet, is bound to this subject here and, through the
    /// outbox, in every other service. True when the caller is now bound (here, or by a request of
    /// theirs that got there first). A caller with no such record (an administrator who is not
    /// staff, someone not registered) costs one read, not a transaction on every request. On the
    /// request's one connection: a request never waits for a second connection while holding one.</summary>
    private async Task<bool> BindAsync(NpgsqlConnection connection, string subject, CancellationToken cancellationToken)
    {
        if (Email.Length == 0 || !EmailVerified)
        {
            return false;
        }
        var unbound = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from access_people where lower(email) = @Email and subject is null)",
            new { Email }, cancellationToken: cancellationToken));
        if (!unbound)
        {
            return false;
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            var personId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
                """
                update access_people set subject = @subject
                where id = (select id from access_people where lower(email) = @Email and subject is null order by id limit 1)
                returning id
                """,
                new { subject, Email }, transaction, cancellationToken: cancellationToken));
            if (personId is not null)
            {
                await Outbox.AddAsync(transaction, new PersonSignInBound(personId.Value, subject, Email, clock.GetUtcNow()), cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Two first requests of one person at once: the other bound them.
            await transaction.RollbackAsync(cancellationToken);
        }
        return true;
    }

    /// <summary>The provider vouches for the email (OpenID Connect's email_verified claim).</summary>
    private bool EmailVerified => string.Equals(User.FindFirst(ClaimNames.EmailVerified)?.Value, "true", StringComparison.OrdinalIgnoreCase);

    private sealed record Reach(KnownPerson? Person, AccessReach Scopes)
    {
        public static readonly Reach Nobody = new(null, AccessReach.Nothing);
    }
}

/// <summary>What the caller may see, for a store's SQL (Dapper parameters): administrators see
/// everything; others see what covers or is covered by the scopes of their roles that grant the
/// permission (<see cref="Visible"/>: ids of schools, federations, clusters and local authorities,
/// which are unique across kinds), and act on what those scopes cover (<see cref="Granted"/>).
/// Filter with <c>= any(@Visible)</c> on an indexed column, never with a function per row, and
/// only for those who are not administrators (<see cref="Data.WhereClause.Visible"/>).</summary>
/// <param name="AccessOn">Today (Europe/London): roles are held from their first day to their last.</param>
public sealed record AccessFilter(bool CallerIsAdministrator, Guid? CallerPersonId, DateOnly AccessOn, Guid[] Visible, Guid[] Granted)
{
    /// <summary>Sees everything: for the service's own work (its demo data), not for a caller.</summary>
    public static AccessFilter Administrator(DateOnly today) => new(true, null, today, [], []);

    /// <summary>These parameters and a query's own, for Dapper.</summary>
    public DynamicParameters With(object parameters)
    {
        var all = new DynamicParameters(this);
        all.AddDynamicParams(parameters);
        return all;
    }
}
