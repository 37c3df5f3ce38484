using Dapper;
using Npgsql;

namespace Federation.BuildingBlocks.Access;

/// <summary>What this service knows of the school directory, from its access replica: which
/// schools, federations, clusters and local authorities exist and how they are joined.</summary>
public sealed class ScopeDirectory(NpgsqlDataSource dataSource)
{
    public async Task<bool> ExistsAsync(Scope scope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from access_scope_cover where scope_kind = @Kind and scope_id = @Id and target_id = @Id)",
            new { Kind = scope.Kind.ToEventName(), scope.Id }, cancellationToken: cancellationToken));
    }

    /// <summary>True when the two schools are members of one federation or one cluster.</summary>
    public async Task<bool> ArePartnersAsync(Guid schoolId, Guid otherSchoolId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            select exists (select 1 from access_federation_members a join access_federation_members b using (federation_id)
                           where a.school_id = @schoolId and b.school_id = @otherSchoolId)
                or exists (select 1 from access_cluster_members a join access_cluster_members b using (cluster_id)
                           where a.school_id = @schoolId and b.school_id = @otherSchoolId)
            """,
            new { schoolId, otherSchoolId }, cancellationToken: cancellationToken));
    }
}
