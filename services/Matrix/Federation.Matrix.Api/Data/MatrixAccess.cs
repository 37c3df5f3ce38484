namespace Federation.Matrix.Data;

/// <summary>A scope as a read finds it: whether the caller may read its matrix, and the sources' times (JSON).</summary>
public sealed class ScopeRead
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public Guid? LeadSchoolId { get; init; }
    public bool MayRead { get; init; }
    public DateTimeOffset? AsOf { get; init; }
    public string Sources { get; init; } = "[]";

    public ScopeRow Scope => new() { Id = Id, Kind = Kind, Name = Name, LeadSchoolId = LeadSchoolId };
}

/// <summary>Who reads a scope's matrix (issue 12): a federation's executive principal, a cluster's
/// chair, the heads of its current member schools, and the local-authority officers of a member
/// school's authority (or the cluster's). Platform administrators read every matrix (the caller
/// decides that). From the access replica's roles, in one query.</summary>
public sealed class MatrixAccess(NpgsqlDataSource dataSource)
{
    /// <summary>Whether one of the person's roles today reads the scope's matrix (@personId, @scopeId, @today).</summary>
    private const string MayRead = """
        exists (
            select 1 from access_role_assignments r
            where r.person_id = @personId and r.starts_on <= @today and (r.ends_on is null or r.ends_on >= @today)
              and ((r.role in ('executivePrincipal', 'clusterChair') and r.scope_id = @scopeId)
                or (r.role in ('headteacher', 'headOfSchool') and r.scope_kind = 'school'
                    and r.scope_id in (select school_id from matrix_members where scope_id = @scopeId and left_on is null))
                or (r.role = 'localAuthorityOfficer' and r.scope_id in (
                        select s.local_authority_id from access_schools s
                        where s.id in (select school_id from matrix_members where scope_id = @scopeId and left_on is null)
                        union select c.local_authority_id from access_clusters c where c.id = @scopeId))))
        """;

    public Task<bool> MayReadAsync(Guid personId, Guid scopeId, DateOnly today, CancellationToken cancellationToken) =>
        dataSource.SingleAsync<bool>($"select {MayRead}", new { personId, scopeId, today }, cancellationToken);

    /// <summary>In one round trip, what reading a matrix needs first: the scope, whether the person
    /// the caller's token's subject is bound to may read it, and the sources' times (asOf and
    /// sources of the answer). Null for a scope that does not exist.</summary>
    public Task<ScopeRead?> ReadAsync(Guid scopeId, string kind, string? subject, DateOnly today, CancellationToken cancellationToken) =>
        dataSource.SingleOrDefaultAsync<ScopeRead>(
            $"""
            select s.id, s.kind, s.name, s.lead_school_id,
                   coalesce((select {MayRead.Replace("@personId", "p.id")} from access_people p where p.subject = @subject), false) as may_read,
                   (select coalesce(json_agg(json_build_object('service', service, 'lastEventAt', last_event_at, 'lastReceivedAt', last_received_at)
                                     order by service), '[]')::text from matrix_sources) as sources,
                   (select max(last_event_at) from matrix_sources) as as_of
            from matrix_scopes s where s.id = @scopeId and s.kind = @kind
            """,
            new { scopeId, kind, subject, today }, cancellationToken);

    /// <summary>Whether the person leads <paramref name="schoolId"/> (its head or head of school, or
    /// the executive principal of a federation it is in): the records behind its cells are theirs
    /// to read (DOMAIN.md §4: drilling down is for the school's leadership).</summary>
    public Task<bool> LeadsSchoolAsync(Guid personId, Guid schoolId, DateOnly today, CancellationToken cancellationToken) =>
        dataSource.SingleAsync<bool>(
            """
            select exists (
                select 1 from access_role_assignments r
                where r.person_id = @personId and r.starts_on <= @today and (r.ends_on is null or r.ends_on >= @today)
                  and ((r.role in ('headteacher', 'headOfSchool') and r.scope_kind = 'school' and r.scope_id = @schoolId)
                    or (r.role = 'executivePrincipal' and r.scope_id in (select federation_id from access_federation_members where school_id = @schoolId))))
            """,
            new { personId, schoolId, today }, cancellationToken);

    /// <summary>Whose calendar sets a scope's cycles: a federation's lead school, a cluster's local authority.</summary>
    public Task<Guid?> CalendarOfAsync(ScopeRow scope, CancellationToken cancellationToken) =>
        scope.LeadSchoolId is { } lead
            ? Task.FromResult<Guid?>(lead)
            : dataSource.SingleOrDefaultAsync<Guid?>("select local_authority_id from access_clusters where id = @Id", new { scope.Id }, cancellationToken);
}
