using Federation.BuildingBlocks.DemoData;
using Federation.Observations.Data;

namespace Federation.Observations.DemoData;

/// <summary>Observations in A1 and A2 across this half-term and the one before, dated by the schools'
/// calendar from the day the demo loads: a cross-school observation by A1's head of science in A2,
/// one that needs support with its follow-up, one scheduled ahead, one due days ago and not recorded
/// (Ben Carter, A1: overdue, as he was in the half-term before), and weekly walks (one week missed in A1).
/// With DemoData:Region "eastern", <see cref="EasternRegion"/>'s half-term too: in each school the head
/// of English has observed the first teacher and, in every third school, the third; the second is
/// scheduled ahead in every other school; and in each cluster the first school's head of English has
/// observed across the cluster.
/// Loaded through the stores, so that every record publishes its events.</summary>
public sealed class DemoDataLoader(
    ObservationStore observations, SupportFollowUpStore followUps, SeniorTeamWalkStore walks, SchoolCalendars calendars,
    IConfiguration configuration, TimeProvider clock, ILogger<DemoDataLoader> logger) : IHostedService
{
    private static readonly Guid CrossSchool = Guid.Parse("019a0000-0000-7000-8000-0000000b0001");

    private static readonly Guid HeadA1 = DemoIds.Person(2);
    private static readonly Guid HeadA2 = DemoIds.Person(3);
    private static readonly Guid DeputyA1 = DemoIds.Person(4);
    private static readonly Guid DeputyA2 = DemoIds.Person(5);
    private static readonly Guid HodScienceA1 = DemoIds.Person(6);
    private static readonly Guid HodMathsA2 = DemoIds.Person(7);
    private static readonly Guid PhysicsA1 = DemoIds.Person(8);
    private static readonly Guid BiologyA2 = DemoIds.Person(9);
    private static readonly Guid EnglishA1 = DemoIds.Person(12);
    private static readonly Guid HistoryA1 = DemoIds.Person(13);
    private static readonly Guid GeographyA2 = DemoIds.Person(14);
    private static readonly Guid ComputingA2 = DemoIds.Person(15);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await LoadSmallDemoAsync(cancellationToken);
        if (configuration.LoadsEasternRegion())
        {
            await LoadEasternRegionAsync(cancellationToken);
        }
    }

    private async Task LoadEasternRegionAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var first = EasternRegion.Schools[0];
        if (await observations.FindAsync(EasternRegion.Id(0xed, first.Urn * 10L), ObservationReader.Service(today), cancellationToken) is not null)
        {
            return;
        }
        logger.LogInformation("Loading the Eastern Region demo: observations");
        EasternPerson Post(EasternSchool school, string slug) =>
            EasternRegion.People.First(person => person.School == school && person.Email.StartsWith($"{slug}.", StringComparison.Ordinal));
        async Task<DateOnly> ThisHalfTermAsync(EasternSchool school, int daysAgo)
        {
            var (_, startsOn, _) = await calendars.HalfTermAsync(school.Id, today, cancellationToken);
            var day = await calendars.SchoolDayFromAsync(school.Id, today.AddDays(-daysAgo), back: true, cancellationToken);
            return day < startsOn ? await calendars.SchoolDayFromAsync(school.Id, startsOn, back: false, cancellationToken) : day;
        }

        foreach (var school in EasternRegion.Schools)
        {
            var observer = Post(school, "hod.english");
            await CompletedAsync(EasternRegion.Id(0xed, school.Urn * 10L), school.Id, Post(school, "teacher.1").Id, [(observer.Id, school.Id)],
                ObservationKind.HeadOfDepartment, await ThisHalfTermAsync(school, 1 + (school.Urn % 9)), null,
                "Clear explanations and well-chosen examples.", "Check more pupils' understanding before moving on.", null, cancellationToken);
            if (school.Urn % 3 == 0)
            {
                await CompletedAsync(EasternRegion.Id(0xed, (school.Urn * 10L) + 3), school.Id, Post(school, "teacher.3").Id, [(observer.Id, school.Id)],
                    ObservationKind.HeadOfDepartment, await ThisHalfTermAsync(school, 2 + (school.Urn % 7)), null,
                    "Pupils settled quickly and worked with purpose.", "Stretch the most able with an extension task.", null, cancellationToken);
            }
            if (school.Urn % 2 == 0)
            {
                await observations.ScheduleAsync(EasternRegion.Id(0xed, (school.Urn * 10L) + 2), new ObservationDetails(
                    school.Id, Post(school, "teacher.2").Id, [(observer.Id, school.Id)], ObservationKind.HeadOfDepartment, [ObservationFocus.Teaching],
                    await calendars.SchoolDayFromAsync(school.Id, today.AddDays(3 + (school.Urn % 5)), back: false, cancellationToken),
                    new TimeOnly(10, 30), null, CrossSchool: false), ObservationState.Scheduled, observer.Email, cancellationToken);
            }
        }
        foreach (var cluster in EasternRegion.Clusters)
        {
            var (from, to) = (cluster.Members[0], cluster.Members[1]);
            await CompletedAsync(EasternRegion.Id(0xed, (to.Urn * 10L) + 5), to.Id, Post(to, "teacher.2").Id, [(Post(from, "hod.english").Id, from.Id)],
                ObservationKind.CrossSchool, await ThisHalfTermAsync(to, 4), null,
                "Strong routines shared across the cluster's schools.", "Visit the observer's department to see their assessment for learning.",
                null, cancellationToken);
        }
    }

    private async Task LoadSmallDemoAsync(CancellationToken cancellationToken)
    {
        if (await observations.FindAsync(CrossSchool, ObservationReader.Service(clock.Today()), cancellationToken) is not null)
        {
            return;
        }
        logger.LogInformation("Loading demo data");
        var today = clock.Today();
        var (halfTerm, startsOn, _) = await calendars.HalfTermAsync(DemoIds.SchoolA2, today, cancellationToken);
        var before = halfTerm.Previous();
        var (lastStartsOn, lastEndsOn) = (await calendars.YearAsync(DemoIds.SchoolA2, before.StartYear, cancellationToken)).Year.DatesOf(before);

        // The school's school day this many school days before today, not before the half-term (today when there is none).
        async Task<DateOnly> DaysAgoAsync(Guid school, int days)
        {
            var day = await calendars.SchoolDayFromAsync(school, today, back: true, cancellationToken);
            for (var step = 0; step < days; step++)
            {
                var before = await calendars.SchoolDayFromAsync(school, day.AddDays(-1), back: true, cancellationToken);
                if (before < startsOn)
                {
                    break;
                }
                day = before;
            }
            return day < startsOn ? today : day;
        }

        // This half-term: A1's head of science observes in A2 (cross-school, accepted by A2's head).
        await CompletedAsync(CrossSchool, DemoIds.SchoolA2, BiologyA2, [(HodScienceA1, DemoIds.SchoolA1)], ObservationKind.CrossSchool,
            await DaysAgoAsync(DemoIds.SchoolA2, 3), "Year 10 biology, lab 2",
            "Practical work well organised; pupils explained their method clearly to each other.",
            "Use the A1 science department's retrieval starters to open each practical.", null, cancellationToken);
        await CompletedAsync(Guid.Parse("019a0000-0000-7000-8000-0000000b0002"), DemoIds.SchoolA1, PhysicsA1, [(HodScienceA1, DemoIds.SchoolA1)],
            ObservationKind.HeadOfDepartment, await DaysAgoAsync(DemoIds.SchoolA1, 5), "Year 11 physics, S4",
            "Clear modelling of the required practical; strong questioning.", "Check understanding before independent work.", null, cancellationToken);
        var needsSupport = Guid.Parse("019a0000-0000-7000-8000-0000000b0003");
        await CompletedAsync(needsSupport, DemoIds.SchoolA2, ComputingA2, [(HodMathsA2, DemoIds.SchoolA2), (DeputyA2, DemoIds.SchoolA2)],
            ObservationKind.HeadOfDepartment, await DaysAgoAsync(DemoIds.SchoolA2, 2), "Year 8 computing, IT1",
            "Good relationships with the class; resources ready.", "Routines for entry and transitions: low-level disruption slowed the lesson.",
            SupportKind.Coach, cancellationToken);
        await followUps.OpenAsync(Guid.Parse("019a0000-0000-7000-8000-0000000b0f01"),
            new FollowUpSource(DemoIds.SchoolA2, ComputingA2, needsSupport, null), SupportKind.Coach, HodScienceA1,
            "Behaviour for learning routines; Sam coaches across the federation.", "head.a2@example.org", cancellationToken);
        // Ben Carter's observation was due four school days ago and has not been recorded: overdue.
        await observations.ScheduleAsync(Guid.Parse("019a0000-0000-7000-8000-0000000b0005"), new ObservationDetails(
            DemoIds.SchoolA1, HistoryA1, [(DeputyA1, DemoIds.SchoolA1)], ObservationKind.HeadOfDepartment, [ObservationFocus.Learning],
            await DaysAgoAsync(DemoIds.SchoolA1, 4), new TimeOnly(13, 40), "Year 8 history, H1", CrossSchool: false),
            ObservationState.Scheduled, "deputy.a1@example.org", cancellationToken);
        var ahead = await calendars.SchoolDayFromAsync(DemoIds.SchoolA2, today.AddDays(5), back: false, cancellationToken);
        await observations.ScheduleAsync(Guid.Parse("019a0000-0000-7000-8000-0000000b0004"), new ObservationDetails(
            DemoIds.SchoolA2, GeographyA2, [(HodMathsA2, DemoIds.SchoolA2)], ObservationKind.HeadOfDepartment,
            [ObservationFocus.Teaching, ObservationFocus.Behaviour], ahead, new TimeOnly(11, 20), "Year 9 geography, H3", CrossSchool: false),
            ObservationState.Scheduled, "hod.maths.a2@example.org", cancellationToken);

        // The half-term before: everyone observed but Ben Carter (A1), overdue there.
        var number = 10;
        foreach (var (school, teacher, observer) in new[]
                 {
                     (DemoIds.SchoolA1, PhysicsA1, HodScienceA1), (DemoIds.SchoolA1, EnglishA1, HodScienceA1),
                     (DemoIds.SchoolA2, BiologyA2, HodMathsA2), (DemoIds.SchoolA2, GeographyA2, HodMathsA2), (DemoIds.SchoolA2, ComputingA2, HodMathsA2),
                 })
        {
            var day = await calendars.SchoolDayFromAsync(school, lastStartsOn.AddDays(number), back: false, cancellationToken);
            await CompletedAsync(Guid.Parse($"019a0000-0000-7000-8000-0000000b00{number++:D2}"), school, teacher, [(observer, school)],
                ObservationKind.HeadOfDepartment, day <= lastEndsOn ? day : lastEndsOn, null,
                "Secure subject knowledge; well-paced lesson.", "Plan for the pupils who finish early.", null, cancellationToken);
        }

        // Weekly walks of this half-term so far; A1 missed its second week.
        var walkNumber = 1;
        for (var monday = startsOn.AddDays(-(((int)startsOn.DayOfWeek + 6) % 7)); monday <= today; monday = monday.AddDays(7))
        {
            foreach (var (school, walkers, teachers) in new[]
                     {
                         (DemoIds.SchoolA1, new[] { HeadA1, DeputyA1 }, new[] { PhysicsA1, HistoryA1 }),
                         (DemoIds.SchoolA2, new[] { HeadA2, DeputyA2 }, new[] { BiologyA2, ComputingA2 }),
                     })
            {
                var walkedOn = await calendars.SchoolDayFromAsync(school, monday.AddDays(2) < startsOn ? startsOn : monday.AddDays(2), back: false,
                    cancellationToken);
                if (walkedOn > today || (school == DemoIds.SchoolA1 && walkNumber == 2))
                {
                    continue;
                }
                await walks.RecordAsync(Guid.Parse($"019a0000-0000-7000-8000-0000000bc{walkNumber:D2}{(school == DemoIds.SchoolA1 ? 1 : 2)}"),
                    new WalkDetails(school, walkedOn, walkers, ["S4", "H3", "IT1", "Design studio"],
                        [(teachers[0], WalkNote.Praise, "Calm, purposeful start; every pupil working within two minutes."),
                         (teachers[1], walkNumber % 2 == 0 ? WalkNote.Help : WalkNote.Praise, null)]),
                    "exec.principal@example.org", cancellationToken);
            }
            walkNumber++;
        }
    }

    private async Task CompletedAsync(
        Guid id, Guid school, Guid teacher, (Guid PersonId, Guid SchoolId)[] observers, ObservationKind kind, DateOnly on, string? lesson,
        string strengths, string nextSteps, SupportKind? support, CancellationToken cancellationToken)
    {
        var crossSchool = observers.Any(observer => observer.SchoolId != school);
        await observations.ScheduleAsync(id, new ObservationDetails(
            school, teacher, observers, kind, [ObservationFocus.Teaching, ObservationFocus.Learning], on, new TimeOnly(9, 10), lesson, crossSchool),
            ObservationState.Scheduled, "demo", cancellationToken);
        await observations.MoveAsync(id, ObservationStep.Record, new ObservationChange(
            "demo", Strengths: strengths, NextSteps: nextSteps, SupportNeeded: support is not null, SupportKind: support), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
