using Federation.BuildingBlocks.Audit;
using Federation.Contracts.Observations;

namespace Federation.Observations.Data;

/// <summary>An observation as scheduled or proposed.</summary>
/// <param name="Observers">Each observer and their home school, in the order given.</param>
public sealed record ObservationDetails(
    Guid SchoolId, Guid TeacherId, IReadOnlyList<(Guid PersonId, Guid SchoolId)> Observers, ObservationKind Kind,
    IReadOnlyList<ObservationFocus> Focus, DateOnly ObserveOn, TimeOnly StartsAt, string? Lesson, bool CrossSchool);

/// <summary>What a step records besides the new state: who took it, why, and the observers' record.</summary>
public sealed record ObservationChange(
    string Actor, string? Reason = null, string? Strengths = null, string? NextSteps = null, bool? SupportNeeded = null, SupportKind? SupportKind = null);

public sealed class ObservationStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    internal const string Select = """
        select o.id, o.school_id, coalesce(s.name, '') as school_name, o.teacher_id, coalesce(t.name, '') as teacher_name,
               o.kind, o.focus, o.observe_on, o.starts_at, o.lesson, o.cross_school, o.state, o.scheduled_by, o.decided_by, o.reason,
               o.strengths, o.next_steps, o.support_needed, o.support_kind, o.recorded_by, o.recorded_at, o.updated_at,
               w.observer_ids, w.observer_names, w.observer_school_ids
        from observations o
        left join access_schools s on s.id = o.school_id
        left join access_people t on t.id = o.teacher_id
        cross join lateral (
            select array_agg(x.person_id order by x.position) as observer_ids,
                   array_agg(coalesce(p.name, '') order by x.position) as observer_names,
                   array_agg(x.school_id order by x.position) as observer_school_ids
            from observation_observers x left join access_people p on p.id = x.person_id
            where x.observation_id = o.id) w
        """;

    /// <summary>The observations the caller may read (<see cref="ObservationReader"/>): one index
    /// scan for each way of reading, each index carrying the id.</summary>
    private const string VisibleIds = """
        select id from observations where teacher_id = @CallerPersonId
        union select observation_id from observation_observers where person_id = @CallerPersonId
        union select id from observations where school_id = any(@Granted)
        """;

    /// <summary>The observation, when the caller may read it (for a step to decide on; what it
    /// answers is the step's change, audited as such).</summary>
    public Task<ObservationRow?> FindAsync(Guid id, ObservationReader reader, CancellationToken cancellationToken) =>
        dataSource.ReadAsync(session => FindAsync(session, id, reader), cancellationToken);

    /// <summary>The observation, when the caller may read it, to show them; with its record, in the
    /// same transaction, a row in the audit log that they read it.</summary>
    public Task<ObservationRow?> GetAsync(Guid id, ObservationReader reader, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            var observation = await FindAsync(session, id, reader);
            await AuditRecordsReadAsync(session, observation is null ? [] : [observation], "GetObservation");
            return observation;
        }, cancellationToken);

    private static Task<ObservationRow?> FindAsync(SqlSession session, Guid id, ObservationReader reader) =>
        session.SingleOrDefaultAsync<ObservationRow>(
            $"{Select} where {new WhereClause("o.id = @id").Visible(reader.Access, "o.id", VisibleIds)}", reader.Access.With(new { id }));

    /// <summary>A page of the observations the caller may read; for each one with a record on the
    /// page, in the same transaction, a row in the audit log that they read it.</summary>
    public Task<Page<ObservationRow>> ListAsync(ObservationFilter filter, PageRequest page, ObservationReader reader, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            var observations = await ListAsync(session, filter, page, reader);
            await AuditRecordsReadAsync(session, observations.Items, "ListObservations");
            return observations;
        }, cancellationToken);

    /// <summary>Who read an observation's record (DOMAIN.md rule 14): a row per observation whose
    /// notes the answer carries (a completed one's), never the notes themselves.</summary>
    private static Task AuditRecordsReadAsync(SqlSession session, IEnumerable<ObservationRow> read, string via) =>
        AuditLog.ReadAsync(
            session, "observation", [.. read.Where(observation => observation.State == ObservationState.Completed).Select(observation => observation.Id)],
            via);

    private static Task<Page<ObservationRow>> ListAsync(SqlSession session, ObservationFilter filter, PageRequest page, ObservationReader reader) =>
        session.QueryPageAsync<ObservationRow>(
            Select,
            new WhereClause()
                .Visible(reader.Access, "o.id", VisibleIds)
                .And(filter.SchoolId is not null, "o.school_id = @SchoolId")
                .And(filter.TeacherId is not null, "o.teacher_id = @TeacherId")
                .And(filter.ObserverId is not null, "exists (select 1 from observation_observers x where x.observation_id = o.id and x.person_id = @ObserverId)")
                .And(filter.State is not null, "o.state = @State")
                .And(filter.From is not null, "o.observe_on >= @From")
                .And(filter.To is not null, "o.observe_on <= @To"),
            reader.Access.With(new
            {
                filter.SchoolId,
                filter.TeacherId,
                filter.ObserverId,
                State = filter.State?.Value.ToEventName(),
                filter.From,
                filter.To,
            }),
            page, "o.id", observation => observation.Id);

    /// <summary>How the caller stands to the observation: one of its observers; a leader of the observed school.</summary>
    public static ObservationActors ActorsOf(ObservationRow observation, ObservationReader reader) => new(
        reader.Access.CallerPersonId is { } me && observation.ObserverIds.Contains(me),
        reader.Access.CallerIsAdministrator || reader.Access.Granted.Contains(observation.SchoolId));

    /// <summary>Records a scheduled (or, cross-school and not yet accepted, proposed) observation and its event.</summary>
    public Task<ObservationRow> ScheduleAsync(
        Guid id, ObservationDetails details, ObservationState state, string scheduledBy, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                """
                insert into observations (id, school_id, teacher_id, kind, focus, observe_on, starts_at, lesson, cross_school, state, scheduled_by, decided_by)
                values (@id, @SchoolId, @TeacherId, @Kind, @Focus, @ObserveOn, @StartsAt, @Lesson, @CrossSchool, @State, @scheduledBy,
                        case when @CrossSchool and @State = 'scheduled' then @scheduledBy end);
                insert into observation_observers (observation_id, person_id, school_id, position)
                select @id, person_id, school_id, position - 1
                from unnest(@ObserverIds, @ObserverSchoolIds) with ordinality as o (person_id, school_id, position)
                """,
                new
                {
                    id,
                    details.SchoolId,
                    details.TeacherId,
                    Kind = details.Kind.ToEventName(),
                    Focus = details.Focus.ToArray(),
                    details.ObserveOn,
                    details.StartsAt,
                    details.Lesson,
                    details.CrossSchool,
                    State = state.ToEventName(),
                    scheduledBy,
                    ObserverIds = details.Observers.Select(observer => observer.PersonId).ToArray(),
                    ObserverSchoolIds = details.Observers.Select(observer => observer.SchoolId).ToArray(),
                });
            var observation = await ReadAsync(session, id);
            await Outbox.AddAndApplyToReplicaAsync(session, state == ObservationState.Proposed
                ? new CrossSchoolObservationProposed(observation.ToEvent(), clock.GetUtcNow())
                : new ObservationScheduled(observation.ToEvent(), clock.GetUtcNow()));
            return observation;
        }, cancellationToken);

    /// <summary>Takes <paramref name="step"/>: moves the observation from one of the step's states to
    /// its own in one statement, so that two people acting at once cannot both move it, and
    /// publishes the step's event. Null when the observation was no longer in such a state.</summary>
    public Task<ObservationRow?> MoveAsync(
        Guid id, ObservationStep step, ObservationChange change, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            var moved = await session.ExecuteAsync(
                """
                update observations
                set state = @to,
                    decided_by = case when @to in ('scheduled', 'declined') then @Actor else decided_by end,
                    reason = coalesce(@Reason, reason),
                    strengths = coalesce(@Strengths, strengths),
                    next_steps = coalesce(@NextSteps, next_steps),
                    support_needed = coalesce(@SupportNeeded, support_needed),
                    support_kind = coalesce(@SupportKind, support_kind),
                    recorded_by = case when @to = 'completed' then @Actor else recorded_by end,
                    recorded_at = case when @to = 'completed' then now() else recorded_at end,
                    updated_at = now()
                where id = @id and state = any(@from)
                """,
                new
                {
                    id,
                    from = step.From.Select(state => state.ToEventName()).ToArray(),
                    to = step.To.ToEventName(),
                    change.Actor,
                    change.Reason,
                    change.Strengths,
                    change.NextSteps,
                    change.SupportNeeded,
                    SupportKind = change.SupportKind?.ToEventName(),
                });
            if (moved == 0)
            {
                return null;
            }
            var observation = await ReadAsync(session, id);
            await Outbox.AddAndApplyToReplicaAsync(session, step.Event(new ObservationStepFacts(
                observation.ToEvent(), observation.SupportNeeded ?? false, observation.SupportKind, clock.GetUtcNow())));
            return observation;
        }, cancellationToken);

    private static Task<ObservationRow> ReadAsync(SqlSession session, Guid id) =>
        session.SingleAsync<ObservationRow>($"{Select} where o.id = @id", new { id });
}
