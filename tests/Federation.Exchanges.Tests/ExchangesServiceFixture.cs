using System.Net;
using System.Net.Http.Json;
using Federation.BuildingBlocks;
using Federation.Contracts.Exchanges;
using Federation.Testing;
using Federation.Contracts.Schools;
using Federation.Contracts.Staff;
using Federation.Exchanges.Api;
using Federation.Exchanges.Domain;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Federation.Exchanges.Tests;

/// <summary>A person the exchanges service knows from the staff service's events, and a client signed in as them.</summary>
public sealed record TestPerson(Guid Id, string Email, HttpClient Client);

/// <summary>The exchanges service on a fresh database of the real PostgreSQL, with the real
/// RabbitMQ, a listener for its events, and the directory, people and roles it learnt from schools
/// and staff events published on the broker: a federation (FederatedA, FederatedB, led by an
/// executive principal) and two schools of their own (Host, Other).</summary>
public sealed class ExchangesServiceFixture : IAsyncLifetime
{
    public ServiceFactory<Program> Service { get; private set; } = null!;

    public EventListener Events { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public Guid LocalAuthority { get; } = Guid.CreateVersion7();

    public Guid Federation { get; } = Guid.CreateVersion7();

    public Guid FederatedA { get; } = Guid.CreateVersion7();

    public Guid FederatedB { get; } = Guid.CreateVersion7();

    public Guid Host { get; } = Guid.CreateVersion7();

    public Guid Other { get; } = Guid.CreateVersion7();

    public TestPerson ExecutivePrincipal { get; private set; } = null!;

    private DateOnly lastSchoolDay;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        Events = await new EventListener()
            .On<ExchangeVisitRequested>().On<ExchangeVisitApproved>().On<ExchangeVisitConfirmed>().On<ExchangeVisitDeclined>()
            .On<ExchangeVisitCancelled>().On<ExchangeVisitCompleted>().On<ExchangeReflectionSubmitted>()
            .On<OpenDayPublished>().On<OpenDayPlaceBooked>().On<OpenDayPlaceCancelled>()
            .StartAsync(servers.RabbitMq);
        Service = new ServiceFactory<Program>(servers, "exchanges");
        await Service.StartAsync();
        Admin = Service.ClientFor(ServiceFactory<Program>.Administrator);
        await PublishDirectoryAsync();
        ExecutivePrincipal = await NewPersonAsync(FederatedA, ("executivePrincipal", "federation", Federation));
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
        foreach (var (school, name) in new[] { (FederatedA, "Federated A"), (FederatedB, "Federated B"), (Host, "Host School"), (Other, "Other School") })
        {
            await Service.PublishAsync(new SchoolRegistered(school, 900000, name, LocalAuthority, "secondary", 900, 2, 2, now));
        }
        await Service.PublishAsync(new FederationFormed(Federation, "Federation", "hard", FederatedA, joined, now));
        await Service.PublishAsync(new SchoolJoinedFederation(Federation, FederatedA, "hard", joined, now));
        await Service.PublishAsync(new SchoolJoinedFederation(Federation, FederatedB, "hard", joined, now));
        await Service.WaitUntilReplicaAsync(
            $"(select count(*) from access_federation_members where federation_id = '{Federation}') = 2",
            "the directory in the exchanges service's access replica");
    }

    /// <summary>A person of <paramref name="homeSchoolId"/> holding <paramref name="roles"/> from
    /// yesterday (scope kind 'school' when not said), as the staff service would announce them.</summary>
    public async Task<TestPerson> NewPersonAsync(Guid homeSchoolId, params (string Role, string ScopeKind, Guid ScopeId)[] roles)
    {
        var person = await AnnounceAsync(homeSchoolId, roles);
        await Service.WaitUntilReplicaAsync(
            $"(select count(*) from access_role_assignments where person_id = '{person.Id}') = {roles.Length}" +
            $" and exists (select 1 from access_people where id = '{person.Id}')",
            "a new person in the exchanges service's access replica");
        return person;
    }

    /// <summary>A person of <paramref name="schoolId"/> holding <paramref name="role"/> there.</summary>
    public Task<TestPerson> NewInSchoolAsync(Guid schoolId, string role) => NewPersonAsync(schoolId, (role, "school", schoolId));

    /// <summary>Announces the person without waiting for the replica (for many at once).</summary>
    public async Task<TestPerson> AnnounceAsync(Guid homeSchoolId, params (string Role, string ScopeKind, Guid ScopeId)[] roles)
    {
        var now = DateTimeOffset.UtcNow;
        var id = Guid.CreateVersion7();
        var email = $"person.{id:N}@example.org";
        await Service.PublishAsync(new PersonRegistered(id, $"Person {id.ToString()[^6..]}", email, homeSchoolId, "teaching", now));
        foreach (var (role, scopeKind, scopeId) in roles)
        {
            await Service.PublishAsync(new RoleAssigned(
                Guid.CreateVersion7(), id, role, scopeKind, scopeId, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), null, "substantive", null, now));
        }
        return new TestPerson(id, email, Service.ClientFor(email));
    }

    /// <summary>A school day of its own for each test (at least two weeks ahead), so that tests
    /// do not share host places or visitors' days.</summary>
    public DateOnly NewSchoolDay()
    {
        lock (this)
        {
            var earliest = Service.Clock.Today().AddDays(14);
            lastSchoolDay = SchoolDays.OnOrAfter(lastSchoolDay >= earliest ? lastSchoolDay.AddDays(1) : earliest);
            return lastSchoolDay;
        }
    }

    /// <summary>Moves the service's clock on to <paramref name="day"/> (never back).</summary>
    public void MoveClockTo(DateOnly day) => Service.Clock.Advance(TimeSpan.FromDays(Math.Max(0, day.DayNumber - Service.Clock.Today().DayNumber)));

    public static Task<HttpResponseMessage> RequestVisitAsync(
        HttpClient client, Guid hostSchoolId, DateOnly visitOn, string session = "wholeDay", Guid? visitorId = null) =>
        client.PostAsJsonAsync("/api/exchange-visits", new
        {
            hostSchoolId,
            visitOn,
            session,
            purpose = "How the host's leadership team runs its six-week cycle",
            themes = new[] { "visionAndValues", "staffingStructures" },
            visitorId,
        });

    public static async Task<ExchangeVisitResponse> ReadVisitAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ExchangeVisitResponse>(Json.Options))!;
    }

    /// <summary>A visit requested by <paramref name="visitor"/> and taken through <paramref name="steps"/>
    /// by the heads given, asserting each step succeeds.</summary>
    public static async Task<ExchangeVisitResponse> VisitAsync(
        TestPerson visitor, Guid hostSchoolId, DateOnly visitOn, params (string Action, HttpClient By)[] steps)
    {
        var visit = await ReadVisitAsync(await RequestVisitAsync(visitor.Client, hostSchoolId, visitOn));
        foreach (var (action, by) in steps)
        {
            visit = await ReadVisitAsync(await by.PostAsJsonAsync($"/api/exchange-visits/{visit.Id}/{action}", new { reason = "Because" }));
        }
        return visit;
    }

    /// <summary>Asserts the status, showing the body when it differs.</summary>
    public static async Task AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response) =>
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}
