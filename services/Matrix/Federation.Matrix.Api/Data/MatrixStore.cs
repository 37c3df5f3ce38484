using Federation.Contracts.Matrix;

namespace Federation.Matrix.Data;

/// <summary>A federation or a cluster, as the matrix knows it.</summary>
public sealed class ScopeRow
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public Guid? LeadSchoolId { get; init; }
}

/// <summary>A member school: a column.</summary>
public sealed class ColumnRow
{
    public Guid SchoolId { get; init; }
    public string Name { get; init; } = "";
}

/// <summary>Reads the matrix's facts for a scope and a span of days: every query is over the
/// scope's member schools only (= any(@schools) on an index), grouped by school, whatever else
/// the facts hold.</summary>
public sealed class MatrixStore(NpgsqlDataSource dataSource)
{
    /// <summary>The schools that were members at any time from <paramref name="startsOn"/> to <paramref name="endsOn"/>:
    /// the lead school first, then by name.</summary>
    public Task<List<ColumnRow>> ColumnsAsync(ScopeRow scope, DateOnly startsOn, DateOnly endsOn, CancellationToken cancellationToken) =>
        dataSource.QueryAsync<ColumnRow>(
            """
            select distinct m.school_id, coalesce(s.name, '') as name, m.school_id = @LeadSchoolId as lead
            from matrix_members m left join matrix_schools s on s.id = m.school_id
            where m.scope_id = @Id and m.joined_on <= @endsOn and (m.left_on is null or m.left_on >= @startsOn)
            order by lead desc, name, m.school_id
            """,
            new { scope.Id, scope.LeadSchoolId, startsOn, endsOn }, cancellationToken);

    /// <summary>Whether <paramref name="schoolId"/> is a member of the scope now.</summary>
    public Task<bool> IsMemberAsync(Guid scopeId, Guid schoolId, CancellationToken cancellationToken) =>
        dataSource.SingleAsync<bool>(
            "select exists (select 1 from matrix_members where scope_id = @scopeId and school_id = @schoolId and left_on is null)",
            new { scopeId, schoolId }, cancellationToken);

    /// <summary>The scopes of <paramref name="ids"/> that exist.</summary>
    public Task<List<ScopeRow>> ScopesAsync(Guid[] ids, CancellationToken cancellationToken) =>
        dataSource.QueryAsync<ScopeRow>("select id, kind, name, lead_school_id from matrix_scopes where id = any(@ids)", new { ids }, cancellationToken);

    /// <summary>The schools for which each federation of <paramref name="scopeIds"/> adopted its lead school's rows.</summary>
    public async Task<Dictionary<Guid, HashSet<Guid>>> AdoptionsAsync(Guid[] scopeIds, CancellationToken cancellationToken)
    {
        var adoptions = await dataSource.QueryAsync<(Guid ScopeId, Guid SchoolId)>(
            "select scope_id, school_id from matrix_adoptions where scope_id = any(@scopeIds)", new { scopeIds }, cancellationToken);
        return scopeIds.Distinct().ToDictionary(id => id, id => adoptions.Where(adoption => adoption.ScopeId == id).Select(adoption => adoption.SchoolId).ToHashSet());
    }

    /// <summary>Records that the federation's lead school's rows are adopted for <paramref name="schoolId"/>, and publishes it (once); its matrix is worked out again.</summary>
    public Task AdoptTemplateAsync(ScopeRow scope, Guid schoolId, string adoptedBy, DateTimeOffset now, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            var adopted = await session.ExecuteAsync(
                "insert into matrix_adoptions (scope_id, school_id, adopted_by) values (@Id, @schoolId, @adoptedBy) on conflict do nothing",
                new { scope.Id, schoolId, adoptedBy });
            if (adopted == 1)
            {
                await MatrixDocuments.MarkChangedAsync(session, [], [scope.Id]);
                await Outbox.AddAndApplyToReplicaAsync(session, new MatrixTemplateAdopted(scope.Id, schoolId, scope.LeadSchoolId!.Value, now));
            }
            return adopted;
        }, cancellationToken);

    /// <summary>Each school's figures from <paramref name="startsOn"/> to <paramref name="endsOn"/>; roles as they stand on <paramref name="asOf"/>.
    /// <paramref name="onlyRoles"/>: only the leadership and observation strands' (what a change of
    /// roles alone can change; the other figures are left at zero).</summary>
    public Task<Dictionary<Guid, SchoolFigures>> FiguresAsync(
        Guid[] schools, DateOnly startsOn, DateOnly endsOn, DateOnly asOf, bool onlyRoles, CancellationToken cancellationToken) =>
        dataSource.ReadAsync(async session =>
        {
            var parameters = new
            {
                schools,
                startsOn,
                endsOn,
                asOf,
                countingKinds = new[] { "headOfDepartment", "crossSchool" },
            };
            var context = onlyRoles ? [] : (await session.QueryAsync<SchoolContextRow>(
                "select id, pupils_on_roll, phase, ofsted_grade, fsm_band, changed_at from matrix_schools where id = any(@schools)", parameters))
                .ToDictionary(row => row.Id);
            var leads = await session.QueryAsync<LeadRow>(
                """
                select r.scope_id as school_id, r.function, coalesce(p.name, '') as name, r.changed_at
                from matrix_roles r left join matrix_people p on p.id = r.person_id
                where r.scope_kind = 'school' and r.scope_id = any(@schools) and r.function is not null
                  and r.starts_on <= @asOf and (r.ends_on is null or r.ends_on >= @asOf)
                order by r.starts_on, r.assignment_id
                """, parameters);
            var counts = (await session.QueryAsync<CountsRow>(onlyRoles ? RoleCountsSql : AllCountsSql, parameters)).ToDictionary(row => row.SchoolId);

            return schools.ToDictionary(school => school, school =>
            {
                var about = context.GetValueOrDefault(school) ?? new SchoolContextRow { Id = school };
                var count = counts[school];
                var schoolLeads = leads.Where(lead => lead.SchoolId == school).ToList();
                var changedAt = new Dictionary<Strand, DateTimeOffset?>
                {
                    [Strand.Context] = about.ChangedAt,
                    [Strand.Leadership] = schoolLeads.Select(lead => (DateTimeOffset?)lead.ChangedAt).Max(),
                    [Strand.Observation] = Latest(count.ObservationChangedAt, count.TeachersChangedAt),
                    [Strand.SharedStaff] = count.SharedStaffChangedAt,
                    [Strand.Exchanges] = count.ExchangesChangedAt,
                };
                return new SchoolFigures(
                    about.PupilsOnRoll, about.Phase, about.OfstedGrade, about.FsmBand,
                    schoolLeads.GroupBy(lead => lead.Function).ToDictionary(group => group.Key, group => group.Last().Name),
                    count.Teachers, count.TeachersObserved, count.CrossSchoolGiven, count.CrossSchoolReceived, count.OpenFollowUps,
                    count.SessionsProvided, count.SessionsReceived, count.VisitsMade, count.VisitsHosted, count.AwaitingDecision,
                    count.ReflectionsOutstanding,
                    changedAt.Where(entry => entry.Value is not null).ToDictionary(entry => entry.Key, entry => entry.Value!.Value));
            });
        }, cancellationToken);

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>Per school: its teachers, those observed, cross-school observations given and
    /// received, open follow-ups (the observation strand), and when each last changed.</summary>
    private const string ObservationCounts = """
        teachers as (
            select school_id, count(*) as teachers, max(changed_at) as changed_at
            from (select scope_id as school_id, person_id, max(changed_at) as changed_at
                  from matrix_roles
                  where scope_kind = 'school' and scope_id = any(@schools) and role in ('teacher', 'headOfDepartment')
                    and starts_on <= @asOf and (ends_on is null or ends_on >= @asOf)
                  group by scope_id, person_id) as held
            group by school_id),
        observed as (
            select school_id,
                   count(distinct teacher_id) filter (where state = 'completed' and kind = any(@countingKinds)) as teachers_observed,
                   count(*) filter (where state = 'completed' and cross_school) as cross_school_received,
                   max(changed_at) as changed_at
            from matrix_observations
            where school_id = any(@schools) and observe_on between @startsOn and @endsOn
            group by school_id),
        given as (
            select observer.school_id, count(distinct o.id) as cross_school_given, max(o.changed_at) as changed_at
            from matrix_observations o cross join lateral unnest(o.observer_school_ids) as observer (school_id)
            where o.observer_school_ids && @schools and observer.school_id = any(@schools) and observer.school_id <> o.school_id
              and o.state = 'completed' and o.observe_on between @startsOn and @endsOn
            group by observer.school_id),
        follow_ups as (
            select school_id, count(*) filter (where state = 'open') as open_follow_ups, max(changed_at) as changed_at
            from matrix_follow_ups where school_id = any(@schools) group by school_id)
        """;

    /// <summary>Per school: shared-staff half-days provided and received, and exchange visits.</summary>
    private const string SharedStaffAndExchangeCounts = """
        sessions as (
            select side.school_id, sum(side.provided) as sessions_provided, sum(side.received) as sessions_received, max(d.changed_at) as changed_at
            from matrix_deployments d
            cross join lateral (
                select count(*) * case when d.session = 'wholeDay' then 2 else 1 end as half_days
                from generate_series(greatest(d.starts_on, @startsOn), least(d.ends_on, @endsOn), interval '1 day') as day (on_day)
                where extract(isodow from day.on_day) < 6) taught
            cross join lateral (values (d.home_school_id, taught.half_days, 0), (d.host_school_id, 0, taught.half_days))
                as side (school_id, provided, received)
            where d.state = 'agreed' and (d.home_school_id = any(@schools) or d.host_school_id = any(@schools))
              and d.starts_on <= @endsOn and d.ends_on >= @startsOn and side.school_id = any(@schools)
            group by side.school_id),
        visits as (
            select school_id, sum(made) as visits_made, sum(hosted) as visits_hosted, sum(awaiting) as awaiting_decision,
                   sum(outstanding) as reflections_outstanding, max(changed_at) as changed_at
            from (
                select home_school_id as school_id,
                       (state in ('confirmed', 'completed', 'reflected') and visit_on between @startsOn and @endsOn)::int as made, 0 as hosted,
                       (state = 'requested')::int as awaiting, (state = 'completed')::int as outstanding, changed_at
                from matrix_visits where home_school_id = any(@schools)
                union all
                select host_school_id, 0, (state in ('confirmed', 'completed', 'reflected') and visit_on between @startsOn and @endsOn)::int,
                       (state = 'approved')::int, 0, changed_at
                from matrix_visits where host_school_id = any(@schools)) v
            group by school_id)
        """;

    /// <summary>The observation strand's counts as columns, from its CTEs.</summary>
    private const string ObservationColumns = """
        coalesce(t.teachers, 0)::int as teachers, coalesce(o.teachers_observed, 0)::int as teachers_observed,
        coalesce(g.cross_school_given, 0)::int as cross_school_given, coalesce(o.cross_school_received, 0)::int as cross_school_received,
        coalesce(f.open_follow_ups, 0)::int as open_follow_ups,
        t.changed_at as teachers_changed_at, greatest(o.changed_at, g.changed_at, f.changed_at) as observation_changed_at
        from unnest(@schools) as s (id)
        left join teachers t on t.school_id = s.id
        left join observed o on o.school_id = s.id
        left join given g on g.school_id = s.id
        left join follow_ups f on f.school_id = s.id
        """;

    /// <summary>The counts of the observation strand alone: what a change of roles can change.</summary>
    private const string RoleCountsSql = $"""
        with {ObservationCounts}
        select s.id as school_id, {ObservationColumns}
        """;

    /// <summary>Every strand's counts.</summary>
    private const string AllCountsSql = $"""
        with {ObservationCounts},
        {SharedStaffAndExchangeCounts}
        select s.id as school_id,
               coalesce(d.sessions_provided, 0)::int as sessions_provided, coalesce(d.sessions_received, 0)::int as sessions_received,
               coalesce(v.visits_made, 0)::int as visits_made, coalesce(v.visits_hosted, 0)::int as visits_hosted,
               coalesce(v.awaiting_decision, 0)::int as awaiting_decision, coalesce(v.reflections_outstanding, 0)::int as reflections_outstanding,
               d.changed_at as shared_staff_changed_at, v.changed_at as exchanges_changed_at,
               {ObservationColumns}
        left join sessions d on d.school_id = s.id
        left join visits v on v.school_id = s.id
        """;

    private sealed class SchoolContextRow
    {
        public Guid Id { get; init; }
        public int? PupilsOnRoll { get; init; }
        public string Phase { get; init; } = "";
        public int? OfstedGrade { get; init; }
        public int? FsmBand { get; init; }
        public DateTimeOffset? ChangedAt { get; init; }
    }

    private sealed class LeadRow
    {
        public Guid SchoolId { get; init; }
        public string Function { get; init; } = "";
        public string Name { get; init; } = "";
        public DateTimeOffset ChangedAt { get; init; }
    }

    private sealed class CountsRow
    {
        public Guid SchoolId { get; init; }
        public int Teachers { get; init; }
        public int TeachersObserved { get; init; }
        public int CrossSchoolGiven { get; init; }
        public int CrossSchoolReceived { get; init; }
        public int OpenFollowUps { get; init; }
        public int SessionsProvided { get; init; }
        public int SessionsReceived { get; init; }
        public int VisitsMade { get; init; }
        public int VisitsHosted { get; init; }
        public int AwaitingDecision { get; init; }
        public int ReflectionsOutstanding { get; init; }
        public DateTimeOffset? TeachersChangedAt { get; init; }
        public DateTimeOffset? ObservationChangedAt { get; init; }
        public DateTimeOffset? SharedStaffChangedAt { get; init; }
        public DateTimeOffset? ExchangesChangedAt { get; init; }
    }
}
