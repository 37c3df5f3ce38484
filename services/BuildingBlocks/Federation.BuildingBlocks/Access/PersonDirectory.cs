using Federation.BuildingBlocks.Data;
using Npgsql;

namespace Federation.BuildingBlocks.Access;

/// <summary>A person as the access replica knows them.</summary>
public sealed class KnownPerson
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    public string Email { get; init; } = "";

    /// <summary>Null for someone who is not school staff (a local-authority officer...).</summary>
    public Guid? HomeSchoolId { get; init; }
}

/// <summary>Who is who, from this service's access replica (the staff service's people events).</summary>
public sealed class PersonDirectory(NpgsqlDataSource dataSource)
{
    internal const string Select = "select id, coalesce(name, email) as name, email, home_school_id from access_people";

    public Task<KnownPerson?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        dataSource.SingleOrDefaultAsync<KnownPerson>($"{Select} where id = @id", new { id }, cancellationToken);

    /// <summary>The people of <paramref name="ids"/> the replica knows, in one query.</summary>
    public Task<List<KnownPerson>> FindAllAsync(Guid[] ids, CancellationToken cancellationToken) =>
        dataSource.QueryAsync<KnownPerson>($"{Select} where id = any(@ids)", new { ids }, cancellationToken);
}
