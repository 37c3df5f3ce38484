using Federation.Contracts.Schools;

namespace Federation.Schools.Data;

/// <summary>A cluster's own settings (not its members).</summary>
public sealed record ClusterSettings(string Name, Guid LocalAuthorityId, MeetingCadence MeetingCadence);

public sealed class ClusterStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    // The chair is whoever holds the clusterChair role today, as the access replica knows from the staff service.
    private const string Select = """
        select c.id, c.name, c.local_authority_id, c.meeting_cadence,
               (select r.person_id from access_role_assignments r
                where r.role = 'clusterChair' and r.scope_kind = 'cluster' and r.scope_id = c.id
                  and r.starts_on <= @today and (r.ends_on is null or r.ends_on >= @today)
                order by r.starts_on desc limit 1) as chair_person_id
        from clusters c
        """;

    public Task<ClusterRow?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        dataSource.ReadAsync(session => FindAsync(session, id), cancellationToken);

    public Task<Page<ClusterRow>> ListAsync(Guid? localAuthorityId, Guid? schoolId, PageRequest page, CancellationToken cancellationToken) =>
        dataSource.ReadAsync(async session =>
        {
            var clusters = await session.QueryPageAsync<ClusterRow>(
                Select,
                new WhereClause()
                    .And(localAuthorityId is not null, "c.local_authority_id = @localAuthorityId")
                    .And(schoolId is not null, """
                        exists (select 1 from cluster_members m where m.cluster_id = c.id and m.school_id = @schoolId and m.left_on is null)
                        """),
                new { localAuthorityId, schoolId, today = clock.Today() }, page, "c.id", cluster => cluster.Id);
            return clusters with { Items = await WithMembersAsync(session, clusters.Items) };
        }, cancellationToken);

    public Task<ClusterRow> FormAsync(Guid id, ClusterSettings settings, IReadOnlyList<Guid> memberSchoolIds, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                """
                insert into clusters (id, name, local_authority_id, meeting_cadence)
                values (@id, @Name, @LocalAuthorityId, @MeetingCadence)
                """,
                Parameters(id, settings));
            await Outbox.AddAndApplyToReplicaAsync(session, new ClusterFormed(id, settings.Name, settings.LocalAuthorityId, clock.GetUtcNow()));
            var today = clock.Today();
            foreach (var schoolId in memberSchoolIds)
            {
                await AddMemberAsync(session, id, schoolId, today, null);
            }
            return (await FindAsync(session, id))!;
        }, cancellationToken);

    /// <summary>Changes the settings; null when there is no such cluster.</summary>
    public Task<ClusterRow?> UpdateAsync(Guid id, ClusterSettings settings, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync<ClusterRow?>(async session =>
        {
            var updated = await session.ExecuteAsync(
                """
                update clusters set name = @Name, local_authority_id = @LocalAuthorityId, meeting_cadence = @MeetingCadence,
                       updated_at = now()
                where id = @id
                """,
                Parameters(id, settings));
            if (updated == 0)
            {
                return null;
            }
            await Outbox.AddAndApplyToReplicaAsync(session, new ClusterUpdated(id, settings.Name, settings.LocalAuthorityId, clock.GetUtcNow()));
            return (await FindAsync(session, id))!;
        }, cancellationToken);

    public Task<ClusterRow> JoinAsync(Guid id, Guid schoolId, DateOnly joinedOn, Guid? consentId, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await AddMemberAsync(session, id, schoolId, joinedOn, consentId);
            return (await FindAsync(session, id))!;
        }, cancellationToken);

    public Task<MembershipChange> LeaveAsync(Guid id, Guid schoolId, DateOnly leftOn, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync<MembershipChange>(async session =>
        {
            var left = await session.ExecuteAsync(
                "update cluster_members set left_on = @leftOn where cluster_id = @id and school_id = @schoolId and left_on is null",
                new { id, schoolId, leftOn });
            if (left == 0)
            {
                return new MembershipChange.NotFound();
            }
            await Outbox.AddAndApplyToReplicaAsync(session, new SchoolLeftCluster(id, schoolId, leftOn, clock.GetUtcNow()));
            return new MembershipChange.Done();
        }, cancellationToken);

    private async Task AddMemberAsync(SqlSession session, Guid clusterId, Guid schoolId, DateOnly joinedOn, Guid? consentId)
    {
        await session.ExecuteAsync(
            "insert into cluster_members (cluster_id, school_id, joined_on, consent_id) values (@clusterId, @schoolId, @joinedOn, @consentId)",
            new { clusterId, schoolId, joinedOn, consentId });
        await Outbox.AddAndApplyToReplicaAsync(session, new SchoolJoinedCluster(clusterId, schoolId, joinedOn, clock.GetUtcNow()));
    }

    private static object Parameters(Guid id, ClusterSettings settings) => new
    {
        id,
        settings.Name,
        settings.LocalAuthorityId,
        MeetingCadence = settings.MeetingCadence.ToEventName(),
    };

    private async Task<ClusterRow?> FindAsync(SqlSession session, Guid id) =>
        await session.SingleOrDefaultAsync<ClusterRow>($"{Select} where c.id = @id", new { id, today = clock.Today() }) is { } cluster
            ? (await WithMembersAsync(session, [cluster]))[0]
            : null;

    /// <summary>The clusters with their current members, read with one more query.</summary>
    private static async Task<List<ClusterRow>> WithMembersAsync(SqlSession session, IReadOnlyList<ClusterRow> clusters)
    {
        var members = (await session.QueryAsync<ClusterMemberRow>(
            """
            select m.cluster_id, m.school_id, s.name as school_name, m.joined_on
            from cluster_members m join schools s on s.id = m.school_id
            where m.cluster_id = any(@ids) and m.left_on is null
            order by m.joined_on, s.name
            """,
            new { ids = clusters.Select(cluster => cluster.Id).ToArray() }))
            .ToLookup(member => member.ClusterId);
        return clusters.Select(cluster => cluster with { Members = members[cluster.Id].ToList() }).ToList();
    }
}
