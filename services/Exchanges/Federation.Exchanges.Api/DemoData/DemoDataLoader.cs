using Federation.BuildingBlocks.DemoData;
using Federation.Exchanges.Data;

namespace Federation.Exchanges.DemoData;

/// <summary>Exchange visits of the demo deputies in each state, and School B's Technology open day
/// (README: demo people). Dates are counted from the day the demo data is loaded. Loaded through the
/// stores, so that every step publishes its event. With DemoData:Region "eastern", a year of
/// <see cref="EasternRegion"/>'s visits too: each deputy's visit to the next school of their cluster
/// some weeks ago (made, most reflected on) and one to come (awaiting their head, or approved, or
/// declined by the host), and an open day at each secondary on its specialism with two bookings.</summary>
public sealed class DemoDataLoader(
    ExchangeVisitStore visits, OpenDayStore openDays, SchoolCalendars calendars, IConfiguration configuration, TimeProvider clock,
    ILogger<DemoDataLoader> logger)
    : IHostedService
{
    private static readonly Guid FirstVisit = Guid.Parse("019a0000-0000-7000-8000-0000000e0001");

    private static readonly Guid DeputyA1 = DemoIds.Person(4);
    private static readonly Guid DeputyA2 = DemoIds.Person(5);

    /// <summary>Who takes each step, by email: the visitor, and the heads of the demo schools.</summary>
    private static readonly Dictionary<Guid, string> Emails = new()
    {
        [DeputyA1] = "deputy.a1@example.org",
        [DeputyA2] = "deputy.a2@example.org",
        [DemoIds.SchoolA1] = "head.a1@example.org",
        [DemoIds.SchoolA2] = "head.a2@example.org",
        [DemoIds.SchoolB] = "cluster.chair@example.org",
    };

    private sealed record DemoVisit(
        Guid Id, Guid VisitorId, Guid HomeSchoolId, Guid HostSchoolId, int DaysFromToday, Session Session, string Purpose, FocusTheme[] Themes,
        VisitStep[] Steps);

    private static readonly DemoVisit[] Visits =
    [
        new(FirstVisit, DeputyA1, DemoIds.SchoolA1, DemoIds.SchoolB, -21, Session.WholeDay,
            "How School B's executive principal is supported by vice and assistant principals",
            [FocusTheme.LeadershipStructures, FocusTheme.StaffingStructures],
            [VisitStep.Approve, VisitStep.Confirm, VisitStep.Complete, VisitStep.Reflect]),
        new(Guid.Parse("019a0000-0000-7000-8000-0000000e0002"), DeputyA1, DemoIds.SchoolA1, DemoIds.SchoolA2, 14, Session.Morning,
            "Sharing the federation's behaviour for learning policy on A2's site", [FocusTheme.Behaviour],
            [VisitStep.Approve, VisitStep.Confirm]),
        new(Guid.Parse("019a0000-0000-7000-8000-0000000e0003"), DeputyA2, DemoIds.SchoolA2, DemoIds.SchoolB, 21, Session.WholeDay,
            "How Praising Stars sets six-weekly targets and tracks them weekly", [FocusTheme.MonitoringSystems, FocusTheme.ClosingTheGap],
            [VisitStep.Approve]),
        new(Guid.Parse("019a0000-0000-7000-8000-0000000e0004"), DeputyA1, DemoIds.SchoolA1, DemoIds.SchoolB, 28, Session.Afternoon,
            "Curriculum design across key stages 3 and 4", [FocusTheme.Curriculum],
            []),
        new(Guid.Parse("019a0000-0000-7000-8000-0000000e0005"), DeputyA2, DemoIds.SchoolA2, DemoIds.SchoolB, 7, Session.WholeDay,
            "Vision and values of a Specialist Technology College", [FocusTheme.VisionAndValues],
            [VisitStep.Decline]),
    ];

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
        var today = clock.Today();
        var asAdministrator = new VisitReader(AccessFilter.Administrator(today), []);
        if (await visits.FindAsync(FirstVisit, asAdministrator, cancellationToken) is not null)
        {
            return;
        }
        logger.LogInformation("Loading demo data");
        await LoadVisitsAsync(Visits, Emails, cancellationToken);
        var openDay = await openDays.PublishAsync(Guid.Parse("019a0000-0000-7000-8000-0000000e0d01"),
            new OpenDayDetails(DemoIds.SchoolB, "Technology", await calendars.SchoolDayFromAsync(DemoIds.SchoolB, today.AddDays(35), back: false, cancellationToken), 10,
                "Our Specialist Technology College at work: design studios, the learning zone, and the head's vision for the specialism."),
            Emails[DemoIds.SchoolB], cancellationToken);
        await openDays.BookAsync(Guid.Parse("019a0000-0000-7000-8000-0000000e0b01"), openDay.Id, DeputyA1, Emails[DeputyA1], cancellationToken);
    }

    private async Task LoadEasternRegionAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var firstVisit = EasternRegion.Id(0xe9, EasternRegion.Schools[0].Urn * 10L);
        if (await visits.FindAsync(firstVisit, new VisitReader(AccessFilter.Administrator(today), []), cancellationToken) is not null)
        {
            return;
        }
        logger.LogInformation("Loading the Eastern Region demo: visits and open days");
        var emails = new Dictionary<Guid, string>();
        var regionVisits = new List<DemoVisit>();
        FocusTheme[] themes = Enum.GetValues<FocusTheme>();
        foreach (var cluster in EasternRegion.Clusters)
        {
            for (var index = 0; index < cluster.Members.Count; index++)
            {
                var (home, host) = (cluster.Members[index], cluster.Members[(index + 1) % cluster.Members.Count]);
                var deputy = EasternRegion.Deputy(home);
                emails[deputy.Id] = deputy.Email;
                emails[home.Id] = EasternRegion.Head(home).Email;
                var theme = themes[home.Urn % themes.Length];
                regionVisits.Add(new DemoVisit(EasternRegion.Id(0xe9, home.Urn * 10L), deputy.Id, home.Id, host.Id, -(14 + (home.Urn % 150)),
                    Session.WholeDay, $"How {host.Name} leads {Words(theme)}: {cluster.Authority.Theme.ToLowerInvariant()}", [theme],
                    home.Urn % 3 == 0
                        ? [VisitStep.Approve, VisitStep.Confirm, VisitStep.Complete]
                        : [VisitStep.Approve, VisitStep.Confirm, VisitStep.Complete, VisitStep.Reflect]));
                regionVisits.Add(new DemoVisit(EasternRegion.Id(0xe9, (home.Urn * 10L) + 1), deputy.Id, home.Id, host.Id, 7 + (home.Urn % 45),
                    home.Urn % 2 == 0 ? Session.Morning : Session.WholeDay, $"A day at {host.Name}: {Words(themes[(home.Urn + 1) % themes.Length])}",
                    [themes[(home.Urn + 1) % themes.Length]],
                    (home.Urn % 4) switch { 0 => [], 1 => [VisitStep.Approve], 2 => [VisitStep.Approve, VisitStep.Confirm], _ => [VisitStep.Approve, VisitStep.Decline] }));
            }
        }
        foreach (var school in EasternRegion.Schools)
        {
            emails[school.Id] = EasternRegion.Head(school).Email;
        }
        await LoadVisitsAsync(regionVisits, emails, cancellationToken);

        foreach (var cluster in EasternRegion.Clusters)
        {
            foreach (var host in cluster.Members.Where(school => school.IsSecondary))
            {
                var openDay = await openDays.PublishAsync(EasternRegion.Id(0xea, host.Urn), new OpenDayDetails(
                        host.Id, host.Specialism, await calendars.SchoolDayFromAsync(host.Id, today.AddDays(20 + (host.Urn % 40)), back: false, cancellationToken),
                        12, $"{host.Name}'s {host.Specialism.ToLowerInvariant()} specialism at work, and how its leaders grew it."),
                    emails[host.Id], cancellationToken);
                foreach (var guest in cluster.Members.Where(school => school != host).Take(2))
                {
                    var deputy = EasternRegion.Deputy(guest);
                    await openDays.BookAsync(EasternRegion.Id(0xeb, (host.Urn * 100L) + guest.Urn % 100), openDay.Id, deputy.Id, deputy.Email, cancellationToken);
                }
            }
        }
    }

    private static string Words(FocusTheme theme) =>
        string.Concat(theme.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $" {char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    private async Task LoadVisitsAsync(IEnumerable<DemoVisit> demoVisits, IReadOnlyDictionary<Guid, string> emails, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var asAdministrator = new VisitReader(AccessFilter.Administrator(today), []);
        foreach (var visit in demoVisits)
        {
            // A host's school day: the nearest before today for a visit that has happened, after it for one to come.
            var visitOn = await calendars.SchoolDayFromAsync(
                visit.HostSchoolId, today.AddDays(visit.DaysFromToday), back: visit.DaysFromToday < 0, cancellationToken);
            var details = new VisitDetails(
                visit.VisitorId, visit.HomeSchoolId, visit.HostSchoolId, visitOn, visit.Session, visit.Purpose, visit.Themes);
            await visits.RequestAsync(visit.Id, details, emails[visit.VisitorId], asAdministrator, cancellationToken);
            foreach (var step in visit.Steps)
            {
                var way = step.WayFor(new VisitActors(IsVisitor: true, IsHome: true, IsHost: true))!;
                var notes = step == VisitStep.Reflect
                    ? new VisitNotes(
                        Learned: "Vice principals each own a strand of the six-week cycle, so the head is free for the partnership work.",
                        TakeHome: "Give each deputy one strand of our matrix to own, and review it at the end of every cycle.")
                    : step == VisitStep.Decline ? new VisitNotes(Reason: "Our senior leadership team is away at a conference that day.") : new VisitNotes();
                var actor = step == VisitStep.Approve ? emails[visit.HomeSchoolId]
                    : step == VisitStep.Confirm || step == VisitStep.Decline ? emails[visit.HostSchoolId]
                    : emails[visit.VisitorId];
                await visits.MoveAsync(visit.Id, step, way, new VisitChange(actor, notes), asAdministrator, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
