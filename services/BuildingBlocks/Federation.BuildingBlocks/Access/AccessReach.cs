using Dapper;
using Federation.BuildingBlocks.Data;

namespace Federation.BuildingBlocks.Access;

/// <summary>Every scope a person's roles reach on a day, loaded with one query from the access
/// replica's closure table (access_scope_cover): down from each role's scope to what it covers
/// (where the role grants its permissions), and up to what covers the scope (seen, never acted
/// on: the head of a school sees its federation's roles, never a sideways school's). Checks and
/// list filters are then answered from memory, whatever the size of the data.</summary>
public sealed class AccessReach
{
    public static readonly AccessReach Nothing = new([]);

    private readonly IReadOnlyList<Row> rows;

    private AccessReach(IReadOnlyList<Row> rows) => this.rows = rows;

    /// <summary>The reach rows of a person (@personId, else whoever is bound to @subject) on @on.</summary>
    private const string Query = """
        with held as (
            select role, scope_kind, scope_id from access_role_assignments
            where person_id = coalesce(@personId, (select p.id from access_people p where p.subject = @subject))
              and starts_on <= @on and (ends_on is null or ends_on >= @on))
        select h.role, true as down, c.target_kind as kind, c.target_id as id
        from held h join access_scope_cover c on c.scope_kind = h.scope_kind and c.scope_id = h.scope_id
        union all
        select h.role, false, c.scope_kind, c.scope_id
        from held h join access_scope_cover c on c.target_kind = h.scope_kind and c.target_id = h.scope_id
        """;

    /// <summary>The person bound to @subject, then their reach rows: one round trip.</summary>
    private const string SubjectQuery = $"{PersonDirectory.Select} where subject = @subject; {Query}";

    public static async Task<AccessReach> ForPersonAsync(SqlSession session, Guid personId, DateOnly on) =>
        new(await session.QueryAsync<Row>(Query, new { personId = (Guid?)personId, subject = (string?)null, on }));

    /// <summary>The person bound to <paramref name="subject"/> (null when nobody is yet) and their
    /// reach, in one round trip: what every signed-in request starts with.</summary>
    public static async Task<(KnownPerson? Person, AccessReach Reach)> ForSubjectAsync(
        SqlSession session, string subject, DateOnly on)
    {
        await using var results = await session.Connection.QueryMultipleAsync(
            session.Command(SubjectQuery, new { personId = (Guid?)null, subject, on }));
        var person = await results.ReadSingleOrDefaultAsync<KnownPerson>();
        var rows = await results.ReadAsync<Row>();
        return (person, person is null ? Nothing : new AccessReach(rows.AsList()));
    }

    /// <summary>A role of the person grants <paramref name="permission"/> on its scope, which is or covers <paramref name="target"/>.</summary>
    public bool Grants(Permission permission, Scope target)
    {
        var roles = RoleRules.RoleNames(permission);
        var kind = target.Kind.ToEventName();
        return rows.Any(row => row.Down && row.Id == target.Id && row.Kind == kind && roles.Contains(row.Role));
    }

    /// <summary>The ids of every scope where <paramref name="permission"/> is granted (schools,
    /// federations, clusters and local authorities: their ids are unique across kinds).</summary>
    public Guid[] Granted(Permission permission) => Ids(permission, downOnly: true);

    /// <summary>The ids of every scope the person may see with <paramref name="permission"/>: those
    /// granted, and those that cover them.</summary>
    public Guid[] Visible(Permission permission) => Ids(permission, downOnly: false);

    private Guid[] Ids(Permission permission, bool downOnly)
    {
        var roles = RoleRules.RoleNames(permission);
        return rows.Where(row => (row.Down || !downOnly) && roles.Contains(row.Role)).Select(row => row.Id).Distinct().ToArray();
    }

    private sealed record Row(string Role, bool Down, string Kind, Guid Id);
}
