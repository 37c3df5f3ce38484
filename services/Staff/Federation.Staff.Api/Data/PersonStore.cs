using Dapper;

namespace Federation.Staff.Data;

/// <summary>A person as written.</summary>
public sealed record PersonDetails(string Name, string Email, Guid? HomeSchoolId, StaffType StaffType, string[] Specialisms);

public sealed class PersonStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    internal const string Select = "select p.id, p.name, p.email, p.home_school_id, p.staff_type, p.specialisms from people p";

    /// <summary>Who may see a person: themselves; whoever may read the staff of their home school,
    /// or of a scope where they hold a role now; administrators. A query of ids over the
    /// indexes (see <see cref="WhereClause.Visible"/>), so a page costs what the caller sees, not
    /// what the table holds.</summary>
    private const string VisibleIds = """
        select id from people where id = @CallerPersonId
        union select id from people where home_school_id = any(@Visible)
        union select person_id from role_assignments where scope_id = any(@Visible) and (ends_on is null or ends_on >= @AccessOn)
        """;

    /// <summary>The person, if they exist and <paramref name="access"/> lets the caller see them.</summary>
    public Task<PersonRow?> FindAsync(Guid id, AccessFilter access, CancellationToken cancellationToken) =>
        dataSource.SingleOrDefaultAsync<PersonRow>(
            $"{Select} where {new WhereClause("p.id = @id").Visible(access, "p.id", VisibleIds)}", access.With(new { id }), cancellationToken);

    /// <summary>The person, whoever may see them: for checks, not for answers.</summary>
    public Task<PersonRow?> FindAnyoneAsync(Guid id, CancellationToken cancellationToken) =>
        dataSource.SingleOrDefaultAsync<PersonRow>(
            $"{Select} where p.id = @id", new { id }, cancellationToken);

    public Task<PersonRow?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        dataSource.SingleOrDefaultAsync<PersonRow>(
            $"{Select} where lower(p.email) = lower(@email)", new { email }, cancellationToken);

    public Task<Page<PersonRow>> ListAsync(PersonFilter filter, PageRequest page, AccessFilter access, CancellationToken cancellationToken) =>
        dataSource.QueryPageAsync<PersonRow>(
            Select,
            new WhereClause()
                .Visible(access, "p.id", VisibleIds)
                .And(filter.SchoolId is not null, "p.home_school_id = @SchoolId")
                .And(filter.Email is not null, "lower(p.email) = lower(@Email)"),
            access.With(new { filter.SchoolId, filter.Email }),
            page, "p.id", person => person.Id, cancellationToken);

    public Task<PersonRow> RegisterAsync(Guid id, PersonDetails person, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                """
                insert into people (id, name, email, home_school_id, staff_type, specialisms)
                values (@Id, @Name, @Email, @HomeSchoolId, @StaffType, @Specialisms)
                """,
                Parameters(id, person));
            var registered = await ReadAsync(session, id);
            await Outbox.AddAndApplyToReplicaAsync(session, registered.ToRegistered(clock.GetUtcNow()));
            return registered;
        }, cancellationToken);

    public Task<PersonRow> UpdateAsync(Guid id, PersonDetails person, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                """
                update people set name = @Name, email = @Email, home_school_id = @HomeSchoolId, staff_type = @StaffType,
                       specialisms = @Specialisms, updated_at = now()
                where id = @Id
                """,
                Parameters(id, person));
            var updated = await ReadAsync(session, id);
            await Outbox.AddAndApplyToReplicaAsync(session, updated.ToUpdated(clock.GetUtcNow()));
            return updated;
        }, cancellationToken);

    private static Task<PersonRow> ReadAsync(SqlSession session, Guid id) =>
        session.SingleAsync<PersonRow>(
            $"{Select} where p.id = @id", new { id });

    private static object Parameters(Guid id, PersonDetails person) => new
    {
        Id = id,
        person.Name,
        person.Email,
        person.HomeSchoolId,
        StaffType = person.StaffType.ToEventName(),
        person.Specialisms,
    };
}
