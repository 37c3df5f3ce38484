using Federation.Contracts.Platform;
using Federation.Contracts.Schools;
using Federation.Schools.Data;

namespace Federation.Schools.Events;

/// <summary>Publishes the directory again as it stands when a service's replica starts empty:
/// every local authority, school, federation, cluster, current membership and school year, through the
/// outbox, so that it is ordered with the directory's other events. It reads the stores' rows
/// (Data/), only the columns the events carry.</summary>
public sealed class ReplicaRefreshConsumer(NpgsqlDataSource dataSource, TimeProvider clock) : InboxConsumer<ReplicaRefreshRequested>(dataSource)
{
    protected override async Task HandleAsync(ReplicaRefreshRequested message, SqlSession session)
    {
        var now = clock.GetUtcNow();
        var events = new List<object>();
        events.AddRange((await session.QueryAsync<LocalAuthorityRow>("select id, name, region from local_authorities order by id"))
            .Select(authority => new LocalAuthorityRegistered(authority.Id, authority.Name, authority.Region, now)));
        events.AddRange((await session.QueryAsync<SchoolRow>("select id, urn, name, local_authority_id, phase, pupils_on_roll, fsm_band, ofsted_grade from schools order by id"))
            .Select(school => new SchoolUpdated(school.Id, school.Urn, school.Name, school.LocalAuthorityId, school.Phase.ToEventName(),
                school.PupilsOnRoll, school.FsmBand, school.OfstedGrade, now)));
        events.AddRange((await session.QueryAsync<FederationRow>("select id, name, kind, lead_school_id, formed_on from federations order by id"))
            .Select(federation => new FederationFormed(federation.Id, federation.Name, federation.Kind.ToEventName(), federation.LeadSchoolId,
                federation.FormedOn, now)));
        // Current memberships; for a read model rebuilt from its sources, past ones too, each followed by its leaving.
        var current = message.IncludeRecords ? "true" : "left_on is null";
        events.AddRange((await session.QueryAsync<FederationMembershipRow>(
                $"select federation_id, school_id, federation_kind, joined_on, left_on from federation_members where {current} order by joined_on"))
            .SelectMany(member => new object?[]
            {
                new SchoolJoinedFederation(member.FederationId, member.SchoolId, member.FederationKind.ToEventName(), member.JoinedOn, now),
                member.LeftOn is { } leftOn ? new SchoolLeftFederation(member.FederationId, member.SchoolId, leftOn, now) : null,
            }).OfType<object>());
        events.AddRange((await session.QueryAsync<ClusterRow>("select id, name, local_authority_id from clusters order by id"))
            .Select(cluster => new ClusterUpdated(cluster.Id, cluster.Name, cluster.LocalAuthorityId, now)));
        events.AddRange((await session.QueryAsync<ClusterMemberRow>(
                $"select cluster_id, school_id, joined_on, left_on from cluster_members where {current} order by joined_on"))
            .SelectMany(member => new object?[]
            {
                new SchoolJoinedCluster(member.ClusterId, member.SchoolId, member.JoinedOn, now),
                member.LeftOn is { } leftOn ? new SchoolLeftCluster(member.ClusterId, member.SchoolId, leftOn, now) : null,
            }).OfType<object>());
        events.AddRange((await session.QueryAsync<SchoolYearRow>($"{SchoolYearStore.Select} order by scope_id, start_year"))
            .Select(year => year.ToEvent(now)));
        foreach (var integrationEvent in events)
        {
            await Outbox.AddAndApplyToReplicaAsync(session, integrationEvent);
        }
    }

    /// <summary>A current membership with its federation's kind, as the event carries it.</summary>
    private sealed class FederationMembershipRow
    {
        public Guid FederationId { get; init; }
        public Guid SchoolId { get; init; }
        public FederationKind FederationKind { get; init; }
        public DateOnly JoinedOn { get; init; }
        public DateOnly? LeftOn { get; init; }
    }
}
