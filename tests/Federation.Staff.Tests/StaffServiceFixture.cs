using System.Net;
using System.Net.Http.Json;
using Federation.Contracts.Platform;
using Federation.Contracts.Schools;
using Federation.Contracts.Staff;
using Federation.Staff.Api;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Federation.Staff.Tests;

/// <summary>The staff service on a fresh database of the real PostgreSQL, with the real RabbitMQ,
/// a listener for its events, and a school directory it learnt from schools events published on
/// the broker (as the schools service publishes them):
/// federation One (SchoolOne1, SchoolOne2), federation Two (SchoolTwo1, SchoolTwo2), a cluster
/// (SchoolOne2, ClusterOnlySchool) and a school in neither (LoneSchool), all in one authority.</summary>
public sealed class StaffServiceFixture : IAsyncLifetime
{
    public ServiceFactory<Program> Service { get; private set; } = null!;

    public EventListener Events { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public Guid LocalAuthority { get; } = Guid.CreateVersion7();

    public Guid FederationOne { get; } = Guid.CreateVersion7();

    public Guid FederationTwo { get; } = Guid.CreateVersion7();

    public Guid Cluster { get; } = Guid.CreateVersion7();

    public Guid SchoolOne1 { get; } = Guid.CreateVersion7();

    public Guid SchoolOne2 { get; } = Guid.CreateVersion7();

    public Guid SchoolTwo1 { get; } = Guid.CreateVersion7();

    public Guid SchoolTwo2 { get; } = Guid.CreateVersion7();

    public Guid ClusterOnlySchool { get; } = Guid.CreateVersion7();

    public Guid LoneSchool { get; } = Guid.CreateVersion7();

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        Events = await new EventListener()
            .On<PersonRegistered>().On<PersonUpdated>().On<RoleAssigned>().On<RoleEnded>()
            .On<ReplicaRefreshRequested>()
            .On<StaffDeploymentRequested>().On<StaffDeploymentAgreed>().On<StaffDeploymentDeclined>().On<StaffDeploymentCancelled>()
            .StartAsync(servers.RabbitMq);
        Service = new ServiceFactory<Program>(servers, "staff");
        await Service.StartAsync();
        Admin = Service.ClientFor(ServiceFactory<Program>.Administrator);
        await PublishDirectoryAsync();
    }

    public async Task DisposeAsync()
    {
        await Events.DisposeAsync();
        await Service.DisposeAsync();
    }

    private async Task PublishDirectoryAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var joined = new DateOnly(2025, 9, 1);
        await Service.PublishAsync(new LocalAuthorityRegistered(LocalAuthority, "Testshire", "Eastern Region", now));
        foreach (var school in new[] { SchoolOne1, SchoolOne2, SchoolTwo1, SchoolTwo2, ClusterOnlySchool, LoneSchool })
        {
            await Service.PublishAsync(new SchoolRegistered(school, 900000, "School", LocalAuthority, "secondary", 900, 2, 2, now));
        }
        foreach (var (federation, schools) in new[] { (FederationOne, new[] { SchoolOne1, SchoolOne2 }), (FederationTwo, new[] { SchoolTwo1, SchoolTwo2 }) })
        {
            await Service.PublishAsync(new FederationFormed(federation, "Federation", "hard", schools[0], joined, now));
            foreach (var school in schools)
            {
                await Service.PublishAsync(new SchoolJoinedFederation(federation, school, "hard", joined, now));
            }
        }
        await Service.PublishAsync(new ClusterFormed(Cluster, "Cluster", LocalAuthority, now));
        await Service.PublishAsync(new SchoolJoinedCluster(Cluster, SchoolOne2, joined, now));
        await Service.PublishAsync(new SchoolJoinedCluster(Cluster, ClusterOnlySchool, joined, now));
        await Service.WaitUntilReplicaAsync(
            $"(select count(*) from access_cluster_members where cluster_id = '{Cluster}') = 2", "the directory in the staff service's access replica");
    }

    /// <summary>A new person of <paramref name="homeSchoolId"/>, registered by the administrator.</summary>
    public async Task<PersonResponse> NewPersonAsync(Guid homeSchoolId, string? specialism = null)
    {
        var response = await Admin.PostAsJsonAsync("/api/people", new
        {
            name = "Test Person",
            email = NewEmail(),
            homeSchoolId,
            staffType = "teaching",
            specialisms = specialism is null ? Array.Empty<string>() : [specialism],
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PersonResponse>(Json.Options))!;
    }

    /// <summary>A new person of <paramref name="homeSchoolId"/> holding <paramref name="role"/> in
    /// <paramref name="scopeId"/> from today, and a client signed in as them.</summary>
    public async Task<(PersonResponse Person, HttpClient Client, RoleAssignmentResponse Assignment)> NewLeaderAsync(
        Guid homeSchoolId, string role, Guid scopeId)
    {
        var person = await NewPersonAsync(homeSchoolId);
        var assigned = await AssignAsync(Admin, person.Id, role, scopeId);
        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        var assignment = (await assigned.Content.ReadFromJsonAsync<RoleAssignmentResponse>(Json.Options))!;
        return (person, Service.ClientFor(person.Email), assignment);
    }

    public static Task<HttpResponseMessage> AssignAsync(HttpClient client, Guid personId, string role, Guid scopeId) =>
        client.PostAsJsonAsync("/api/role-assignments", new
        {
            personId,
            role,
            scopeId,
            startsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1),
        });

    public static string NewEmail() => $"person.{Guid.NewGuid():N}@example.org";
}
