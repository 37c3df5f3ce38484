using Dapper;
using Federation.BuildingBlocks.Access;
using Federation.BuildingBlocks.Data;
using Federation.BuildingBlocks.Messaging;
using Federation.Contracts.Schools;
using Federation.Contracts.Staff;
using Federation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Federation.BuildingBlocks.Tests;

/// <summary>The access answers worked out once per request (AccessReach, on the closure table the
/// replica keeps by triggers) are those of the rules as first written: the view over the replica's
/// own tables, walked by a function per check (migration 0002, kept here as the reference). Both
/// are asked about every person, permission and scope of a generated hierarchy, before and after
/// schools change federation, cluster and authority.</summary>
public sealed class AccessEquivalenceTests : IAsyncLifetime
{
    /// <summary>Migration 0002's rules, verbatim but for their names.</summary>
    private const string ReferenceRules = """
        create view reference_scope_cover (scope_kind, scope_id, target_kind, target_id) as
            select 'school', id, 'school', id from access_schools
            union all select 'federation', id, 'federation', id from access_federations
            union all select 'cluster', id, 'cluster', id from access_clusters
            union all select 'localAuthority', id, 'localAuthority', id from access_local_authorities
            union all select 'federation', federation_id, 'school', school_id from access_federation_members
            union all select 'cluster', cluster_id, 'school', school_id from access_cluster_members
            union all select 'localAuthority', local_authority_id, 'school', id from access_schools
            union all select 'localAuthority', local_authority_id, 'cluster', id from access_clusters;

        create function reference_grants(p_person uuid, p_on date) returns table (role text, scope_kind text, scope_id uuid)
        language sql stable as $$
            select r.role, r.scope_kind, r.scope_id from access_role_assignments r
            where r.person_id = p_person and r.starts_on <= p_on and (r.ends_on is null or r.ends_on >= p_on)
        $$;

        create function reference_granted(p_person uuid, p_on date, p_roles text[], p_target_kind text, p_target_id uuid)
        returns boolean language sql stable as $$
            select exists (
                select 1 from reference_grants(p_person, p_on) g
                join reference_scope_cover c on c.scope_kind = g.scope_kind and c.scope_id = g.scope_id
                where g.role = any(p_roles) and c.target_kind = p_target_kind and c.target_id = p_target_id)
        $$;

        create function reference_visible(p_person uuid, p_on date, p_roles text[], p_target_kind text, p_target_id uuid)
        returns boolean language sql stable as $$
            select reference_granted(p_person, p_on, p_roles, p_target_kind, p_target_id)
                or exists (
                    select 1 from reference_grants(p_person, p_on) g
                    join reference_scope_cover c on c.target_kind = g.scope_kind and c.target_id = g.scope_id
                    where g.role = any(p_roles) and c.scope_kind = p_target_kind and c.scope_id = p_target_id)
        $$;
        """;

    private static readonly DateOnly Today = new(2026, 11, 25);
    private readonly Random random = new(20261125);
    private readonly List<Guid> authorities = [];
    private readonly List<(Guid Id, Guid Authority)> schools = [];
    private readonly List<Guid> federations = [];
    private readonly List<(Guid Id, Guid Authority)> clusters = [];
    private readonly List<Guid> people = [];
    private TestServers servers = null!;
    private string database = null!;
    private WebApplication host = null!;
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        servers = await TestServers.GetAsync();
        database = servers.NewDatabase("access");
        host = await TestHost.StartAsync(servers, database, $"access-tests-{Guid.NewGuid():N}", typeof(AccessEquivalenceTests).Assembly);
        dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(ReferenceRules);
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        await host.DisposeAsync();
        await servers.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task Checks_and_lists_answer_as_the_rules_did_on_a_generated_hierarchy_and_after_it_changes()
    {
        await GenerateAsync();
        var compared = await CompareAsync();

        // Schools leave and join federations and clusters; schools and clusters move authority.
        var now = DateTimeOffset.UtcNow;
        var changes = new List<object>();
        for (var i = 0; i < 10; i++)
        {
            var school = Pick(schools);
            changes.Add(new SchoolLeftFederation(Pick(federations), school.Id, Today, now));
            changes.Add(new SchoolJoinedCluster(Pick(clusters).Id, Pick(schools).Id, Today, now));
            changes.Add(new SchoolLeftCluster(Pick(clusters).Id, Pick(schools).Id, Today, now));
            changes.Add(new SchoolUpdated(school.Id, 100000 + i, "Moved school", Pick(authorities), "secondary", 800, 2, null, now));
            changes.Add(new ClusterUpdated(Pick(clusters).Id, "Moved cluster", Pick(authorities), now));
        }
        await ApplyAsync(changes);
        compared += await CompareAsync();

        Assert.True(compared > 5_000, $"only {compared} answers compared");
    }

    /// <summary>5 authorities, 40 schools, 6 federations and 5 clusters of random members, and 24
    /// people holding 0-3 random roles each, some ended, some not started, through the events the
    /// replica applies.</summary>
    private async Task GenerateAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var events = new List<object>();
        for (var i = 0; i < 5; i++)
        {
            var id = Guid.CreateVersion7();
            authorities.Add(id);
            events.Add(new LocalAuthorityRegistered(id, $"Authority {i}", "Eastern Region", now));
        }
        for (var i = 0; i < 40; i++)
        {
            var school = (Guid.CreateVersion7(), Pick(authorities));
            schools.Add(school);
            events.Add(new SchoolRegistered(school.Item1, 100000 + i, $"School {i}", school.Item2, "secondary", 800, 2, null, now));
        }
        for (var i = 0; i < 6; i++)
        {
            var id = Guid.CreateVersion7();
            federations.Add(id);
            events.Add(new FederationFormed(id, $"Federation {i}", "soft", schools[0].Id, Today, now));
            events.AddRange(schools.OrderBy(_ => random.Next()).Take(random.Next(2, 5))
                .Select(school => new SchoolJoinedFederation(id, school.Id, "soft", Today, now)));
        }
        for (var i = 0; i < 5; i++)
        {
            var cluster = (Guid.CreateVersion7(), Pick(authorities));
            clusters.Add(cluster);
            events.Add(new ClusterFormed(cluster.Item1, $"Cluster {i}", cluster.Item2, now));
            events.AddRange(schools.OrderBy(_ => random.Next()).Take(random.Next(3, 9))
                .Select(school => new SchoolJoinedCluster(cluster.Item1, school.Id, Today, now)));
        }
        var roles = Enum.GetValues<Role>();
        for (var i = 0; i < 24; i++)
        {
            var person = Guid.CreateVersion7();
            people.Add(person);
            events.Add(new PersonRegistered(person, $"Person {i}", $"person{i}@example.org", Pick(schools).Id, "teaching", now));
            for (var held = random.Next(0, 4); held > 0; held--)
            {
                var role = roles[random.Next(roles.Length)];
                var scope = role.ScopeKind() switch
                {
                    ScopeKind.Federation => Pick(federations),
                    ScopeKind.Cluster => Pick(clusters).Id,
                    ScopeKind.LocalAuthority => Pick(authorities),
                    _ => Pick(schools).Id,
                };
                var (startsOn, endsOn) = random.Next(4) switch
                {
                    0 => (Today.AddDays(-400), (DateOnly?)Today.AddDays(-1)),
                    1 => (Today.AddDays(10), null),
                    _ => (Today.AddDays(-random.Next(0, 300)), random.Next(2) == 0 ? null : Today.AddDays(random.Next(0, 300))),
                };
                events.Add(new RoleAssigned(Guid.CreateVersion7(), person, role.ToEventName(), role.ScopeKind().ToEventName(), scope,
                    startsOn, endsOn, "substantive", null, now));
            }
        }
        await ApplyAsync(events);
    }

    private Task ApplyAsync(IEnumerable<object> events) =>
        dataSource.InTransactionAsync(async session =>
        {
            foreach (var integrationEvent in events)
            {
                await AccessReplica.ApplyAsync(session, integrationEvent);
            }
            return 0;
        }, CancellationToken.None);

    /// <summary>For every person and permission, every scope: granted and visible as the reference
    /// says, and as AccessReach says. Returns how many answers were compared.</summary>
    private async Task<int> CompareAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var compared = 0;
        foreach (var person in people)
        {
            var reach = await AccessReach.ForPersonAsync(new SqlSession(connection, null, CancellationToken.None), person, Today);
            foreach (var permission in Enum.GetValues<Permission>())
            {
                var expected = (await connection.QueryAsync<(string Kind, Guid Id, bool Granted, bool Visible)>(
                    """
                    select kind, id, reference_granted(@person, @Today, @roles, kind, id), reference_visible(@person, @Today, @roles, kind, id)
                    from (select 'school' as kind, id from access_schools union all select 'federation', id from access_federations
                          union all select 'cluster', id from access_clusters union all select 'localAuthority', id from access_local_authorities) targets
                    """,
                    new { person, Today, roles = RoleRules.RoleNames(permission) })).AsList();
                var granted = reach.Granted(permission).ToHashSet();
                var visible = reach.Visible(permission).ToHashSet();
                foreach (var target in expected)
                {
                    var scope = new Scope(Enum.Parse<ScopeKind>(target.Kind, ignoreCase: true), target.Id);
                    var actual = (reach.Grants(permission, scope), granted.Contains(target.Id), visible.Contains(target.Id));
                    Assert.True((target.Granted, target.Granted, target.Visible) == actual,
                        $"{permission} on {target.Kind} {target.Id} for person {person}: expected granted {target.Granted}, visible {target.Visible}; got {actual}");
                    compared++;
                }
                // Nothing beyond the scopes that exist: every id reached is a known scope.
                Assert.Subset(expected.Select(target => target.Id).ToHashSet(), visible);
            }
        }
        return compared;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
