using System.Globalization;
using Federation.BuildingBlocks.Access;

namespace Federation.BuildingBlocks.DemoData;

/// <summary>A local authority of the Eastern Region's 2010-11 leadership learning project (seed 002,
/// DOMAIN.md §1.6) with its code in the national register and the theme it worked on.</summary>
public sealed record EasternAuthority(string Name, int Code, string Theme, string ClusterName, string[] Towns)
{
    /// <summary>Suffolk keeps the small demo's id; the others' are fixed from their code.</summary>
    public Guid Id => Name == "Suffolk" ? DemoIds.Suffolk : EasternRegion.Id(0xe4, Code);

    /// <summary>The authority's officer in the region demo (Suffolk's is the small demo's Jane Morris).</summary>
    public string OfficerEmail => Name == "Suffolk" ? "la.officer@example.org" : $"officer.{Code}@eastern.example.org";
}

/// <summary>A school of the demo region: generated, shaped as GIAS has schools.</summary>
public sealed record EasternSchool(
    Guid Id, int Urn, string Name, EasternAuthority Authority, string GiasPhase, string GiasType, int LowestAge, int HighestAge, int Pupils,
    decimal? PercentageFsm, string Specialism)
{
    public bool IsSecondary => GiasPhase == "Secondary";
}

/// <summary>A cluster of the region: its first member's head chairs it.</summary>
public sealed record EasternCluster(Guid Id, string Name, EasternAuthority Authority, IReadOnlyList<EasternSchool> Members);

/// <summary>A federation of the region: the first member leads, its head is the executive principal.
/// Hard ones are listed in the national register (GIAS "Federations (code)").</summary>
public sealed record EasternFederation(Guid Id, string GiasCode, string Name, bool Hard, IReadOnlyList<EasternSchool> Members, bool Formed);

/// <summary>A person of the region with their role at their school (and a leadership function).</summary>
public sealed record EasternPerson(Guid Id, string Name, string Email, EasternSchool School, Role Role, string? LeadershipFunction, string Subject);

/// <summary>The Eastern Region demo (<c>./fed up --region eastern</c>): the seven local authorities of
/// seed 002 and 87 schools (School A1, A2 and B of the small demo are three of Suffolk's), one cluster
/// per authority on its theme, five federations, and each school's head, deputy, heads of department
/// and teachers. Generated the same way every time, with fixed ids, so that each service's demo data
/// can refer to the others'. Each service loads its own part; this says what there is.</summary>
public static class EasternRegion
{
    public const string Name = "eastern";

    public static readonly IReadOnlyList<EasternAuthority> Authorities =
    [
        new("Bedford", 822, "Aspirant leaders in other schools' SLT meetings", "Bedford Aspirant Leaders Network",
            ["Kempston", "Biddenham", "Bromham", "Clapham", "Wootton", "Sharnbrook", "Elstow", "Goldington", "Putnoe", "Brickhill"]),
        new("Essex", 881, "A deputy network across a cluster", "Essex Deputy Network",
            ["Chelmsford", "Colchester", "Braintree", "Witham", "Maldon", "Harlow", "Basildon", "Brentwood", "Saffron Walden", "Dunmow",
             "Halstead", "Coggeshall", "Tiptree", "Heybridge", "Wivenhoe", "Clacton"]),
        new("Hertfordshire", 919, "Deputies' leadership learning visits", "Hertfordshire Deputy Network",
            ["St Albans", "Hitchin", "Letchworth", "Stevenage", "Hertford", "Ware", "Bishop’s Stortford", "Harpenden", "Tring",
             "Berkhamsted", "Royston", "Baldock", "Welwyn", "Hatfield", "Watford", "Hemel Hempstead"]),
        new("Norfolk", 926, "Why clusters are effective or not", "Norfolk Cluster Effectiveness Group",
            ["Wymondham", "Dereham", "Swaffham", "Thetford", "Diss", "Aylsham", "North Walsham", "Fakenham", "Holt", "Cromer",
             "Attleborough", "Downham Market", "Hunstanton", "Loddon"]),
        new("Peterborough", 874, "LEAP, a kite mark for leadership", "Peterborough LEAP Network",
            ["Orton", "Werrington", "Bretton", "Hampton", "Stanground", "Paston", "Thorpe", "Eye", "Glinton"]),
        new("Suffolk", 935, "Deputy exchange and themed open days", "Suffolk Deputy Exchange Collaboration",
            ["Kesgrave", "Woodbridge", "Stowmarket", "Sudbury", "Hadleigh", "Framlingham", "Leiston", "Halesworth", "Beccles", "Bungay",
             "Needham Market"]),
        new("Thurrock", 883, "Growing your own leaders", "Thurrock Growing Your Own Leaders",
            ["Grays", "Tilbury", "Stanford-le-Hope", "Corringham", "Aveley", "South Ockendon", "Chafford Hundred", "Purfleet"]),
    ];

    /// <summary>The 84 generated schools (87 with School A1, A2 and B).</summary>
    public static readonly IReadOnlyList<EasternSchool> Schools = GenerateSchools();

    public static readonly IReadOnlyList<EasternCluster> Clusters = Authorities.Select((authority, index) =>
        new EasternCluster(Id(0xe7, index + 1), authority.ClusterName, authority,
            Schools.Where(school => school.Authority == authority).ToArray())).ToArray();

    public static readonly IReadOnlyList<EasternFederation> Federations =
    [
        Federation(1, "FED8221", "Kempston and Biddenham Schools", hard: false, "Bedford", [0, 1]),
        Federation(2, "FED8812", "Chelmsford and Witham Federation", hard: true, "Essex", [0, 3]),
        Federation(3, "FED9193", "Hitchin, Letchworth and Baldock Federation", hard: true, "Hertfordshire", [1, 2, 11]),
        Federation(4, "FED9264", "Holt and Cromer Rural Schools", hard: false, "Norfolk", [8, 9]),
        Federation(5, "FED8835", "Grays and Tilbury Federation", hard: true, "Thurrock", [0, 1]),
        // Listed in the register but not yet confirmed on the platform: the officer's list to confirm.
        Federation(6, "FED8746", "Orton and Hampton Federation", hard: true, "Peterborough", [0, 3], formed: false),
    ];

    public static readonly IReadOnlyList<EasternPerson> People = GeneratePeople();

    /// <summary>The head of each generated school.</summary>
    public static EasternPerson Head(EasternSchool school) => People.First(person => person.School == school && person.Role == Role.Headteacher);

    public static EasternPerson Deputy(EasternSchool school) => People.First(person => person.School == school && person.Role == Role.DeputyHead);

    /// <summary>The national register's rows of the region's schools: the file the demo imports.</summary>
    public static IEnumerable<GiasRecord> GiasRecords() => Schools.Select(school =>
    {
        var federation = Federations.FirstOrDefault(f => f.Hard && f.Members.Contains(school));
        return new GiasRecord(
            school.Urn, school.Name, school.Authority.Code, school.Authority.Name, school.GiasPhase,
            school.LowestAge.ToString(CultureInfo.InvariantCulture), school.HighestAge.ToString(CultureInfo.InvariantCulture),
            school.Pupils.ToString(CultureInfo.InvariantCulture),
            school.PercentageFsm?.ToString("0.0", CultureInfo.InvariantCulture) ?? "SUPP",
            TypeOfEstablishment: school.GiasType, FederationCode: federation?.GiasCode ?? "", FederationName: federation?.Name ?? "");
    });

    /// <summary>A fixed id: <paramref name="kind"/> says what it is (0xe5 schools, 0xe6 people, 0xe7
    /// clusters, 0xe8 federations, 0xe9 and up each service's own records).</summary>
    public static Guid Id(int kind, long number) =>
        Guid.Parse($"019a0000-0000-7000-8000-{kind:x2}{number:D10}");

    private static EasternSchool[] GenerateSchools()
    {
        string[] secondarySpecialisms = ["Technology", "Science", "Arts", "Languages", "Sport", "Mathematics and Computing"];
        string[] primarySpecialisms = ["Early years", "Literacy", "Numeracy", "Outdoor learning", "Music"];
        var schools = new List<EasternSchool>();
        var urn = 710000;
        foreach (var authority in Authorities)
        {
            for (var index = 0; index < authority.Towns.Length; index++)
            {
                urn++;
                var town = authority.Towns[index];
                var random = new Random(urn);
                var (phase, type, name, lowest, highest, pupils) = (index % 5, index == authority.Towns.Length - 1 && authority.Towns.Length > 12) switch
                {
                    (_, true) => ("Not applicable", "Community special school", $"{town} Park Special School", 3, 19, random.Next(60, 140)),
                    (3, _) => ("Secondary", "Academy converter", $"{town} High School", 11, index % 2 == 0 ? 18 : 16, random.Next(800, 1600)),
                    (1, _) => ("Primary", "Voluntary aided school", $"St Mary’s C of E Primary School, {town}", 4, 11, random.Next(120, 420)),
                    (4, _) => ("Primary", "Community school", $"{town} Infant and Nursery School", 3, 7, random.Next(90, 270)),
                    _ => ("Primary", "Community school", $"{town} Primary School", 4, 11, random.Next(150, 450)),
                };
                var fsm = type.Contains("special") ? (decimal?)null : Math.Round((decimal)(5 + (random.NextDouble() * 40)), 1);
                var specialism = phase == "Secondary"
                    ? secondarySpecialisms[urn % secondarySpecialisms.Length]
                    : primarySpecialisms[urn % primarySpecialisms.Length];
                schools.Add(new EasternSchool(Id(0xe5, urn), urn, name, authority, phase, type, lowest, highest, pupils, fsm, specialism));
            }
        }
        return [.. schools];
    }

    /// <summary><paramref name="members"/>: indexes among the authority's schools, the lead first.</summary>
    private static EasternFederation Federation(int number, string code, string name, bool hard, string authority, int[] members, bool formed = true)
    {
        var schools = Schools.Where(school => school.Authority.Name == authority).ToArray();
        return new EasternFederation(Id(0xe8, number), code, name, hard, members.Select(index => schools[index]).ToArray(), formed);
    }

    private static EasternPerson[] GeneratePeople()
    {
        string[] first = ["Anna", "Ben", "Clare", "David", "Emma", "Farah", "George", "Hannah", "Imran", "Julia", "Kevin", "Laura", "Mohammed",
            "Nina", "Owen", "Paula", "Rachel", "Simon", "Tara", "Usman", "Vicky", "William", "Yasmin", "Zoe"];
        string[] last = ["Adams", "Bennett", "Collins", "Dawson", "Edwards", "Fletcher", "Gibson", "Harris", "Iqbal", "Jennings", "Khan",
            "Lawrence", "Mitchell", "Norris", "O’Brien", "Palmer", "Quinn", "Robinson", "Stevens", "Turner", "Underwood", "Vaughan", "Walsh", "Young"];
        (Role Role, string Slug, string? Function, string Subject)[] posts =
        [
            (Role.Headteacher, "head", null, "English"),
            (Role.DeputyHead, "deputy", "curriculum", "Mathematics"),
            (Role.HeadOfDepartment, "hod.english", "teachingAndTeacherDevelopment", "English"),
            (Role.HeadOfDepartment, "hod.maths", "behaviourAndInclusion", "Mathematics"),
            (Role.Teacher, "teacher.1", null, "Science"),
            (Role.Teacher, "teacher.2", null, "History"),
            (Role.Teacher, "teacher.3", null, "Art"),
        ];
        var people = new List<EasternPerson>();
        foreach (var school in Schools)
        {
            for (var post = 0; post < posts.Length; post++)
            {
                var number = ((long)school.Urn * 100) + post;
                var name = $"{first[(int)(number * 7 % first.Length)]} {last[(int)((number / 3) % last.Length)]}";
                // Every other school has a safeguarding lead (its head); the others show the vacancy red.
                var function = posts[post].Role == Role.Headteacher && school.Urn % 2 == 0 ? "safeguardingAndWellbeing" : posts[post].Function;
                people.Add(new EasternPerson(Id(0xe6, number), name, $"{posts[post].Slug}.{school.Urn}@eastern.example.org", school,
                    posts[post].Role, function, posts[post].Subject));
            }
        }
        return [.. people];
    }
}
