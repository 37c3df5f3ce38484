using Federation.Contracts.Schools;

namespace Federation.Schools.Data;

/// <summary>A school's directory entry as written. A null number is unknown (blank in the national register).</summary>
public sealed record SchoolDetails(
    int Urn,
    string Name,
    Guid LocalAuthorityId,
    SchoolPhase Phase,
    int? LowestAge,
    int? HighestAge,
    int? PupilsOnRoll,
    int? FsmBand,
    int? OfstedGrade,
    DateOnly? OfstedInspectedOn,
    OfstedCategory OfstedCategory,
    string[] Specialisms);

public sealed class SchoolStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Select = """
        select s.id, s.urn, s.name, s.local_authority_id, s.phase, s.lowest_age, s.highest_age, s.pupils_on_roll,
               s.fsm_band, s.ofsted_grade, s.ofsted_inspected_on, s.ofsted_category, s.specialisms,
               array(select f.federation_id from federation_members f where f.school_id = s.id and f.left_on is null) as federation_ids,
               array(select c.cluster_id from cluster_members c where c.school_id = s.id and c.left_on is null) as cluster_ids
        from schools s
        """;

    public Task<SchoolRow?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        dataSource.ReadAsync(session => FindAsync(session, id), cancellationToken);

    public Task<Page<SchoolRow>> ListAsync(SchoolFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        dataSource.QueryPageAsync<SchoolRow>(
            Select,
            new WhereClause()
                .And(filter.LocalAuthorityId is not null, "s.local_authority_id = @LocalAuthorityId")
                .And(filter.Phase is not null, "s.phase = @Phase")
                .And(filter.FederationId is not null, """
                    exists (select 1 from federation_members f where f.school_id = s.id and f.federation_id = @FederationId and f.left_on is null)
                    """)
                .And(filter.ClusterId is not null, """
                    exists (select 1 from cluster_members c where c.school_id = s.id and c.cluster_id = @ClusterId and c.left_on is null)
                    """),
            new
            {
                filter.LocalAuthorityId,
                filter.FederationId,
                filter.ClusterId,
                Phase = filter.Phase?.Value.ToEventName(),
            },
            page, "s.id", school => school.Id, cancellationToken);

    /// <summary>The ids among <paramref name="ids"/> that are not registered schools.</summary>
    public async Task<IReadOnlyList<Guid>> UnknownAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken) =>
        await dataSource.QueryAsync<Guid>(
            "select id from unnest(@Ids) as requested(id) where not exists (select 1 from schools s where s.id = requested.id)",
            new { Ids = ids.Distinct().ToArray() }, cancellationToken);

    public Task<SchoolRow> RegisterAsync(Guid id, SchoolDetails school, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await InsertAsync(session, id, school);
            return (await FindAsync(session, id))!;
        }, cancellationToken);

    /// <summary>Replaces the entry; null when there is no such school.</summary>
    public Task<SchoolRow?> UpdateAsync(Guid id, SchoolDetails school, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
            await ReplaceAsync(session, id, school) ? await FindAsync(session, id) : null,
            cancellationToken);

    /// <summary>Adds the school and its SchoolRegistered event in <paramref name="session"/>'s transaction.</summary>
    public async Task InsertAsync(SqlSession session, Guid id, SchoolDetails school)
    {
        await InsertRowAsync(session, id, school);
        await Outbox.AddAndApplyToReplicaAsync(session, Registered(id, school));
    }

    /// <summary>Replaces the entry and adds its SchoolUpdated event in <paramref name="session"/>'s
    /// transaction; false when there is no such school.</summary>
    public async Task<bool> ReplaceAsync(SqlSession session, Guid id, SchoolDetails school)
    {
        if (!await ReplaceRowAsync(session, id, school))
        {
            return false;
        }
        await Outbox.AddAndApplyToReplicaAsync(session, Updated(id, school));
        return true;
    }

    /// <summary>The school's row alone: its event is the caller's to publish (an import publishes many at once).</summary>
    public Task InsertRowAsync(SqlSession session, Guid id, SchoolDetails school) =>
        session.ExecuteAsync(
            """
            insert into schools (id, urn, name, local_authority_id, phase, lowest_age, highest_age, pupils_on_roll,
                                 fsm_band, ofsted_grade, ofsted_inspected_on, ofsted_category, specialisms)
            values (@Id, @Urn, @Name, @LocalAuthorityId, @Phase, @LowestAge, @HighestAge, @PupilsOnRoll,
                    @FsmBand, @OfstedGrade, @OfstedInspectedOn, @OfstedCategory, @Specialisms)
            """,
            Parameters(id, school));

    /// <summary>The entry's row alone (see <see cref="InsertRowAsync"/>); false when there is no such school.</summary>
    public async Task<bool> ReplaceRowAsync(SqlSession session, Guid id, SchoolDetails school) =>
        await session.ExecuteAsync(
            """
            update schools set urn = @Urn, name = @Name, local_authority_id = @LocalAuthorityId, phase = @Phase,
                   lowest_age = @LowestAge, highest_age = @HighestAge, pupils_on_roll = @PupilsOnRoll,
                   fsm_band = @FsmBand, ofsted_grade = @OfstedGrade, ofsted_inspected_on = @OfstedInspectedOn,
                   ofsted_category = @OfstedCategory, specialisms = @Specialisms, updated_at = now()
            where id = @Id
            """,
            Parameters(id, school)) > 0;

    public SchoolRegistered Registered(Guid id, SchoolDetails school) => new(
        id, school.Urn, school.Name, school.LocalAuthorityId, school.Phase.ToEventName(), school.PupilsOnRoll,
        school.FsmBand, school.OfstedGrade, clock.GetUtcNow());

    public SchoolUpdated Updated(Guid id, SchoolDetails school) => new(
        id, school.Urn, school.Name, school.LocalAuthorityId, school.Phase.ToEventName(), school.PupilsOnRoll,
        school.FsmBand, school.OfstedGrade, clock.GetUtcNow());

    private static Task<SchoolRow?> FindAsync(SqlSession session, Guid id) =>
        session.SingleOrDefaultAsync<SchoolRow>($"{Select} where s.id = @id", new { id });

    private static object Parameters(Guid id, SchoolDetails school) => new
    {
        Id = id,
        school.Urn,
        school.Name,
        school.LocalAuthorityId,
        Phase = school.Phase.ToEventName(),
        school.LowestAge,
        school.HighestAge,
        school.PupilsOnRoll,
        school.FsmBand,
        school.OfstedGrade,
        school.OfstedInspectedOn,
        OfstedCategory = school.OfstedCategory.ToEventName(),
        school.Specialisms,
    };
}
