using Federation.Contracts.Observations;

namespace Federation.Observations.Data;

/// <summary>A walk as recorded: who walked, when, which classrooms, and praise or help noted per teacher.</summary>
public sealed record WalkDetails(
    Guid SchoolId, DateOnly WalkedOn, IReadOnlyList<Guid> WalkerIds, IReadOnlyList<string> Classrooms,
    IReadOnlyList<(Guid TeacherId, WalkNote Note, string? Comment)> Notes);

/// <summary>Senior-team walks. Read by the walkers and the school's leaders (<see cref="ObservationReader"/>).</summary>
public sealed class SeniorTeamWalkStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Select = """
        select w.id, w.school_id, coalesce(s.name, '') as school_name, w.walked_on, w.classrooms, w.recorded_by, w.recorded_at,
               k.walker_ids, k.walker_names,
               coalesce((select json_agg(json_build_object('teacherId', n.teacher_id, 'teacherName', coalesce(p.name, ''), 'note', n.note,
                                                           'comment', n.comment) order by p.name)
                         from senior_team_walk_notes n left join access_people p on p.id = n.teacher_id
                         where n.walk_id = w.id), '[]')::text as notes
        from senior_team_walks w
        left join access_schools s on s.id = w.school_id
        cross join lateral (
            select array_agg(x.person_id order by p.name) as walker_ids, array_agg(coalesce(p.name, '') order by p.name) as walker_names
            from senior_team_walkers x left join access_people p on p.id = x.person_id
            where x.walk_id = w.id) k
        """;

    private const string VisibleIds = """
        select walk_id from senior_team_walkers where person_id = @CallerPersonId
        union select id from senior_team_walks where school_id = any(@Granted)
        """;

    public Task<SeniorTeamWalkRow?> FindAsync(Guid id, ObservationReader reader, CancellationToken cancellationToken) =>
        dataSource.SingleOrDefaultAsync<SeniorTeamWalkRow>(
            $"{Select} where {new WhereClause("w.id = @id").Visible(reader.Access, "w.id", VisibleIds)}", reader.Access.With(new { id }),
            cancellationToken);

    public Task<Page<SeniorTeamWalkRow>> ListAsync(
        Guid? schoolId, DateOnly? from, DateOnly? to, PageRequest page, ObservationReader reader, CancellationToken cancellationToken) =>
        dataSource.QueryPageAsync<SeniorTeamWalkRow>(
            Select,
            new WhereClause()
                .Visible(reader.Access, "w.id", VisibleIds)
                .And(schoolId is not null, "w.school_id = @schoolId")
                .And(from is not null, "w.walked_on >= @from")
                .And(to is not null, "w.walked_on <= @to"),
            reader.Access.With(new { schoolId, from, to }),
            page, "w.id", walk => walk.Id, cancellationToken);

    public Task<SeniorTeamWalkRow> RecordAsync(Guid id, WalkDetails walk, string recordedBy, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                """
                insert into senior_team_walks (id, school_id, walked_on, classrooms, recorded_by)
                values (@id, @SchoolId, @WalkedOn, @Classrooms, @recordedBy);
                insert into senior_team_walkers (walk_id, person_id) select @id, unnest(@WalkerIds);
                insert into senior_team_walk_notes (walk_id, teacher_id, note, comment)
                select @id, teacher_id, note, comment from unnest(@TeacherIds, @Notes, @Comments) as n (teacher_id, note, comment)
                """,
                new
                {
                    id,
                    walk.SchoolId,
                    walk.WalkedOn,
                    Classrooms = walk.Classrooms.ToArray(),
                    recordedBy,
                    WalkerIds = walk.WalkerIds.ToArray(),
                    TeacherIds = walk.Notes.Select(note => note.TeacherId).ToArray(),
                    Notes = walk.Notes.Select(note => note.Note.ToEventName()).ToArray(),
                    Comments = walk.Notes.Select(note => note.Comment).ToArray(),
                });
            await Outbox.AddAndApplyToReplicaAsync(session, new SeniorTeamWalkRecorded(
                id, walk.SchoolId, walk.WalkedOn, walk.WalkerIds, walk.Classrooms.Count,
                walk.Notes.Count(note => note.Note == WalkNote.Praise), walk.Notes.Count(note => note.Note == WalkNote.Help), clock.GetUtcNow()));
            return await session.SingleAsync<SeniorTeamWalkRow>($"{Select} where w.id = @id", new { id });
        }, cancellationToken);

    /// <summary>Whether the walk noted that <paramref name="teacherId"/> needs help.</summary>
    public Task<bool> NotedHelpAsync(Guid walkId, Guid teacherId, CancellationToken cancellationToken) =>
        dataSource.SingleAsync<bool>(
            "select exists (select 1 from senior_team_walk_notes where walk_id = @walkId and teacher_id = @teacherId and note = 'help')",
            new { walkId, teacherId }, cancellationToken);
}
