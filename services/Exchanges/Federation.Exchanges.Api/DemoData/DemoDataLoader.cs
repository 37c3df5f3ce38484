using Federation.BuildingBlocks.DemoData;
using Federation.Exchanges.Data;

namespace Federation.Exchanges.DemoData;

/// <summary>Exchange visits of the demo deputies in each state, and School B's Technology open day
/// (README: demo people). Dates are counted from the day the demo data is loaded. Loaded through the
/// stores, so that every step publishes its event.</summary>
public sealed class DemoDataLoader(
    ExchangeVisitStore visits, OpenDayStore openDays, SchoolCalendars calendars, TimeProvider clock, ILogger<DemoDataLoader> logger)
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
        var today = clock.Today();
        var asAdministrator = new VisitReader(AccessFilter.Administrator(today), []);
        if (await visits.FindAsync(FirstVisit, asAdministrator, cancellationToken) is not null)
        {
            return;
        }
        logger.LogInformation("Loading demo data");
        foreach (var visit in Visits)
        {
            // A host's school day: the nearest before today for a visit that has happened, after it for one to come.
            var visitOn = await calendars.SchoolDayFromAsync(
                visit.HostSchoolId, today.AddDays(visit.DaysFromToday), back: visit.DaysFromToday < 0, cancellationToken);
            var details = new VisitDetails(
                visit.VisitorId, visit.HomeSchoolId, visit.HostSchoolId, visitOn, visit.Session, visit.Purpose, visit.Themes);
            await visits.RequestAsync(visit.Id, details, Emails[visit.VisitorId], asAdministrator, cancellationToken);
            foreach (var step in visit.Steps)
            {
                var way = step.WayFor(new VisitActors(IsVisitor: true, IsHome: true, IsHost: true))!;
                var notes = step == VisitStep.Reflect
                    ? new VisitNotes(
                        Learned: "Vice principals each own a strand of the six-week cycle, so the head is free for the partnership work.",
                        TakeHome: "Give each deputy one strand of our matrix to own, and review it at the end of every cycle.")
                    : step == VisitStep.Decline ? new VisitNotes(Reason: "Our senior leadership team is away at a conference that day.") : new VisitNotes();
                var actor = step == VisitStep.Approve ? Emails[visit.HomeSchoolId]
                    : step == VisitStep.Confirm || step == VisitStep.Decline ? Emails[visit.HostSchoolId]
                    : Emails[visit.VisitorId];
                await visits.MoveAsync(visit.Id, step, way, new VisitChange(actor, notes), asAdministrator, cancellationToken);
            }
        }
        var openDay = await openDays.PublishAsync(Guid.Parse("019a0000-0000-7000-8000-0000000e0d01"),
            new OpenDayDetails(DemoIds.SchoolB, "Technology", await calendars.SchoolDayFromAsync(DemoIds.SchoolB, today.AddDays(35), back: false, cancellationToken), 10,
                "Our Specialist Technology College at work: design studios, the learning zone, and the head's vision for the specialism."),
            Emails[DemoIds.SchoolB], cancellationToken);
        await openDays.BookAsync(Guid.Parse("019a0000-0000-7000-8000-0000000e0b01"), openDay.Id, DeputyA1, Emails[DeputyA1], cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
