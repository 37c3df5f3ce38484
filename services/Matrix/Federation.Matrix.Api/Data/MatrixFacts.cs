using Federation.Contracts.Exchanges;
using Federation.Contracts.Platform;
using Federation.Contracts.Observations;
using Federation.Contracts.Schools;
using Federation.Contracts.Staff;

namespace Federation.Matrix.Data;

/// <summary>Keeps the matrix's facts (Data/Migrations/0001_matrix_facts.sql) up to date from the
/// other services' events: each event upserts the fact it is about, unless the fact was changed by
/// a newer event, so that applying events out of order, or twice, leaves the newest state. Each
/// applied event also marks the matrices of the scopes it touches for working out again (<see cref="MatrixDocuments.MarkChangedAsync(SqlSession, Guid[], Guid[], bool, DateOnly?, bool)"/>),
/// in the same transaction.</summary>
public static class MatrixFacts
{
    public static async Task ApplyAsync(SqlSession session, object integrationEvent)
    {
        if (integrationEvent is SchoolsImported imported)
        {
            foreach (var school in imported.Registered.Concat<object>(imported.Updated))
            {
                await ApplyAsync(session, school);
            }
            return;
        }
        var (sql, parameters) = integrationEvent switch
        {
            PersonRegistered e => (UpsertPerson, new { e.PersonId, e.Name, e.OccurredAt }),
            PersonUpdated e => (UpsertPerson, (object)new { e.PersonId, e.Name, e.OccurredAt }),
            // The calendar is the access replica's (its own consumer applies the year): no fact
            // here, but the matrices it sets the cycles of are worked out again (below).
            SchoolYearSet or SchoolYearCleared => (null, null),
            SchoolRegistered e => (UpsertSchool, new { Id = e.SchoolId, e.Name, e.Phase, e.PupilsOnRoll, e.FsmBand, e.OfstedGrade, e.OccurredAt }),
            SchoolUpdated e => (UpsertSchool, new { Id = e.SchoolId, e.Name, e.Phase, e.PupilsOnRoll, e.FsmBand, e.OfstedGrade, e.OccurredAt }),
            FederationFormed e => (UpsertScope, new { Id = e.FederationId, Kind = "federation", e.Name, LeadSchoolId = (Guid?)e.LeadSchoolId, e.OccurredAt }),
            ClusterFormed e => (UpsertScope, new { Id = e.ClusterId, Kind = "cluster", e.Name, LeadSchoolId = (Guid?)null, e.OccurredAt }),
            ClusterUpdated e => (UpsertScope, new { Id = e.ClusterId, Kind = "cluster", e.Name, LeadSchoolId = (Guid?)null, e.OccurredAt }),
            SchoolJoinedFederation e => (Join, new { Kind = "federation", ScopeId = e.FederationId, e.SchoolId, e.JoinedOn, e.OccurredAt }),
            SchoolJoinedCluster e => (Join, new { Kind = "cluster", ScopeId = e.ClusterId, e.SchoolId, e.JoinedOn, e.OccurredAt }),
            SchoolLeftFederation e => (Leave, new { ScopeId = e.FederationId, e.SchoolId, e.LeftOn, e.OccurredAt }),
            SchoolLeftCluster e => (Leave, new { ScopeId = e.ClusterId, e.SchoolId, e.LeftOn, e.OccurredAt }),
            RoleAssigned e => (UpsertRole, new
            {
                e.AssignmentId, e.PersonId, e.Role, e.ScopeKind, e.ScopeId, Function = e.LeadershipFunction, e.StartsOn, e.EndsOn, e.OccurredAt,
            }),
            RoleEnded e => (UpsertRole, new
            {
                e.AssignmentId, e.PersonId, e.Role, e.ScopeKind, e.ScopeId, Function = (string?)null, e.StartsOn, EndsOn = (DateOnly?)e.EndsOn, e.OccurredAt,
            }),
            StaffDeploymentRequested e => Deployment(e.Deployment, "requested", e.OccurredAt),
            StaffDeploymentAgreed e => Deployment(e.Deployment, "agreed", e.OccurredAt),
            StaffDeploymentDeclined e => Deployment(e.Deployment, "declined", e.OccurredAt),
            StaffDeploymentCancelled e => Deployment(e.Deployment, "cancelled", e.OccurredAt),
            CrossSchoolObservationProposed e => Observation(e.Observation, "proposed", null, e.OccurredAt),
            ObservationScheduled e => Observation(e.Observation, "scheduled", null, e.OccurredAt),
            ObservationCompleted e => Observation(e.Observation, "completed", e.SupportNeeded, e.OccurredAt),
            ObservationCancelled e => Observation(e.Observation, "cancelled", null, e.OccurredAt),
            SupportFollowUpOpened e => (UpsertFollowUp, new { Id = e.FollowUpId, e.SchoolId, e.TeacherId, State = "open", e.OccurredAt }),
            SupportFollowUpClosed e => (UpsertFollowUp, new { Id = e.FollowUpId, e.SchoolId, e.TeacherId, State = "closed", e.OccurredAt }),
            ExchangeVisitRequested e => Visit(e.Visit, "requested", e.OccurredAt),
            ExchangeVisitApproved e => Visit(e.Visit, "approved", e.OccurredAt),
            ExchangeVisitConfirmed e => Visit(e.Visit, "confirmed", e.OccurredAt),
            ExchangeVisitDeclined e => Visit(e.Visit, "declined", e.OccurredAt),
            ExchangeVisitCancelled e => Visit(e.Visit, "cancelled", e.OccurredAt),
            ExchangeVisitCompleted e => Visit(e.Visit, "completed", e.OccurredAt),
            ExchangeReflectionSubmitted { VisitOn: { } visitOn } e => Visit(
                new ExchangeVisit(e.VisitId, e.VisitorId, e.HomeSchoolId, e.HostSchoolId, visitOn, "", []), "reflected", e.OccurredAt),
            // Published before events carried the visit's day: the visit's other events hold it.
            ExchangeReflectionSubmitted e => (
                "update matrix_visits set state = 'reflected', changed_at = @OccurredAt where id = @VisitId and changed_at <= @OccurredAt",
                (object)new { e.VisitId, e.OccurredAt }),
            _ => (null, null),
        };
        var (schools, scopes) = await TouchedAsync(session, integrationEvent);
        // A role counts from its first day: figures over days before it (the previous cycle's, mostly)
        // stay as they are; and it changes only what is counted from roles.
        var (since, onlyRoles) = integrationEvent switch
        {
            RoleAssigned e => (e.StartsOn, true),
            RoleEnded e => (e.StartsOn, true),
            PersonUpdated => ((DateOnly?)null, true),
            _ => (null, false),
        };
        // A school's name is its column's, and its calendar may set the cycles: the whole matrix.
        await MatrixDocuments.MarkChangedAsync(session, schools, scopes,
            wholeScopes: integrationEvent is SchoolRegistered or SchoolUpdated or SchoolYearSet or SchoolYearCleared, since, onlyRoles);
        // The fact last, so that its row is locked only until the commit: a visit's or a role's events
        // arrive close together and are taken several at a time, and each waits for the one before.
        if (sql is not null)
        {
            await session.ExecuteAsync(sql, parameters);
        }
    }

    /// <summary>Forgets every fact (not the settings, adoptions and closed cycles, which are the
    /// matrix's own), and asks every source service to publish its state again (a rebuild): the
    /// matrices stored meanwhile are answered until the facts behind them come back.</summary>
    public static async Task RebuildAsync(SqlSession session, DateTimeOffset now)
    {
        await session.ExecuteAsync(
            """
            truncate matrix_schools, matrix_members, matrix_leaves, matrix_scopes, matrix_roles, matrix_people, matrix_deployments,
                matrix_observations, matrix_follow_ups, matrix_visits, matrix_sources
            """);
        await Outbox.AddAndApplyToReplicaAsync(session, new ReplicaRefreshRequested("matrix", now, IncludeRecords: true));
    }

    /// <summary>The schools (and scopes) whose matrices an event changes: every scope that has one
    /// of the schools as a member is worked out again.</summary>
    private static async Task<(Guid[] Schools, Guid[] Scopes)> TouchedAsync(SqlSession session, object integrationEvent) => integrationEvent switch
    {
        SchoolRegistered e => ([e.SchoolId], []),
        SchoolUpdated e => ([e.SchoolId], []),
        FederationFormed e => ([], [e.FederationId]),
        ClusterFormed e => ([], [e.ClusterId]),
        ClusterUpdated e => ([], [e.ClusterId]),
        SchoolJoinedFederation e => ([], [e.FederationId]),
        SchoolJoinedCluster e => ([], [e.ClusterId]),
        SchoolLeftFederation e => ([], [e.FederationId]),
        SchoolLeftCluster e => ([], [e.ClusterId]),
        RoleAssigned e => (e.ScopeKind == "school" ? [e.ScopeId] : [], []),
        RoleEnded e => (e.ScopeKind == "school" ? [e.ScopeId] : [], []),
        PersonUpdated e => ([.. await session.QueryAsync<Guid>(
            "select scope_id from matrix_roles where person_id = @PersonId and scope_kind = 'school' and function is not null", e)], []),
        SchoolYearSet { ScopeKind: "school" } e => ([e.ScopeId], []),
        SchoolYearCleared { ScopeKind: "school" } e => ([e.ScopeId], []),
        SchoolYearSet e => await AuthorityAsync(session, e.ScopeId),
        SchoolYearCleared e => await AuthorityAsync(session, e.ScopeId),
        StaffDeploymentRequested e => Sides(e.Deployment),
        StaffDeploymentAgreed e => Sides(e.Deployment),
        StaffDeploymentDeclined e => Sides(e.Deployment),
        StaffDeploymentCancelled e => Sides(e.Deployment),
        CrossSchoolObservationProposed e => Schools(e.Observation),
        ObservationScheduled e => Schools(e.Observation),
        ObservationCompleted e => Schools(e.Observation),
        ObservationCancelled e => Schools(e.Observation),
        SupportFollowUpOpened e => ([e.SchoolId], []),
        SupportFollowUpClosed e => ([e.SchoolId], []),
        ExchangeVisitRequested e => Sides(e.Visit),
        ExchangeVisitApproved e => Sides(e.Visit),
        ExchangeVisitConfirmed e => Sides(e.Visit),
        ExchangeVisitDeclined e => Sides(e.Visit),
        ExchangeVisitCancelled e => Sides(e.Visit),
        ExchangeVisitCompleted e => Sides(e.Visit),
        ExchangeReflectionSubmitted e => ([.. await session.QueryAsync<Guid>(
            "select unnest(array[home_school_id, host_school_id]) from matrix_visits where id = @VisitId", e)], []),
        _ => ([], []),
    };

    private static (Guid[], Guid[]) Sides(StaffDeployment d) => ([d.HomeSchoolId, d.HostSchoolId], []);

    private static (Guid[], Guid[]) Sides(ExchangeVisit v) => ([v.HomeSchoolId, v.HostSchoolId], []);

    private static (Guid[], Guid[]) Schools(Observation o) => ([o.SchoolId, .. o.ObserverSchoolIds], []);

    /// <summary>A local authority's schools, and its clusters (whose cycles its calendar sets).</summary>
    private static async Task<(Guid[], Guid[])> AuthorityAsync(SqlSession session, Guid localAuthorityId) => (
        [.. await session.QueryAsync<Guid>("select id from access_schools where local_authority_id = @localAuthorityId", new { localAuthorityId })],
        [.. await session.QueryAsync<Guid>("select id from access_clusters where local_authority_id = @localAuthorityId", new { localAuthorityId })]);

    /// <summary>The service that publishes an event: the last part of its contract's namespace ("schools").</summary>
    public static string SourceOf(object integrationEvent) =>
        integrationEvent.GetType().Namespace!.Split('.')[^1].ToLowerInvariant();

    private static (string, object) Deployment(StaffDeployment d, string state, DateTimeOffset occurredAt) => (
        """
        insert into matrix_deployments (id, person_id, home_school_id, host_school_id, starts_on, ends_on, session, state, changed_at)
        values (@DeploymentId, @PersonId, @HomeSchoolId, @HostSchoolId, @StartsOn, @EndsOn, @Session, @state, @occurredAt)
        on conflict (id) do update set state = excluded.state, person_id = excluded.person_id, changed_at = excluded.changed_at
            where matrix_deployments.changed_at <= excluded.changed_at
        """,
        new { d.DeploymentId, d.PersonId, d.HomeSchoolId, d.HostSchoolId, d.StartsOn, d.EndsOn, d.Session, state, occurredAt });

    private static (string, object) Observation(Observation o, string state, bool? supportNeeded, DateTimeOffset occurredAt) => (
        """
        insert into matrix_observations (id, school_id, teacher_id, kind, observer_school_ids, cross_school, observe_on, state, support_needed, changed_at)
        values (@ObservationId, @SchoolId, @TeacherId, @Kind, @ObserverSchoolIds, @CrossSchool, @ObserveOn, @state, @supportNeeded, @occurredAt)
        on conflict (id) do update set state = excluded.state, support_needed = coalesce(excluded.support_needed, matrix_observations.support_needed),
            changed_at = excluded.changed_at
            where matrix_observations.changed_at <= excluded.changed_at
        """,
        new
        {
            o.ObservationId, o.SchoolId, o.TeacherId, o.Kind, ObserverSchoolIds = o.ObserverSchoolIds.ToArray(), o.CrossSchool, o.ObserveOn, state,
            supportNeeded, occurredAt,
        });

    private static (string, object) Visit(ExchangeVisit v, string state, DateTimeOffset occurredAt) => (
        """
        insert into matrix_visits (id, visitor_id, home_school_id, host_school_id, visit_on, state, changed_at)
        values (@VisitId, @VisitorId, @HomeSchoolId, @HostSchoolId, @VisitOn, @state, @occurredAt)
        on conflict (id) do update set state = excluded.state, changed_at = excluded.changed_at
            where matrix_visits.changed_at <= excluded.changed_at
        """,
        new { v.VisitId, v.VisitorId, v.HomeSchoolId, v.HostSchoolId, v.VisitOn, state, occurredAt });

    private const string UpsertSchool = """
        insert into matrix_schools (id, name, phase, pupils_on_roll, fsm_band, ofsted_grade, changed_at)
        values (@Id, @Name, @Phase, @PupilsOnRoll, @FsmBand, @OfstedGrade, @OccurredAt)
        on conflict (id) do update set name = excluded.name, phase = excluded.phase, pupils_on_roll = excluded.pupils_on_roll,
            fsm_band = excluded.fsm_band, ofsted_grade = excluded.ofsted_grade, changed_at = excluded.changed_at
            where matrix_schools.changed_at <= excluded.changed_at
        """;

    private const string UpsertPerson = """
        insert into matrix_people (id, name, changed_at) values (@PersonId, @Name, @OccurredAt)
        on conflict (id) do update set name = excluded.name, changed_at = excluded.changed_at
            where matrix_people.changed_at <= excluded.changed_at
        """;

    private const string UpsertScope = """
        insert into matrix_scopes (id, kind, name, lead_school_id, changed_at) values (@Id, @Kind, @Name, @LeadSchoolId, @OccurredAt)
        on conflict (id) do update set name = excluded.name, lead_school_id = coalesce(excluded.lead_school_id, matrix_scopes.lead_school_id),
            changed_at = excluded.changed_at
            where matrix_scopes.changed_at <= excluded.changed_at
        """;

    /// <summary>A joining and a leaving of the same membership take the same lock, so that whichever
    /// is applied second sees the first: a joining takes the leaving that arrived before it.</summary>
    private const string LockMembership = "select pg_advisory_xact_lock(hashtextextended('member:' || @ScopeId || @SchoolId, 0));";

    private const string Join = LockMembership + """

        insert into matrix_members (scope_kind, scope_id, school_id, joined_on, left_on, changed_at)
        values (@Kind, @ScopeId, @SchoolId, @JoinedOn,
                (select min(left_on) from matrix_leaves where scope_id = @ScopeId and school_id = @SchoolId and left_on >= @JoinedOn), @OccurredAt)
        on conflict do nothing
        """;

    private const string Leave = LockMembership + """

        insert into matrix_leaves (scope_id, school_id, left_on) values (@ScopeId, @SchoolId, @LeftOn) on conflict do nothing;
        update matrix_members set left_on = @LeftOn, changed_at = @OccurredAt
        where scope_id = @ScopeId and school_id = @SchoolId and joined_on <= @LeftOn and (left_on is null or left_on = @LeftOn)
        """;

    private const string UpsertRole = """
        insert into matrix_roles (assignment_id, person_id, role, scope_kind, scope_id, function, starts_on, ends_on, changed_at)
        values (@AssignmentId, @PersonId, @Role, @ScopeKind, @ScopeId, @Function, @StartsOn, @EndsOn, @OccurredAt)
        on conflict (assignment_id) do update set ends_on = excluded.ends_on, function = coalesce(excluded.function, matrix_roles.function),
            changed_at = excluded.changed_at
            where matrix_roles.changed_at <= excluded.changed_at
        """;

    private const string UpsertFollowUp = """
        insert into matrix_follow_ups (id, school_id, teacher_id, state, changed_at) values (@Id, @SchoolId, @TeacherId, @State, @OccurredAt)
        on conflict (id) do update set state = excluded.state, changed_at = excluded.changed_at
            where matrix_follow_ups.changed_at <= excluded.changed_at
        """;
}
