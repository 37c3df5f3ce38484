using Federation.BuildingBlocks;
using Federation.BuildingBlocks.Access;
using Federation.BuildingBlocks.Calendar;

namespace Federation.Bench;

// The scale data set, generated in memory before anything is written (ScaleLoader writes it).
// Vocabulary is spelt as every service stores it and every event carries it: camelCase
// ('secondary', 'hard', 'halfTermly'). The service-local enums (SchoolPhase, FederationKind,
// MeetingCadence, StaffType, AssignmentKind, LeadershipFunction, VisitState, FocusTheme) live in
// the service projects, which a console tool cannot reference, so their names are repeated here.

public sealed record LocalAuthority(Guid Id, string Name, string Region);

/// <param name="Phase">SchoolPhase, camelCase.</param>
public sealed record School(
    Guid Id, int Urn, string Name, Guid LocalAuthorityId, string Phase, int LowestAge, int HighestAge, int PupilsOnRoll,
    short FsmBand, short? OfstedGrade, DateOnly? OfstedInspectedOn, string[] Specialisms);

/// <param name="Kind">hard or soft (FederationKind, camelCase).</param>
public sealed record FederationPlan(Guid Id, string Name, string Kind, Guid LeadSchoolId, DateOnly FormedOn, IReadOnlyList<Guid> SchoolIds);

public sealed record ClusterPlan(Guid Id, string Name, Guid LocalAuthorityId, string MeetingCadence, DateOnly JoinedOn, IReadOnlyList<Guid> SchoolIds);

/// <param name="StaffType">teaching, support or other (camelCase, as the staff service stores it).</param>
public sealed record Person(Guid Id, string Name, string Email, Guid? HomeSchoolId, string StaffType, string[] Specialisms);

public sealed record Assignment(Guid Id, Guid PersonId, Role Role, Guid ScopeId, DateOnly StartsOn, string? LeadershipFunction)
{
    public string RoleName => Role.ToEventName();

    public string ScopeKindName => Role.ScopeKind().ToEventName();
}

/// <summary>One step a visit went through after its request, and the state it led to.</summary>
/// <param name="To">approved, confirmed, completed, reflected, declined or cancelled.</param>
/// <param name="DeclinedBy">home or host, for a decline.</param>
public sealed record VisitStepTaken(string To, string? DeclinedBy = null);

public sealed record Visit(
    Guid Id, Guid VisitorId, Guid HomeSchoolId, Guid HostSchoolId, DateOnly VisitOn, Session Session, string Purpose, string[] Themes,
    IReadOnlyList<VisitStepTaken> Steps)
{
    public string State => Steps.Count == 0 ? "requested" : Steps[^1].To;

    /// <summary>The host confirmed it at some point, taking one of its places that day.</summary>
    public bool WasConfirmed => Steps.Any(step => step.To == "confirmed");

    /// <summary>It holds a host place now (confirmed, and not cancelled since).</summary>
    public bool HoldsPlace => State is "confirmed" or "completed" or "reflected";
}

public sealed record ScaleCounts(
    int LocalAuthorities, int Schools, int Federations, int Clusters, int SchoolsPerCluster, int Visits, int OfficersPerAuthority, int NetworkSchools)
{
    /// <summary>Counts at --scale 1 (issue 9: at least 150 local authorities, 3,000 schools,
    /// 60,000 people with roles, 200,000 exchange visits), scaled down with at least one of each.</summary>
    public static ScaleCounts For(double scale)
    {
        int Scaled(int full, int least = 1) => Math.Max(least, (int)Math.Round(full * scale));
        var schools = Scaled(3_000, least: 4);
        return new ScaleCounts(
            LocalAuthorities: Scaled(150),
            Schools: schools,
            // A federation has two or three schools and a cluster eight to ten: both need enough schools.
            Federations: Math.Min(Scaled(600), schools / 3),
            Clusters: Math.Min(Scaled(300), Math.Max(1, schools / 10)),
            SchoolsPerCluster: Math.Min(10, schools),
            Visits: Scaled(200_000),
            OfficersPerAuthority: 2,
            // Issue 12's matrix target: a cluster of fifty schools (its matrix has 1,000 cells).
            NetworkSchools: Math.Min(50, schools));
    }
}

/// <summary>Everything the loader writes, and the benchmark's actors.</summary>
public sealed class ScaleData
{
    /// <summary>Staff of every school: the head, two deputies, an assistant head, two heads of
    /// department and fourteen teachers, so 3,000 schools have 60,000 staff.</summary>
    public const int StaffPerSchool = 20;

    /// <summary>Visitors take at most this many places at a host on one day (the exchanges
    /// service's HostPlaces.DefaultVisitorsPerDay, for a host without settings).</summary>
    public const int HostPlacesPerDay = 2;

    public static readonly DateOnly RolesStartOn = new(2024, 9, 1);

    public const string EmailDomain = "bench.example.org";

    public required IReadOnlyList<LocalAuthority> LocalAuthorities { get; init; }
    public required IReadOnlyList<School> Schools { get; init; }
    public required IReadOnlyList<FederationPlan> Federations { get; init; }
    public required IReadOnlyList<ClusterPlan> Clusters { get; init; }

    /// <summary>The cluster of <see cref="ScaleCounts.NetworkSchools"/> schools whose matrix the benchmark reads (also in <see cref="Clusters"/>).</summary>
    public required ClusterPlan Network { get; init; }
    public required IReadOnlyList<Person> People { get; init; }
    public required IReadOnlyList<Assignment> Assignments { get; init; }
    public required IReadOnlyList<Visit> Visits { get; init; }

    /// <summary>Whose email each step of a visit records: people by id, and each school's head by school id.</summary>
    public required IReadOnlyDictionary<Guid, string> Emails { get; init; }

    public required IReadOnlyDictionary<Guid, string> HeadEmails { get; init; }

    private static readonly string[] FirstNames =
    [
        "Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Mia", "Arthur", "Ivy", "Leo", "Freya", "Oscar", "Lily", "Harry",
        "Grace", "Jack", "Sophia", "Charlie", "Ella", "Thomas", "Priya", "Mohammed", "Aisha", "Daniel", "Chloe", "Samuel",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson",
        "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Khan", "Okafor", "Chen", "Hughes",
    ];

    private static readonly string[] Cadences = ["weekly", "fortnightly", "monthly", "halfTermly", "termly", "annually", "adHoc"];

    private static readonly string[] Themes =
    [
        "visionAndValues", "leadershipStructures", "staffingStructures", "curriculum", "monitoringSystems", "behaviour", "closingTheGap",
        "outsideSpace",
    ];

    private static readonly string[] Subjects = ["English", "Mathematics", "Biology", "Chemistry", "Physics", "History", "Geography", "Art", "Music"];

    /// <summary>Generates the data set for <paramref name="counts"/>, with visits dated around
    /// <paramref name="today"/>. A fixed seed makes every run the same shape (ids differ).</summary>
    public static ScaleData Generate(ScaleCounts counts, DateOnly today, int seed = 20250901)
    {
        var random = new Random(seed);
        var authorities = Enumerable.Range(1, counts.LocalAuthorities)
            .Select(i => new LocalAuthority(Guid.CreateVersion7(), $"Bench Authority {i:D3}", $"Bench Region {1 + (i - 1) / 20}"))
            .ToList();

        // Schools fill the authorities in consecutive blocks, so that neighbours in the list
        // (a federation's or a cluster's members) share an authority.
        var schools = Enumerable.Range(0, counts.Schools)
            .Select(i => NewSchool(random, i, authorities[(int)((long)i * authorities.Count / counts.Schools)].Id))
            .ToList();

        var federations = NewFederations(random, schools, counts.Federations);
        var clusters = NewClusters(random, schools, counts, today);
        // A network across authorities (as the Eastern Region's): the largest matrix a chair opens.
        var network = new ClusterPlan(Guid.CreateVersion7(), "Bench Network", schools[0].LocalAuthorityId, Cadences[0], today,
            [.. schools.Take(counts.NetworkSchools).Select(school => school.Id)]);
        clusters.Add(network);

        var federated = federations.SelectMany(federation => federation.SchoolIds).ToHashSet();
        var people = new List<Person>();
        var assignments = new List<Assignment>();
        var heads = new Dictionary<Guid, Person>();
        var visitors = new List<Person>();
        void Add(Person person, Role role, Guid scopeId, string? function = null)
        {
            people.Add(person);
            assignments.Add(new Assignment(Guid.CreateVersion7(), person.Id, role, scopeId, RolesStartOn, function));
        }
        Person NewPerson(string emailLocalPart, Guid? homeSchoolId, string staffType = "teaching") =>
            new(Guid.CreateVersion7(), $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}",
                $"{emailLocalPart}@{EmailDomain}", homeSchoolId, staffType,
                staffType == "teaching" ? [Subjects[random.Next(Subjects.Length)]] : []);

        for (var s = 0; s < schools.Count; s++)
        {
            var school = schools[s].Id;
            var prefix = $"s{s + 1:D4}";
            // In a federation a school is led by a head of school under the executive principal (as A1 and A2).
            var head = NewPerson($"{prefix}.head", school);
            Add(head, federated.Contains(school) ? Role.HeadOfSchool : Role.Headteacher, school, "teachingAndTeacherDevelopment");
            heads[school] = head;
            string[] deputyFunctions = ["curriculum", "behaviourAndInclusion"];
            for (var d = 0; d < deputyFunctions.Length; d++)
            {
                var deputy = NewPerson($"{prefix}.deputy{d + 1}", school);
                Add(deputy, Role.DeputyHead, school, deputyFunctions[d]);
                visitors.Add(deputy);
            }
            var assistant = NewPerson($"{prefix}.assistant", school);
            Add(assistant, Role.AssistantHead, school, "safeguardingAndWellbeing");
            visitors.Add(assistant);
            for (var h = 1; h <= 2; h++)
            {
                Add(NewPerson($"{prefix}.hod{h}", school), Role.HeadOfDepartment, school);
            }
            for (var t = 1; t <= StaffPerSchool - 6; t++)
            {
                Add(NewPerson($"{prefix}.teacher{t:D2}", school), Role.Teacher, school);
            }
        }
        // An executive principal per federation, employed by its lead school (as Helen Ward by A1).
        for (var f = 0; f < federations.Count; f++)
        {
            Add(NewPerson($"f{f + 1:D3}.executive.principal", federations[f].LeadSchoolId), Role.ExecutivePrincipal, federations[f].Id);
        }
        // The head of a cluster's first school chairs it (as Robert Hall, School B's head).
        foreach (var cluster in clusters)
        {
            assignments.Add(new Assignment(Guid.CreateVersion7(), heads[cluster.SchoolIds[0]].Id, Role.ClusterChair, cluster.Id, RolesStartOn, null));
        }
        for (var a = 0; a < authorities.Count; a++)
        {
            for (var o = 1; o <= counts.OfficersPerAuthority; o++)
            {
                Add(NewPerson($"la{a + 1:D3}.officer{o}", null, "other"), Role.LocalAuthorityOfficer, authorities[a].Id);
            }
        }

        var homeOf = people.Where(person => person.HomeSchoolId is not null).ToDictionary(person => person.Id, person => person.HomeSchoolId!.Value);
        var visits = NewVisits(random, counts.Visits, visitors, homeOf, schools.Select(school => school.Id).ToList(), today);
        return new ScaleData
        {
            LocalAuthorities = authorities,
            Schools = schools,
            Federations = federations,
            Clusters = clusters,
            Network = network,
            People = people,
            Assignments = assignments,
            Visits = visits,
            Emails = people.ToDictionary(person => person.Id, person => person.Email),
            HeadEmails = heads.ToDictionary(head => head.Key, head => head.Value.Email),
        };
    }

    /// <summary>Federations of two or three consecutive schools (each school in one at most), half hard, half soft.</summary>
    private static List<FederationPlan> NewFederations(Random random, IReadOnlyList<School> schools, int count)
    {
        var federations = new List<FederationPlan>();
        var next = 0;
        for (var f = 0; f < count && next + 2 <= schools.Count; f++)
        {
            var size = Math.Min(random.Next(2, 4), schools.Count - next);
            var members = schools.Skip(next).Take(size).Select(school => school.Id).ToList();
            next += size;
            federations.Add(new FederationPlan(Guid.CreateVersion7(), $"Bench Federation {f + 1:D3}", f % 2 == 0 ? "hard" : "soft", members[0],
                new DateOnly(2024, 9, 1).AddDays(random.Next(0, 300)), members));
        }
        return federations;
    }

    /// <summary>Clusters of eight to ten consecutive schools of one authority, formed today (as ClusterStore dates founding members).</summary>
    private static List<ClusterPlan> NewClusters(Random random, IReadOnlyList<School> schools, ScaleCounts counts, DateOnly today)
    {
        var clusters = new List<ClusterPlan>();
        var block = Math.Max(counts.SchoolsPerCluster, schools.Count / counts.Clusters);
        for (var c = 0; c < counts.Clusters; c++)
        {
            var start = c * block % schools.Count;
            var size = Math.Min(counts.SchoolsPerCluster - random.Next(0, 3), schools.Count - start);
            // A cluster is a network of one authority's schools: a block that crosses into the next authority stops there.
            var members = schools.Skip(start).Take(Math.Max(1, size))
                .TakeWhile(school => school.LocalAuthorityId == schools[start].LocalAuthorityId).ToList();
            clusters.Add(new ClusterPlan(Guid.CreateVersion7(), $"Bench Cluster {c + 1:D3}", members[0].LocalAuthorityId,
                Cadences[random.Next(Cadences.Length)], today, members.Select(school => school.Id).ToList()));
        }
        return clusters;
    }

    private static School NewSchool(Random random, int index, Guid localAuthorityId)
    {
        var kind = random.Next(100);
        var (phase, lowest, highest, pupils) = kind switch
        {
            < 70 => ("primary", 4, 11, random.Next(90, 630)),
            < 95 => ("secondary", 11, random.Next(2) == 0 ? 16 : 18, random.Next(550, 2100)),
            _ => ("special", 2, 19, random.Next(40, 250)),
        };
        short? grade = random.Next(10) == 0 ? null : (short)random.Next(1, 5);
        return new School(Guid.CreateVersion7(), 100_001 + index, $"Bench School {index + 1:D4}", localAuthorityId, phase, lowest, highest, pupils,
            (short)random.Next(1, 5), grade, grade is null ? null : new DateOnly(2022, 1, 10).AddDays(random.Next(0, 1000)),
            phase == "secondary" && random.Next(3) == 0 ? ["Technology"] : []);
    }

    /// <summary>Visits of the deputies and assistant heads (who may request them), dated on school
    /// days from a year ago to half a year ahead. Each visitor's visits fall on different days, so
    /// that no two live visits of one person share a half-day; a host confirms at most
    /// <see cref="HostPlacesPerDay"/> visits a day.</summary>
    private static List<Visit> NewVisits(
        Random random, int count, IReadOnlyList<Person> visitors, IReadOnlyDictionary<Guid, Guid> homeOf, IReadOnlyList<Guid> schools, DateOnly today)
    {
        var schoolDays = Enumerable.Range(-365, 365 + 183).Select(today.AddDays).Where(day => EnglishSchoolYear.Containing(day).IsSchoolDay(day)).ToArray();
        var perVisitor = (count + visitors.Count - 1) / visitors.Count;
        if (perVisitor > schoolDays.Length)
        {
            throw new InvalidOperationException($"{perVisitor} visits per visitor do not fit in {schoolDays.Length} school days.");
        }
        var placesTaken = new Dictionary<(Guid Host, DateOnly Day), int>();
        // A visitor is in one place a day: a second pass over the visitors (the first fell short,
        // as days drawn twice count once) takes days they have no visit on yet.
        var daysTaken = new HashSet<(Guid Visitor, DateOnly Day)>();
        var visits = new List<Visit>(count);
        for (var v = 0; visits.Count < count; v++)
        {
            var visitor = visitors[v % visitors.Count];
            var home = homeOf[visitor.Id];
            var days = random.GetItems(schoolDays, perVisitor).Where(day => daysTaken.Add((visitor.Id, day))).ToList();
            foreach (var day in days.Take(Math.Min(days.Count, count - visits.Count)))
            {
                var steps = NewSteps(random, day < today);
                var host = PickHost(random, schools, home, day, steps.Any(step => step.To == "confirmed"), placesTaken);
                if (host is null)
                {
                    // Every host tried is full that day: the host declined instead.
                    steps = [new VisitStepTaken("approved"), new VisitStepTaken("declined", "host")];
                    host = PickHost(random, schools, home, day, false, placesTaken);
                }
                var themes = random.GetItems(Themes, random.Next(1, 3)).Distinct().ToArray();
                visits.Add(new Visit(Guid.CreateVersion7(), visitor.Id, home, host!.Value, day,
                    (Session)random.Next(3), $"Bench visit: {string.Join(" and ", themes)}", themes, steps));
            }
        }
        return visits;
    }

    /// <summary>Where a visit got to: past visits mostly took place; future ones are at every stage.</summary>
    private static VisitStepTaken[] NewSteps(Random random, bool past)
    {
        VisitStepTaken Approved = new("approved"), Confirmed = new("confirmed"), Completed = new("completed");
        var roll = random.Next(100);
        return past
            ? roll switch
            {
                < 45 => [Approved, Confirmed, Completed],
                < 75 => [Approved, Confirmed, Completed, new("reflected")],
                < 80 => [new("declined", "home")],
                < 90 => [Approved, new("declined", "host")],
                < 95 => [Approved, Confirmed, new("cancelled")],
                _ => [new("cancelled")],
            }
            : roll switch
            {
                < 25 => [],
                < 45 => [Approved],
                < 80 => [Approved, Confirmed],
                < 85 => [new("declined", "home")],
                < 90 => [Approved, new("declined", "host")],
                < 95 => [Approved, Confirmed, new("cancelled")],
                _ => [new("cancelled")],
            };
    }

    private static Guid? PickHost(
        Random random, IReadOnlyList<Guid> schools, Guid home, DateOnly day, bool takesPlace, Dictionary<(Guid, DateOnly), int> placesTaken)
    {
        // A visit that takes no place goes to any other school (there are at least four); one that
        // does tries a few hosts for a free place that day.
        for (var attempt = 0; attempt < (takesPlace ? 20 : 1_000); attempt++)
        {
            var host = schools[random.Next(schools.Count)];
            if (host == home)
            {
                continue;
            }
            if (!takesPlace)
            {
                return host;
            }
            var taken = placesTaken.GetValueOrDefault((host, day));
            if (taken < HostPlacesPerDay)
            {
                placesTaken[(host, day)] = taken + 1;
                return host;
            }
        }
        return null;
    }
}
