using Federation.BuildingBlocks.Data;
using Npgsql;

namespace Federation.BuildingBlocks.Access;

/// <summary>What this service knows of the school directory, from its access replica: which
/// schools, federations, clusters and local authorities exist and how they are joined.</summary>
public sealed class ScopeDirectory(NpgsqlDataSource dataSource)
{
    public Task<bool> ExistsAsync(Scope scope, CancellationToken cancellationToken) =>
        dataSource.SingleAsync<bool>(
            "select exists (select 1 from access_scope_cover where scope_kind = @Kind and scope_id = @Id and target_id = @Id)",
            new { Kind = scope.Kind.ToEventName(), scope.Id }, cancellationToken);

    /// <summary>True when the two schools are members of one federation or one cluster.</summary>
    public Task<bool> ArePartnersAsync(Guid schoolId, Guid otherSchoolId, CancellationToken cancellationToken) =>
        dataSource.SingleAsync<bool>(
            """
            select exists (select 1 from access_federation_members a join access_federation_members b using (federation_id)
                           where a.school_id = @schoolId and b.school_id = @otherSchoolId)
                or exists (select 1 from access_cluster_members a join access_cluster_members b using (cluster_id)
                           where a.school_id = @schoolId and b.school_id = @otherSchoolId)
            """,
            new { schoolId, otherSchoolId }, cancellationToken);
}
