using System.Security.Claims;
using Federation.BuildingBlocks.Auth;
using Federation.BuildingBlocks.Data;
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

    /// <summary>The identity provider's stable subject of the caller's token (null without one): a
    /// read that checks access in its own query finds the caller's person by it.</summary>
    public string? Subject => User.FindFirst(ClaimNames.Subject)?.Value;

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

    /// <summary>The 403 to answer, saying <paramref name="detail"/>, unless one of the caller's roles
    /// grants <paramref name="permission"/> on <paramref name="target"/> (see <see cref="MayAsync"/>);
    /// null when it does: <c>if (await caller.DeniedUnlessAsync(...) is { } denied) return denied;</c></summary>
    public async Task<ProblemHttpResult?> DeniedUnlessAsync(Permission permission, Scope target, string detail, CancellationToken cancellationToken) =>
        await MayAsync(permission, target, cancellationToken) ? null : Denied(detail);

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
        return await dataSource.ReadAsync(async session =>
        {
            var (person, scopes) = await AccessReach.ForSubjectAsync(session, subject, clock.Today());
            if (person is null && await BindAsync(session, subject))
            {
                (person, scopes) = await AccessReach.ForSubjectAsync(session, subject, clock.Today());
            }
            return person is null ? Reach.Nobody : new Reach(person, scopes);
        }, cancellationToken);
    }

    /// <summary>A first sign-in: the person whose record has the token's email, verified by the
    /// identity provider, and no subject yet, is bound to this subject here and, through the
    /// outbox, in every other service. True when the caller is now bound (here, or by a request of
    /// theirs that got there first). A caller with no such record (an administrator who is not
    /// staff, someone not registered) costs one read, not a transaction on every request. On the
    /// request's one connection: a request never waits for a second connection while holding one.</summary>
    private async Task<bool> BindAsync(SqlSession session, string subject)
    {
        if (Email.Length == 0 || !EmailVerified)
        {
            return false;
        }
        // A request of theirs may have bound them since this one looked: then there is nothing to
        // bind, but they are bound.
        var standing = await session.SingleAsync<string?>(
            """
            select case when exists (select 1 from access_people where subject = @subject) then 'bound'
                        when exists (select 1 from access_people where lower(email) = @Email and subject is null) then 'unbound' end
            """,
            new { subject, Email });
        if (standing is not "unbound")
        {
            return standing is "bound";
        }
        var cancellationToken = session.CancellationToken;
        await using var transaction = await session.Connection.BeginTransactionAsync(cancellationToken);
        var binding = new SqlSession(session.Connection, transaction, cancellationToken);
        try
        {
            var personId = await binding.SingleOrDefaultAsync<Guid?>(
                """
                update access_people set subject = @subject
                where id = (select id from access_people where lower(email) = @Email and subject is null order by id limit 1)
                returning id
                """,
                new { subject, Email });
            if (personId is not null)
            {
                await Outbox.AddAndApplyToReplicaAsync(binding, new PersonSignInBound(personId.Value, subject, Email, clock.GetUtcNow()));
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
