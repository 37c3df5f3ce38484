using System.Net;
using System.Net.Http.Json;
using Federation.Contracts.Schools;
using Federation.Contracts.Staff;
using Federation.Schools.Api;
using Federation.Testing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Federation.Schools.Tests;

/// <summary>The schools service on a fresh database of the real PostgreSQL, with the real
/// RabbitMQ, and a listener for its events; shared by the tests of one class.</summary>
public sealed class SchoolsServiceFixture : IAsyncLifetime
{
    public ServiceFactory<Program> Service { get; private set; } = null!;

    public EventListener Events { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        Events = await new EventListener()
            .On<LocalAuthorityRegistered>().On<SchoolRegistered>().On<SchoolUpdated>().On<SchoolsImported>()
            .On<FederationFormed>().On<SchoolJoinedFederation>().On<SchoolLeftFederation>()
            .On<ClusterFormed>().On<ClusterUpdated>().On<SchoolJoinedCluster>().On<SchoolLeftCluster>()
            .On<SchoolYearSet>().On<SchoolYearCleared>()
            .StartAsync(servers.RabbitMq);
        Service = new ServiceFactory<Program>(servers, "schools");
        Admin = Service.ClientFor(ServiceFactory<Program>.Administrator);
    }

    public async Task DisposeAsync()
    {
        await Events.DisposeAsync();
        await Service.DisposeAsync();
    }

    public async Task<LocalAuthorityResponse> NewLocalAuthorityAsync()
    {
        var response = await Admin.PostAsJsonAsync("/api/local-authorities", new { name = $"LA {Guid.NewGuid():N}", region = "Eastern Region" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<LocalAuthorityResponse>(Json.Options))!;
    }

    public async Task<SchoolResponse> NewSchoolAsync(Guid localAuthorityId, string? name = null)
    {
        var response = await Admin.PostAsJsonAsync("/api/schools", SchoolBody(localAuthorityId, NewUrn(), name ?? "School"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SchoolResponse>(Json.Options))!;
    }

    /// <summary>A new person holding <paramref name="role"/> in the scope since yesterday, as the
    /// staff service announces them, once the service's access replica has them.</summary>
    public async Task<(HttpClient Client, RoleAssigned Role)> HoldsAsync(string role, string scopeKind, Guid scopeId)
    {
        var email = $"person.{Guid.NewGuid():N}@example.org";
        var person = new PersonRegistered(Guid.CreateVersion7(), "Test Person", email, null, "other", DateTimeOffset.UtcNow);
        var assigned = new RoleAssigned(
            Guid.CreateVersion7(), person.PersonId, role, scopeKind, scopeId, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), null,
            "substantive", null, DateTimeOffset.UtcNow);
        await Service.StartAsync();
        await Service.PublishAsync(person);
        await Service.PublishAsync(assigned);
        await Service.WaitUntilReplicaAsync(
            $"exists (select 1 from access_role_assignments r join access_people p on p.id = r.person_id where r.id = '{assigned.AssignmentId}')",
            $"the {role} role in the schools service's access replica");
        return (Service.ClientFor(email), assigned);
    }

    public static object SchoolBody(Guid localAuthorityId, int urn, string name) => new
    {
        urn,
        name,
        localAuthorityId,
        phase = "secondary",
        lowestAge = 11,
        highestAge = 18,
        pupilsOnRoll = 1800,
        fsmBand = 2,
        ofstedGrade = 2,
        ofstedInspectedOn = "2024-11-14",
        specialisms = new[] { "Technology" },
    };

    public static int NewUrn() => Random.Shared.Next(100000, 1000000);

    public static object Decision(string minute) => new { decidedOn = "2025-06-12", minuteReference = minute };
}
