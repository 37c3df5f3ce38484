using System.Net.Http.Json;
using Federation.BuildingBlocks;
using Federation.BuildingBlocks.Calendar;
using Federation.Contracts.Observations;
using Federation.Contracts.Schools;
using Federation.Observations.Api;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Federation.Observations.Tests;

/// <summary>The observations service with the test directory (<see cref="DirectoryServiceFixture{TProgram}"/>),
/// and a cluster of FederatedA, FederatedB and Host with its chair, and a second federation of Host
/// and Other with its own executive principal. Other's partner is Host alone.</summary>
public sealed class ObservationsServiceFixture() : DirectoryServiceFixture<Program>("observations")
{
    public Guid Cluster { get; } = Guid.CreateVersion7();

    public Guid OtherFederation { get; } = Guid.CreateVersion7();

    public TestPerson ClusterChair { get; private set; } = null!;

    public TestPerson OtherExecutivePrincipal { get; private set; } = null!;

    public TestPerson Officer { get; private set; } = null!;

    private int nextDay;

    protected override EventListener ListenTo(EventListener listener) => listener
        .On<CrossSchoolObservationProposed>().On<ObservationScheduled>().On<ObservationCompleted>().On<ObservationCancelled>()
        .On<SupportFollowUpOpened>().On<SupportFollowUpClosed>().On<SeniorTeamWalkRecorded>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var now = DateTimeOffset.UtcNow;
        var joined = new DateOnly(2025, 9, 1);
        await Service.PublishAsync(new ClusterFormed(Cluster, "Learning Gateway", LocalAuthority, now));
        foreach (var school in new[] { FederatedA, FederatedB, Host })
        {
            await Service.PublishAsync(new SchoolJoinedCluster(Cluster, school, joined, now));
        }
        await Service.PublishAsync(new FederationFormed(OtherFederation, "Other federation", "soft", Host, joined, now));
        await Service.PublishAsync(new SchoolJoinedFederation(OtherFederation, Host, "soft", joined, now));
        await Service.PublishAsync(new SchoolJoinedFederation(OtherFederation, Other, "soft", joined, now));
        ClusterChair = await NewPersonAsync(Host, ("clusterChair", "cluster", Cluster));
        OtherExecutivePrincipal = await NewPersonAsync(Host, ("executivePrincipal", "federation", OtherFederation));
        Officer = await NewPersonAsync(FederatedA, ("localAuthorityOfficer", "localAuthority", LocalAuthority));
    }

    /// <summary>A school day of the default calendar in the past, one of its own for each call (from
    /// two days ago back), so that a test's observations can be recorded at once.</summary>
    public DateOnly PastSchoolDay()
    {
        var day = Service.Clock.Today().AddDays(-2 - Interlocked.Increment(ref nextDay));
        while (!EnglishSchoolYear.Containing(day).IsSchoolDay(day))
        {
            day = day.AddDays(-1);
        }
        return day;
    }

    public static Task<HttpResponseMessage> ScheduleAsync(
        HttpClient client, Guid schoolId, Guid teacherId, Guid[] observerIds, DateOnly observeOn, string kind = "headOfDepartment") =>
        client.PostAsJsonAsync("/api/observations", new
        {
            schoolId,
            teacherId,
            observerIds,
            kind,
            focus = new[] { "teaching", "learning" },
            observeOn,
            startsAt = "09:10",
            lesson = "Year 9, room S4",
        });

    public static Task<HttpResponseMessage> RecordAsync(HttpClient client, Guid observationId, string strengths, string? supportKind = null) =>
        client.PostAsJsonAsync($"/api/observations/{observationId}/record", new
        {
            strengths,
            nextSteps = "Plan for the pupils who finish early.",
            supportNeeded = supportKind is not null,
            supportKind,
        });

    public static async Task<ObservationResponse> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ObservationResponse>(Json.Options))!;
    }
}
