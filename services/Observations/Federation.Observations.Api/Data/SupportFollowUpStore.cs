using Federation.Contracts.Observations;

namespace Federation.Observations.Data;

/// <summary>Support for a teacher, opened from what showed the need: an observation or a walk.</summary>
public sealed record FollowUpSource(Guid SchoolId, Guid TeacherId, Guid? ObservationId, Guid? WalkId);

/// <summary>Support follow-ups (scenario 10). Read by the teacher, the person giving the support,
/// and the school's leaders (<see cref="ObservationReader"/>), as observation records are.</summary>
public sealed class SupportFollowUpStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    internal const string Select = """
        select f.id, f.school_id, coalesce(s.name, '') as school_name, f.teacher_id, coalesce(t.name, '') as teacher_name,
               f.observation_id, f.walk_id, f.support_kind, f.assignee_id, coalesce(a.name, '') as assignee_name, f.state, f.note, f.outcome,
               f.opened_by, f.opened_at, f.closed_by, f.closed_at
        from support_follow_ups f
        left join access_schools s on s.id = f.school_id
        left join access_people t on t.id = f.teacher_id
        left join access_people a on a.id = f.assignee_id
        """;

    private const string VisibleIds = """
        select id from support_follow_ups where teacher_id = @CallerPersonId
        union select id from support_follow_ups where assignee_id = @CallerPersonId
        union select id from support_follow_ups where school_id = any(@Granted)
        """;

    public Task<SupportFollowUpRow?> FindAsync(Guid id, ObservationReader reader, CancellationToken cancellationToken) =>
        dataSource.SingleOrDefaultAsync<SupportFollowUpRow>(
            $"{Select} where {new WhereClause("f.id = @id").Visible(reader.Access, "f.id", VisibleIds)}", reader.Access.With(new { id }),
            cancellationToken);

    public Task<Page<SupportFollowUpRow>> ListAsync(
        SupportFollowUpFilter filter, PageRequest page, ObservationReader reader, CancellationToken cancellationToken) =>
        dataSource.QueryPageAsync<SupportFollowUpRow>(
            Select,
            new WhereClause()
                .Visible(reader.Access, "f.id", VisibleIds)
                .And(filter.SchoolId is not null, "f.school_id = @SchoolId")
                .And(filter.TeacherId is not null, "f.teacher_id = @TeacherId")
                .And(filter.AssigneeId is not null, "f.assignee_id = @AssigneeId")
                .And(filter.State is not null, "f.state = @State"),
            reader.Access.With(new { filter.SchoolId, filter.TeacherId, filter.AssigneeId, State = filter.State?.Value.ToEventName() }),
            page, "f.id", followUp => followUp.Id, cancellationToken);

    public Task<SupportFollowUpRow> OpenAsync(
        Guid id, FollowUpSource source, SupportKind kind, Guid assigneeId, string? note, string openedBy, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                """
                insert into support_follow_ups (id, school_id, teacher_id, observation_id, walk_id, support_kind, assignee_id, state, note, opened_by)
                values (@id, @SchoolId, @TeacherId, @ObservationId, @WalkId, @Kind, @assigneeId, 'open', @note, @openedBy)
                """,
                new { id, source.SchoolId, source.TeacherId, source.ObservationId, source.WalkId, Kind = kind.ToEventName(), assigneeId, note, openedBy });
            await Outbox.AddAndApplyToReplicaAsync(session, new SupportFollowUpOpened(
                id, source.SchoolId, source.TeacherId, assigneeId, kind.ToEventName(), source.ObservationId, source.WalkId, clock.GetUtcNow()));
            return await session.SingleAsync<SupportFollowUpRow>($"{Select} where f.id = @id", new { id });
        }, cancellationToken);

    /// <summary>Closes an open follow-up with its outcome; null when it was closed already.</summary>
    public Task<SupportFollowUpRow?> CloseAsync(Guid id, string outcome, string closedBy, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            var closed = await session.ExecuteAsync(
                """
                update support_follow_ups set state = 'closed', outcome = @outcome, closed_by = @closedBy, closed_at = now()
                where id = @id and state = 'open'
                """,
                new { id, outcome, closedBy });
            if (closed == 0)
            {
                return null;
            }
            var followUp = await session.SingleAsync<SupportFollowUpRow>($"{Select} where f.id = @id", new { id });
            await Outbox.AddAndApplyToReplicaAsync(session, new SupportFollowUpClosed(id, followUp.SchoolId, followUp.TeacherId, clock.GetUtcNow()));
            return followUp;
        }, cancellationToken);
}
