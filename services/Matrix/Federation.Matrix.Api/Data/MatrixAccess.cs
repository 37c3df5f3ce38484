namespace Federation.Matrix.Data;

/// <summary>Who reads a scope's matrix (issue 12): a federation's executive principal, a cluster's
/// chair, the heads of its current member schools, and the local-authority officers of a member
/// school's authority (or the cluster's). Platform administrators read every matrix (the caller
/// decides that). From the access replica's roles, in one query.</summary>
public sealed class MatrixAccess(NpgsqlDataSource dataSource)
{
    public Task<bool> MayReadAsync(Guid personId, Guid scopeId, DateOnly today, CancellationToken cancellationToken) =>
        dataSource.SingleAsync<bool>(
            """
            with members as (select school_id from matrix_members where scope_id = @scopeId and left_on is null)
            select exists (
                select 1 from access_role_assignments r
                where r.person_id = @personId and r.starts_on <= @today and (r.ends_on is null or r.ends_on >= @today)
                  and ((r.role in ('executivePrincipal', 'clusterChair') and r.scope_id = @scopeId)
                    or (r.role in ('headteacher', 'headOfSchool') and r.scope_kind = 'school' and r.scope_id in (select school_id from members))
                    or (r.role = 'localAuthorityOfficer' and r.scope_id in (
                            select s.local_authority_id from access_schools s where s.id in (select school_id from members)
                            union select c.local_authority_id from access_clusters c where c.id = @scopeId))))
            """,
            new { personId, scopeId, today }, cancellationToken);

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
