using Federation.BuildingBlocks.DemoData;
using Federation.Schools.Data;

namespace Federation.Schools.DemoData;

/// <summary>Demo data from DOMAIN.md: the Eastern Region's seven local authorities, the
/// federation of School A1 and School A2 (OECD case study) with School B, a Suffolk cluster, and
/// Suffolk's term dates.
/// Loaded through the same stores as the API, so every demo record publishes its events.</summary>
public sealed class DemoDataLoader(
    LocalAuthorityStore localAuthorities,
    SchoolStore schools,
    FederationStore federations,
    ClusterStore clusters,
    SchoolYearStore schoolYears,
    TimeProvider clock,
    ILogger<DemoDataLoader> logger) : IHostedService
{
    private static readonly string[] EasternRegion = ["Bedford", "Essex", "Hertfordshire", "Norfolk", "Peterborough", "Thurrock"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await localAuthorities.ExistsAsync(DemoIds.Suffolk, cancellationToken))
        {
            return;
        }
        logger.LogInformation("Loading demo data");
        await localAuthorities.CreateAsync(DemoIds.Suffolk, "Suffolk", "Eastern Region", cancellationToken);
        foreach (var name in EasternRegion)
        {
            await localAuthorities.CreateAsync(Guid.CreateVersion7(), name, "Eastern Region", cancellationToken);
        }

        var inspected = new DateOnly(2024, 11, 14);
        await schools.RegisterAsync(DemoIds.SchoolA1, new SchoolDetails(
            900001, "School A1", DemoIds.Suffolk, SchoolPhase.Secondary, 11, 18, 1800, 2, 2, inspected, OfstedCategory.None, ["Technology"]),
            cancellationToken);
        await schools.RegisterAsync(DemoIds.SchoolA2, new SchoolDetails(
            900002, "School A2", DemoIds.Suffolk, SchoolPhase.Secondary, 11, 16, 826, 3, 3, inspected, OfstedCategory.None, []),
            cancellationToken);
        await schools.RegisterAsync(DemoIds.SchoolB, new SchoolDetails(
            900003, "School B", DemoIds.Suffolk, SchoolPhase.Secondary, 11, 18, 2000, 3, 1, new DateOnly(2024, 11, 6), OfstedCategory.None,
            ["Technology"]), cancellationToken);

        var formedOn = new DateOnly(2025, 9, 1);
        await federations.FormAsync(DemoIds.FederationA, "A1 and A2 Federation", FederationKind.Hard, DemoIds.SchoolA1, formedOn,
            [
                (DemoIds.SchoolA1, new GoverningBodyDecision(new DateOnly(2025, 6, 12), "A1 GB minutes 2025/06 item 4")),
                (DemoIds.SchoolA2, new GoverningBodyDecision(new DateOnly(2025, 6, 19), "A2 GB minutes 2025/06 item 3")),
            ], cancellationToken);
        await clusters.FormAsync(DemoIds.LearningGatewayCluster,
            new ClusterSettings("Suffolk Learning Gateway", DemoIds.Suffolk, MeetingCadence.HalfTermly),
            [DemoIds.SchoolA1, DemoIds.SchoolA2, DemoIds.SchoolB], cancellationToken);

        // Suffolk publishes its term dates (here, the English default's) for this year and the next.
        var thisYear = SchoolYear.StartYearOf(clock.Today());
        foreach (var startYear in new[] { thisYear, thisYear + 1 })
        {
            await schoolYears.SetAsync(Scope.LocalAuthority(DemoIds.Suffolk), EnglishSchoolYear.For(startYear), "demo", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
