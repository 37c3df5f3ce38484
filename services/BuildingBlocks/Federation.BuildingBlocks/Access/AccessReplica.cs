using System.Text.Json;
using Federation.BuildingBlocks.Data;
using Federation.Contracts.Platform;
using Federation.Contracts.Schools;
using Federation.Contracts.Staff;

namespace Federation.BuildingBlocks.Access;

/// <summary>Keeps the access_* tables (Data/Migrations/0002_access_replica.sql, 0008_school_years.sql)
/// up to date from the directory, school calendar and staff events. Every change is an idempotent upsert or delete, so that applying an
/// event twice (the service's own event, applied when written and again when it comes back from the
/// broker) changes nothing.</summary>
public static class AccessReplica
{
    /// <summary>Applies <paramref name="integrationEvent"/> if it is one the replica follows (true);
    /// others are ignored (false).</summary>
    public static async Task<bool> ApplyAsync(SqlSession session, object integrationEvent)
    {
        var (sql, parameters) = integrationEvent switch
        {
            // A GIAS import's schools in one statement.
            SchoolsImported e => (
                """
                insert into access_schools (id, name, local_authority_id)
                select * from unnest(@Ids, @Names, @LocalAuthorityIds)
                on conflict (id) do update set name = excluded.name, local_authority_id = excluded.local_authority_id
                """,
                (object)new
                {
                    Ids = e.Registered.Select(s => s.SchoolId).Concat(e.Updated.Select(s => s.SchoolId)).ToArray(),
                    Names = e.Registered.Select(s => s.Name).Concat(e.Updated.Select(s => s.Name)).ToArray(),
                    LocalAuthorityIds = e.Registered.Select(s => s.LocalAuthorityId).Concat(e.Updated.Select(s => s.LocalAuthorityId)).ToArray(),
                }),
            LocalAuthorityRegistered e => ("insert into access_local_authorities (id) values (@LocalAuthorityId) on conflict do nothing", (object)e),
            SchoolRegistered e => (UpsertSchool, new { e.SchoolId, e.Name, e.LocalAuthorityId }),
            SchoolUpdated e => (UpsertSchool, new { e.SchoolId, e.Name, e.LocalAuthorityId }),
            FederationFormed e => ("insert into access_federations (id) values (@FederationId) on conflict do nothing", e),
            SchoolJoinedFederation e => (
                """
                insert into access_federations (id) values (@FederationId) on conflict do nothing;
                insert into access_federation_members (federation_id, school_id) values (@FederationId, @SchoolId) on conflict do nothing
                """, e),
            SchoolLeftFederation e => ("delete from access_federation_members where federation_id = @FederationId and school_id = @SchoolId", e),
            ClusterFormed e => (UpsertCluster, new { e.ClusterId, e.LocalAuthorityId }),
            ClusterUpdated e => (UpsertCluster, new { e.ClusterId, e.LocalAuthorityId }),
            SchoolJoinedCluster e => ("insert into access_cluster_members (cluster_id, school_id) values (@ClusterId, @SchoolId) on conflict do nothing", e),
            SchoolLeftCluster e => ("delete from access_cluster_members where cluster_id = @ClusterId and school_id = @SchoolId", e),
            PersonRegistered e => (UpsertPerson, new { e.PersonId, e.Name, e.Email, e.HomeSchoolId }),
            PersonUpdated e => (UpsertPerson, new { e.PersonId, e.Name, e.Email, e.HomeSchoolId }),
            // The first binding of a person stands (a subject already bound elsewhere is left alone).
            PersonSignInBound e => (
                """
                insert into access_people (id, email, subject) values (@PersonId, @Email, @Subject)
                on conflict (id) do update set subject = coalesce(access_people.subject, excluded.subject)
                    where not exists (select 1 from access_people where subject = excluded.subject)
                """, e),
            // An assignment already ended (its RoleEnded applied first) keeps its end.
            RoleAssigned e => (
                """
                insert into access_role_assignments (id, person_id, role, scope_kind, scope_id, starts_on, ends_on)
                values (@AssignmentId, @PersonId, @Role, @ScopeKind, @ScopeId, @StartsOn, @EndsOn) on conflict do nothing
                """, e),
            RoleEnded e => (
                """
                insert into access_role_assignments (id, person_id, role, scope_kind, scope_id, starts_on, ends_on)
                values (@AssignmentId, @PersonId, @Role, @ScopeKind, @ScopeId, @StartsOn, @EndsOn)
                on conflict (id) do update set ends_on = excluded.ends_on
                """, e),
            SchoolYearSet e => (
                """
                insert into access_school_years (scope_id, scope_kind, start_year, terms, closed_days)
                values (@ScopeId, @ScopeKind, @StartYear, @Terms::jsonb, @ClosedDays::jsonb)
                on conflict (scope_id, start_year) do update set terms = excluded.terms, closed_days = excluded.closed_days
                """,
                new
                {
                    e.ScopeId, e.ScopeKind, e.StartYear,
                    Terms = JsonSerializer.Serialize(e.Terms, JsonSerializerOptions.Web),
                    ClosedDays = JsonSerializer.Serialize(e.ClosedDays, JsonSerializerOptions.Web),
                }),
            SchoolYearCleared e => ("delete from access_school_years where scope_id = @ScopeId and start_year = @StartYear", e),
            _ => (null, null),
        };
        if (sql is null)
        {
            return false;
        }
        await session.ExecuteAsync(sql, parameters);
        return true;
    }

    private const string UpsertSchool = """
        insert into access_schools (id, name, local_authority_id) values (@SchoolId, @Name, @LocalAuthorityId)
        on conflict (id) do update set name = excluded.name, local_authority_id = excluded.local_authority_id
        """;

    private const string UpsertCluster = """
        insert into access_clusters (id, local_authority_id) values (@ClusterId, @LocalAuthorityId)
        on conflict (id) do update set local_authority_id = excluded.local_authority_id
        """;

    private const string UpsertPerson = """
        insert into access_people (id, name, email, home_school_id) values (@PersonId, @Name, @Email, @HomeSchoolId)
        on conflict (id) do update set name = excluded.name, email = excluded.email, home_school_id = excluded.home_school_id
        """;
}
