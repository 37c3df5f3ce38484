using Federation.BuildingBlocks.DemoData;
using Federation.Schools.Data;
using Microsoft.Extensions.Options;

namespace Federation.Schools.DemoData;

/// <summary>Demo data from DOMAIN.md: the Eastern Region's seven local authorities, the
/// federation of School A1 and School A2 (OECD case study) with School B, a Suffolk cluster, and
/// Suffolk's term dates. With DemoData:Region "eastern", the whole region too (<see cref="EasternRegion"/>):
/// its schools imported from a GIAS file as an administrator would, its clusters and federations,
/// and every authority's term dates.
/// Loaded through the same stores as the API, so every demo record publishes its events.</summary>
public sealed class DemoDataLoader(
    LocalAuthorityStore localAuthorities,
    SchoolStore schools,
    FederationStore federations,
    ClusterStore clusters,
    SchoolYearStore schoolYears,
    GiasImportStore imports,
    IOptions<GiasOptions> gias,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DemoDataLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await LoadSmallDemoAsync(cancellationToken);
        if (configuration.LoadsEasternRegion())
        {
            await LoadEasternRegionAsync(cancellationToken);
        }
    }

    private async Task LoadSmallDemoAsync(CancellationToken cancellationToken)
    {
        if (await localAuthorities.ExistsAsync(DemoIds.Suffolk, cancellationToken))
        {
            return;
        }
        logger.LogInformation("Loading demo data");
        foreach (var authority in EasternRegion.Authorities)
        {
            await localAuthorities.CreateAsync(authority.Id, authority.Name, "Eastern Region", cancellationToken);
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

    private async Task LoadEasternRegionAsync(CancellationToken cancellationToken)
    {
        if (await schools.FindAsync(EasternRegion.Schools[0].Id, cancellationToken) is not null)
        {
            return;
        }
        logger.LogInformation("Loading the Eastern Region demo: {Schools} schools from a GIAS file", EasternRegion.Schools.Count);
        using var file = new MemoryStream(GiasFileWriter.ToBytes(EasternRegion.GiasRecords()));
        var read = await GiasFile.ReadAsync(file, gias.Value, cancellationToken);
        var authorities = await imports.AuthoritiesAsync(read, cancellationToken);
        var import = await imports.ImportAsync(read, authorities, authorities.Select(authority => authority.Id).OfType<Guid>().ToHashSet(),
            registersAuthorities: true, urn => EasternRegion.Schools.Single(school => school.Urn == urn).Id, cancellationToken);
        logger.LogInformation("Imported the Eastern Region's GIAS file: {Created} created, {Skipped} skipped",
            import.Count(GiasRowOutcome.Created), import.Count(GiasRowOutcome.Skipped));

        foreach (var cluster in EasternRegion.Clusters)
        {
            await clusters.FormAsync(cluster.Id, new ClusterSettings(cluster.Name, cluster.Authority.Id, MeetingCadence.Termly),
                cluster.Members.Select(school => school.Id).ToArray(), cancellationToken);
        }
        var formedOn = new DateOnly(2025, 9, 1);
        foreach (var federation in EasternRegion.Federations.Where(federation => federation.Formed))
        {
            await federations.FormAsync(federation.Id, federation.Name, federation.Hard ? FederationKind.Hard : FederationKind.Soft,
                federation.Members[0].Id, formedOn,
                federation.Members.Select(school => (school.Id, (GoverningBodyDecision?)new GoverningBodyDecision(
                    new DateOnly(2025, 6, 10), $"{school.Name} GB minutes 2025/06"))).ToArray(), cancellationToken);
        }
        var thisYear = SchoolYear.StartYearOf(clock.Today());
        foreach (var authority in EasternRegion.Authorities.Where(authority => authority.Id != DemoIds.Suffolk))
        {
            foreach (var startYear in new[] { thisYear, thisYear + 1 })
            {
                await schoolYears.SetAsync(Scope.LocalAuthority(authority.Id), EnglishSchoolYear.For(startYear), "demo", cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
