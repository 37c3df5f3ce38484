using Federation.BuildingBlocks.DemoData;
using Federation.Staff.Data;

namespace Federation.Staff.DemoData;

/// <summary>The demo people of the A1/A2 federation, School B and the Suffolk Learning Gateway
/// cluster, with their roles (listed in the README, with the emails to sign in as), and a
/// deployment of A1's physics expert to A2. Loaded through
/// the stores, so that every record publishes its events. With DemoData:Region "eastern", the
/// people of <see cref="EasternRegion"/> too: each school's head, deputy, heads of department and
/// teachers, the clusters' chairs, the federations' executive principals, each authority's officer,
/// and a deployment in each federation.</summary>
public sealed class DemoDataLoader(
    PersonStore people, RoleAssignmentStore roles, DeploymentStore deployments, SchoolCalendars calendars, IConfiguration configuration,
    TimeProvider clock, ILogger<DemoDataLoader> logger)
    : IHostedService
{
    private static readonly DateOnly FederationFormed = new(2025, 9, 1);

    private sealed record DemoPerson(
        int Number, string Name, string Email, Guid? HomeSchoolId, StaffType StaffType, string[] Specialisms,
        (Role Role, Guid ScopeId, LeadershipFunction? Function)[] Roles);

    private static readonly DemoPerson[] Everyone =
    [
        new(1, "Helen Ward", "exec.principal@example.org", DemoIds.SchoolA1, StaffType.Teaching, ["English"],
            [(Role.ExecutivePrincipal, DemoIds.FederationA, null)]),
        new(2, "Mark Ellis", "head.a1@example.org", DemoIds.SchoolA1, StaffType.Teaching, ["History"],
            [(Role.HeadOfSchool, DemoIds.SchoolA1, LeadershipFunction.TeachingAndTeacherDevelopment)]),
        new(3, "Priya Shah", "head.a2@example.org", DemoIds.SchoolA2, StaffType.Teaching, ["Mathematics"],
            [(Role.HeadOfSchool, DemoIds.SchoolA2, LeadershipFunction.TeachingAndTeacherDevelopment)]),
        new(4, "Tom Baker", "deputy.a1@example.org", DemoIds.SchoolA1, StaffType.Teaching, ["Geography"],
            [(Role.DeputyHead, DemoIds.SchoolA1, LeadershipFunction.BehaviourAndInclusion)]),
        new(5, "Grace Okafor", "deputy.a2@example.org", DemoIds.SchoolA2, StaffType.Teaching, ["English"],
            [(Role.DeputyHead, DemoIds.SchoolA2, LeadershipFunction.Curriculum)]),
        new(6, "Sam Patel", "hod.science.a1@example.org", DemoIds.SchoolA1, StaffType.Teaching, ["Chemistry"],
            [(Role.HeadOfDepartment, DemoIds.SchoolA1, null)]),
        new(7, "Lucy Chen", "hod.maths.a2@example.org", DemoIds.SchoolA2, StaffType.Teaching, ["Mathematics"],
            [(Role.HeadOfDepartment, DemoIds.SchoolA2, null)]),
        new(8, "Daniel Hughes", "physics.a1@example.org", DemoIds.SchoolA1, StaffType.Teaching, ["Physics"],
            [(Role.Teacher, DemoIds.SchoolA1, null)]),
        new(9, "Amy Clarke", "teacher.a2@example.org", DemoIds.SchoolA2, StaffType.Teaching, ["Biology"],
            [(Role.Teacher, DemoIds.SchoolA2, null)]),
        new(10, "Robert Hall", "cluster.chair@example.org", DemoIds.SchoolB, StaffType.Teaching, ["Design and Technology"],
            [(Role.Headteacher, DemoIds.SchoolB, null), (Role.ClusterChair, DemoIds.LearningGatewayCluster, null)]),
        new(11, "Jane Morris", "la.officer@example.org", null, StaffType.Other, [],
            [(Role.LocalAuthorityOfficer, DemoIds.Suffolk, null)]),
        // More of the federation's teachers, so that observation coverage has classrooms to count.
        new(12, "Olivia Grant", "english.a1@example.org", DemoIds.SchoolA1, StaffType.Teaching, ["English"],
            [(Role.Teacher, DemoIds.SchoolA1, null)]),
        new(13, "Ben Carter", "history.a1@example.org", DemoIds.SchoolA1, StaffType.Teaching, ["History"],
            [(Role.Teacher, DemoIds.SchoolA1, null)]),
        new(14, "Chloe Evans", "geography.a2@example.org", DemoIds.SchoolA2, StaffType.Teaching, ["Geography"],
            [(Role.Teacher, DemoIds.SchoolA2, null)]),
        new(15, "Ryan Price", "computing.a2@example.org", DemoIds.SchoolA2, StaffType.Teaching, ["Computing"],
            [(Role.Teacher, DemoIds.SchoolA2, null)]),
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
        if (await people.FindByEmailAsync(Everyone[0].Email, cancellationToken) is not null)
        {
            return;
        }
        logger.LogInformation("Loading demo data");
        foreach (var person in Everyone)
        {
            var personId = DemoIds.Person(person.Number);
            await people.RegisterAsync(personId, new PersonDetails(person.Name, person.Email, person.HomeSchoolId, person.StaffType, person.Specialisms),
                cancellationToken);
            foreach (var (role, scopeId, function) in person.Roles)
            {
                await roles.AssignAsync(Guid.CreateVersion7(),
                    new AssignmentDetails(personId, role, scopeId, FederationFormed, null, AssignmentKind.Substantive, function), cancellationToken);
            }
        }

        // A1's physics expert teaches A2's Year 11 practicals every morning for three weeks around today, agreed by A1.
        var today = clock.Today();
        var startsOn = await calendars.SchoolDayFromAsync(DemoIds.SchoolA2, today.AddDays(-7), back: true, cancellationToken);
        var endsOn = await calendars.SchoolDayFromAsync(DemoIds.SchoolA2, today.AddDays(14), back: false, cancellationToken);
        var deployment = Guid.Parse("019a0000-0000-7000-8000-0000000d0001");
        await deployments.RequestAsync(deployment, new DeploymentDetails(
            DemoIds.Person(8), DemoIds.SchoolA1, DemoIds.SchoolA2, startsOn, endsOn, Session.Morning, DeploymentCategory.SubjectExpert,
            "Year 11 physics required practicals"), "head.a2@example.org", cancellationToken);
        await deployments.MoveAsync(deployment, DeploymentStep.Agree, null, cancellationToken);
    }

    private async Task LoadEasternRegionAsync(CancellationToken cancellationToken)
    {
        if (await people.FindByEmailAsync(EasternRegion.People[0].Email, cancellationToken) is not null)
        {
            return;
        }
        logger.LogInformation("Loading the Eastern Region demo: {People} people", EasternRegion.People.Count);
        var since = new DateOnly(2025, 9, 1);
        Task AssignAsync(Guid personId, Role role, Guid scopeId, LeadershipFunction? function = null) =>
            roles.AssignAsync(Guid.CreateVersion7(), new AssignmentDetails(personId, role, scopeId, since, null, AssignmentKind.Substantive, function),
                cancellationToken);

        foreach (var person in EasternRegion.People)
        {
            await people.RegisterAsync(person.Id, new PersonDetails(person.Name, person.Email, person.School.Id, StaffType.Teaching, [person.Subject]),
                cancellationToken);
            await AssignAsync(person.Id, person.Role, person.School.Id,
                person.LeadershipFunction is { } function ? Enum.Parse<LeadershipFunction>(function, ignoreCase: true) : null);
        }
        foreach (var cluster in EasternRegion.Clusters)
        {
            await AssignAsync(EasternRegion.Head(cluster.Members[0]).Id, Role.ClusterChair, cluster.Id);
        }
        foreach (var authority in EasternRegion.Authorities.Where(authority => authority.Id != DemoIds.Suffolk))
        {
            var officer = EasternRegion.Id(0xe6, authority.Code);
            await people.RegisterAsync(officer, new PersonDetails($"{authority.Name} Schools Officer", authority.OfficerEmail, null, StaffType.Other, []),
                cancellationToken);
            await AssignAsync(officer, Role.LocalAuthorityOfficer, authority.Id);
        }

        // In each federation, the lead school's head of maths teaches at the next member every morning for two weeks from today.
        var today = clock.Today();
        foreach (var federation in EasternRegion.Federations.Where(federation => federation.Formed))
        {
            await AssignAsync(EasternRegion.Head(federation.Members[0]).Id, Role.ExecutivePrincipal, federation.Id);
            var (home, host) = (federation.Members[0], federation.Members[1]);
            var expert = EasternRegion.People.First(person => person.School == home && person.Email.StartsWith("hod.maths", StringComparison.Ordinal));
            var deployment = EasternRegion.Id(0xec, federation.Members[0].Urn);
            await deployments.RequestAsync(deployment, new DeploymentDetails(
                expert.Id, home.Id, host.Id, await calendars.SchoolDayFromAsync(host.Id, today, back: false, cancellationToken),
                await calendars.SchoolDayFromAsync(host.Id, today.AddDays(14), back: false, cancellationToken), Session.Morning,
                DeploymentCategory.SubjectExpert, "Mathematics teaching across the federation"), EasternRegion.Head(host).Email, cancellationToken);
            await deployments.MoveAsync(deployment, DeploymentStep.Agree, null, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
