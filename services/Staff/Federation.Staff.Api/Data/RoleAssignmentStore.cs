using Dapper;

namespace Federation.Staff.Data;

/// <summary>A role assignment as written.</summary>
public sealed record AssignmentDetails(
    Guid PersonId, Role Role, Guid ScopeId, DateOnly StartsOn, DateOnly? EndsOn, AssignmentKind Kind, LeadershipFunction? LeadershipFunction);

/// <summary>What ending a role came to.</summary>
public abstract record EndOutcome
{
    public sealed record Ended(RoleAssignmentRow Assignment) : EndOutcome;

    public sealed record AlreadyEnded(DateOnly EndsOn) : EndOutcome;
}

public sealed class RoleAssignmentStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    internal const string Select = """
        select r.id, r.person_id, p.name as person_name, r.role, r.scope_kind, r.scope_id, r.starts_on, r.ends_on, r.kind, r.leadership_function
        from role_assignments r join people p on p.id = r.person_id
        """;

    /// <summary>Who may see an assignment: its holder; whoever may read the staff of its scope
    /// (or of a scope within it); administrators.</summary>
    private const string VisibleIds = """
        select id from role_assignments where person_id = @CallerPersonId
        union select id from role_assignments where scope_id = any(@Visible)
        """;

    /// <summary>Held in the federation, cluster or local authority @Within, or in a school it covers
    /// today (the access replica's cover of the directory).</summary>
    private const string WithinScope = """
        exists (select 1 from access_scope_cover c
                where c.scope_kind in ('federation', 'cluster', 'localAuthority') and c.scope_id = @Within and c.target_id = r.scope_id)
        """;

    public Task<RoleAssignmentRow?> FindAsync(Guid id, AccessFilter access, CancellationToken cancellationToken) =>
        dataSource.SingleOrDefaultAsync<RoleAssignmentRow>(
            $"{Select} where {new WhereClause("r.id = @id").Visible(access, "r.id", VisibleIds)}", access.With(new { id }), cancellationToken);

    public Task<Page<RoleAssignmentRow>> ListAsync(
        RoleAssignmentFilter filter, PageRequest page, AccessFilter access, CancellationToken cancellationToken) =>
        dataSource.QueryPageAsync<RoleAssignmentRow>(
            Select,
            new WhereClause()
                .Visible(access, "r.id", VisibleIds)
                .And(filter.PersonId is not null, "r.person_id = @PersonId")
                .And(filter.ScopeId is not null, "r.scope_id = @ScopeId")
                .And(filter.Within is not null, WithinScope)
                .And(filter.Role is not null, "r.role = @Role")
                .And(filter.HeldOn is not null, "r.starts_on <= @HeldOn and (r.ends_on is null or r.ends_on >= @HeldOn)"),
            access.With(new
            {
                filter.PersonId,
                filter.ScopeId,
                filter.Within,
                Role = filter.Role?.Value.ToEventName(),
                filter.HeldOn,
            }),
            page, "r.id", assignment => assignment.Id, cancellationToken);

    /// <summary>Where the person holds a role today or will hold one.</summary>
    public async Task<IReadOnlyList<Scope>> ScopesHeldAsync(Guid personId, CancellationToken cancellationToken)
    {
        var rows = await dataSource.QueryAsync<(string Kind, Guid Id)>(
            "select distinct scope_kind, scope_id from role_assignments where person_id = @personId and (ends_on is null or ends_on >= @today)",
            new { personId, today = clock.Today() }, cancellationToken);
        return rows.Select(row => new Scope(Enum.Parse<ScopeKind>(row.Kind, ignoreCase: true), row.Id)).ToList();
    }

    public Task<RoleAssignmentRow> AssignAsync(Guid id, AssignmentDetails assignment, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await session.TakeTurnAsync(StaffDataSetup.RoleNotHeldTwice, assignment.PersonId);
            var scopeKind = assignment.Role.ScopeKind().ToEventName();
            await session.ExecuteAsync(
                """
                insert into role_assignments (id, person_id, role, scope_kind, scope_id, starts_on, ends_on, kind, leadership_function)
                values (@id, @PersonId, @Role, @scopeKind, @ScopeId, @StartsOn, @EndsOn, @Kind, @LeadershipFunction)
                """,
                new
                {
                    id,
                    assignment.PersonId,
                    Role = assignment.Role.ToEventName(),
                    scopeKind,
                    assignment.ScopeId,
                    assignment.StartsOn,
                    assignment.EndsOn,
                    Kind = assignment.Kind.ToEventName(),
                    LeadershipFunction = assignment.LeadershipFunction?.ToEventName(),
                });
            var assigned = await ReadAsync(session, id);
            await Outbox.AddAndApplyToReplicaAsync(session, assigned.ToAssigned(clock.GetUtcNow()));
            return assigned;
        }, cancellationToken);

    /// <summary>Makes <paramref name="endsOn"/> the assignment's last day, unless it already ends by then.</summary>
    public Task<EndOutcome> EndAsync(Guid id, DateOnly endsOn, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync<EndOutcome>(async session =>
        {
            var current = await session.SingleAsync<RoleAssignmentRow>(
                $"{Select} where r.id = @id for update of r", new { id });
            if (current.EndsOn is { } alreadyEndsOn && alreadyEndsOn <= endsOn)
            {
                return new EndOutcome.AlreadyEnded(alreadyEndsOn);
            }
            await session.ExecuteAsync(
                "update role_assignments set ends_on = @endsOn, updated_at = now() where id = @id",
                new { id, endsOn });
            var ended = current with { EndsOn = endsOn };
            await Outbox.AddAndApplyToReplicaAsync(session, ended.ToEnded(clock.GetUtcNow()));
            return new EndOutcome.Ended(ended);
        }, cancellationToken);

    private static Task<RoleAssignmentRow> ReadAsync(SqlSession session, Guid id) =>
        session.SingleAsync<RoleAssignmentRow>(
            $"{Select} where r.id = @id", new { id });
}
