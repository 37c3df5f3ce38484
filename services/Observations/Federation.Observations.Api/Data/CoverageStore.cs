namespace Federation.Observations.Data;

/// <summary>One teacher's counting observations in a half-term (<see cref="CoverageSettings.CountingKinds"/>).</summary>
public sealed class TeacherCoverageRow
{
    public Guid TeacherId { get; init; }
    public string Name { get; init; } = "";
    public int Observed { get; init; }
    public int ScheduledAhead { get; init; }
    public int Missed { get; init; }
    public DateOnly? LastObservedOn { get; init; }
}

/// <summary>What a school's coverage over a span of days is made from.</summary>
/// <param name="Teachers">Everyone who teaches there (a current teacher or head-of-department role), with their counts.</param>
/// <param name="WalkDays">The day of each senior-team walk.</param>
public sealed record CoverageData(
    CoverageSettings Settings, IReadOnlyList<TeacherCoverageRow> Teachers, IReadOnlyList<DateOnly> WalkDays,
    int CrossSchoolReceived, int CrossSchoolGiven, int OpenFollowUps);

/// <summary>The counts behind a school's observation coverage, and its thresholds. Every count is
/// over the school's own rows (one index range each), whatever else the tables hold.</summary>
public sealed class CoverageStore(NpgsqlDataSource dataSource)
{
    private const string SelectSettings = """
        select observations_per_half_term as ObservationsPerHalfTerm, walks_per_week as WalksPerWeek from coverage_settings where school_id = @schoolId
        """;

    public Task<CoverageData> ReadAsync(Guid schoolId, DateOnly startsOn, DateOnly endsOn, DateOnly today, CancellationToken cancellationToken) =>
        dataSource.ReadAsync(async session =>
        {
            var parameters = new
            {
                schoolId,
                startsOn,
                endsOn,
                today,
                asOf = today < endsOn ? today : endsOn,
                kinds = CoverageSettings.CountingKinds.Select(kind => kind.ToEventName()).ToArray(),
            };
            var settings = await session.SingleOrDefaultAsync<CoverageSettings>(SelectSettings, parameters);
            var teachers = await session.QueryAsync<TeacherCoverageRow>(
                """
                with teachers as (
                    select distinct r.person_id
                    from access_role_assignments r
                    where r.scope_kind = 'school' and r.scope_id = @schoolId and r.role in ('teacher', 'headOfDepartment')
                      and r.starts_on <= @asOf and (r.ends_on is null or r.ends_on >= @asOf)),
                counted as (
                    select teacher_id,
                           count(*) filter (where state = 'completed') as observed,
                           count(*) filter (where state = 'scheduled' and observe_on >= @today) as scheduled_ahead,
                           count(*) filter (where state = 'scheduled' and observe_on < @today) as missed,
                           max(observe_on) filter (where state = 'completed') as last_observed_on
                    from observations
                    where school_id = @schoolId and observe_on between @startsOn and @endsOn and kind = any(@kinds)
                    group by teacher_id)
                select t.person_id as teacher_id, coalesce(p.name, p.email, '') as name,
                       coalesce(c.observed, 0)::int as observed, coalesce(c.scheduled_ahead, 0)::int as scheduled_ahead,
                       coalesce(c.missed, 0)::int as missed, c.last_observed_on
                from teachers t
                left join access_people p on p.id = t.person_id
                left join counted c on c.teacher_id = t.person_id
                order by name, t.person_id
                """, parameters);
            var walkDays = await session.QueryAsync<DateOnly>(
                "select walked_on from senior_team_walks where school_id = @schoolId and walked_on between @startsOn and @endsOn", parameters);
            var counts = await session.SingleAsync<(long Received, long Given, long OpenFollowUps)>(
                """
                select (select count(*) from observations
                        where school_id = @schoolId and cross_school and state = 'completed' and observe_on between @startsOn and @endsOn),
                       (select count(distinct o.id) from observation_observers x join observations o on o.id = x.observation_id
                        where x.school_id = @schoolId and o.school_id <> @schoolId and o.state = 'completed' and o.observe_on between @startsOn and @endsOn),
                       (select count(*) from support_follow_ups where school_id = @schoolId and state = 'open')
                """, parameters);
            return new CoverageData(
                settings ?? CoverageSettings.Default, teachers, walkDays, (int)counts.Received, (int)counts.Given, (int)counts.OpenFollowUps);
        }, cancellationToken);

    public async Task<CoverageSettings> SettingsAsync(Guid schoolId, CancellationToken cancellationToken) =>
        await dataSource.SingleOrDefaultAsync<CoverageSettings>(SelectSettings, new { schoolId }, cancellationToken) ?? CoverageSettings.Default;

    public Task SetSettingsAsync(Guid schoolId, CoverageSettings settings, string updatedBy, CancellationToken cancellationToken) =>
        dataSource.ExecuteAsync(
            """
            insert into coverage_settings (school_id, observations_per_half_term, walks_per_week, updated_by)
            values (@schoolId, @ObservationsPerHalfTerm, @WalksPerWeek, @updatedBy)
            on conflict (school_id) do update set observations_per_half_term = excluded.observations_per_half_term,
                walks_per_week = excluded.walks_per_week, updated_by = excluded.updated_by, updated_at = now()
            """,
            new { schoolId, settings.ObservationsPerHalfTerm, settings.WalksPerWeek, updatedBy }, cancellationToken);
}
