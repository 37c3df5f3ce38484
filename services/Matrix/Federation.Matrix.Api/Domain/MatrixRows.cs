namespace Federation.Matrix.Domain;

/// <summary>green, amber, red, or grey (not applicable, or information only).</summary>
public enum CellStatus
{
    Green,
    Amber,
    Red,
    Grey,
}

/// <summary>The strands of the matrix (ARCHITECTURE.md §9).</summary>
public enum Strand
{
    Context,
    Leadership,
    Observation,
    SharedStaff,
    Exchanges,
}

/// <summary>What a cell says: its figure (a number, or words), out of what, its status and the rule
/// that gave it, in words.</summary>
public sealed record CellFigure(decimal? Value, string? Text, int? Denominator, CellStatus Status, string Rule);

/// <summary>One row of the matrix, and how its cell is worked out from a school's figures.</summary>
/// <param name="Key">Stable, e.g. "observation.teachersObserved", "leadership.safeguardingAndWellbeing".</param>
public sealed record MatrixRow(string Key, Strand Strand, string Label, Func<SchoolFigures, MatrixThresholds, CellFigure> Cell)
{
    /// <summary>The leadership functions every school has a row for (ARCHITECTURE.md §9).</summary>
    public static readonly string[] LeadershipFunctions =
        ["curriculum", "teachingAndTeacherDevelopment", "behaviourAndInclusion", "safeguardingAndWellbeing", "financeAndOperations"];

    public static readonly IReadOnlyList<MatrixRow> All =
    [
        new("context.pupils", Strand.Context, "Pupils on roll", (s, _) => Context(s.PupilsOnRoll)),
        new("context.phase", Strand.Context, "Phase", (s, _) => new CellFigure(null, s.Phase, null, CellStatus.Grey, "grey: context")),
        new("context.ofstedGrade", Strand.Context, "Ofsted grade", (s, _) => s.OfstedGrade switch
        {
            null => new CellFigure(null, "none", null, CellStatus.Grey, "grey: no single-word grade (none since September 2024)"),
            <= 2 => new CellFigure(s.OfstedGrade, null, null, CellStatus.Green, "green: good or outstanding"),
            3 => new CellFigure(s.OfstedGrade, null, null, CellStatus.Amber, "amber: requires improvement"),
            _ => new CellFigure(s.OfstedGrade, null, null, CellStatus.Red, "red: inadequate"),
        }),
        new("context.fsmBand", Strand.Context, "FSM band", (s, _) => Context(s.FsmBand)),
        .. LeadershipFunctions.Select(function => new MatrixRow(
            $"leadership.{function}", Strand.Leadership, $"Leads {Words(function)}",
            (s, _) => s.Leads.TryGetValue(function, out var lead)
                ? new CellFigure(null, lead, null, s.AwaitsTemplate ? CellStatus.Grey : CellStatus.Green,
                    s.AwaitsTemplate ? $"grey: the lead school's rows are not adopted here yet (led by {lead})" : $"green: led by {lead}")
                : s.AwaitsTemplate ? new CellFigure(null, null, null, CellStatus.Grey, "grey: the lead school's rows are not adopted here yet")
                : new CellFigure(null, null, null, CellStatus.Red, $"red: no {Words(function)} lead"))),
        new("observation.teachersObserved", Strand.Observation, "Teachers observed this half-term", (s, t) =>
            s.Teachers == 0 ? new CellFigure(0, null, 0, CellStatus.Grey, "grey: no teachers recorded")
            : (decimal)s.TeachersObserved / s.Teachers >= t.ObservedGreen
                ? new CellFigure(s.TeachersObserved, null, s.Teachers, CellStatus.Green, $"green: at least {t.ObservedGreen * 100:0}% observed")
            : (decimal)s.TeachersObserved / s.Teachers >= t.ObservedAmber
                ? new CellFigure(s.TeachersObserved, null, s.Teachers, CellStatus.Amber, $"amber: under {t.ObservedGreen * 100:0}% observed")
                : new CellFigure(s.TeachersObserved, null, s.Teachers, CellStatus.Red, $"red: under {t.ObservedAmber * 100:0}% observed")),
        new("observation.crossSchoolGiven", Strand.Observation, "Cross-school observations given", (s, _) => Info(s.CrossSchoolGiven, "count")),
        new("observation.crossSchoolReceived", Strand.Observation, "Cross-school observations received", (s, _) => Info(s.CrossSchoolReceived, "count")),
        new("observation.openFollowUps", Strand.Observation, "Open support follow-ups", (s, _) => Info(s.OpenFollowUps, "count")),
        new("sharedStaff.sessionsProvided", Strand.SharedStaff, "Shared-staff sessions provided", (s, _) => Info(s.SessionsProvided, "half-days")),
        new("sharedStaff.sessionsReceived", Strand.SharedStaff, "Shared-staff sessions received", (s, _) => Info(s.SessionsReceived, "half-days")),
        new("exchanges.visitsMade", Strand.Exchanges, "Exchange visits made", (s, _) => Info(s.VisitsMade, "count")),
        new("exchanges.visitsHosted", Strand.Exchanges, "Exchange visits hosted", (s, _) => Info(s.VisitsHosted, "count")),
        new("exchanges.awaitingDecision", Strand.Exchanges, "Visit requests awaiting the school's decision", (s, _) => s.AwaitingDecision == 0
            ? new CellFigure(0, null, null, CellStatus.Green, "green: none waiting")
            : new CellFigure(s.AwaitingDecision, null, null, CellStatus.Amber, "amber: requests wait for a decision")),
        new("exchanges.reflectionsOutstanding", Strand.Exchanges, "Reflections outstanding", (s, _) => s.ReflectionsOutstanding == 0
            ? new CellFigure(0, null, null, CellStatus.Green, "green: every completed visit reflected on")
            : new CellFigure(s.ReflectionsOutstanding, null, null, CellStatus.Amber, "amber: completed visits without a reflection")),
    ];

    /// <summary>Whether a change of roles alone (a role assigned or ended, a lead renamed) can change
    /// this row's cells: the leadership strand, and the observation strand, whose teachers are counted
    /// from the roles (its cells share the strand's changedAt).</summary>
    public bool ChangedByRoles => Strand is Strand.Leadership or Strand.Observation;

    private static CellFigure Info(decimal value, string what) => new(value, null, null, CellStatus.Grey, $"grey: {what}");

    /// <summary>A context figure the national register leaves blank is unknown, not zero.</summary>
    private static CellFigure Context(int? value) => value is { } known
        ? Info(known, "context")
        : new CellFigure(null, "unknown", null, CellStatus.Grey, "grey: context, not known (blank in the national register)");

    /// <summary>"safeguardingAndWellbeing" as words: "safeguarding and wellbeing".</summary>
    private static string Words(string camelCase) =>
        string.Concat(camelCase.Select(c => char.IsUpper(c) ? $" {char.ToLowerInvariant(c)}" : c.ToString()));
}

/// <summary>The thresholds behind the colours (set per scope later; these are the defaults).</summary>
/// <param name="ObservedGreen">The share of teachers observed this half-term that is green.</param>
/// <param name="ObservedAmber">Below it, red.</param>
public sealed record MatrixThresholds(decimal ObservedGreen, decimal ObservedAmber)
{
    public static readonly MatrixThresholds Default = new(0.8m, 0.5m);
}

/// <summary>A school's figures for one cycle, from the matrix's facts, and when each strand's facts last changed.</summary>
public sealed record SchoolFigures(
    int? PupilsOnRoll, string Phase, int? OfstedGrade, int? FsmBand, IReadOnlyDictionary<string, string> Leads,
    int Teachers, int TeachersObserved, int CrossSchoolGiven, int CrossSchoolReceived, int OpenFollowUps,
    int SessionsProvided, int SessionsReceived, int VisitsMade, int VisitsHosted, int AwaitingDecision, int ReflectionsOutstanding,
    IReadOnlyDictionary<Strand, DateTimeOffset> ChangedAt)
{
    /// <summary>A federation's member whose executive principal has not adopted the lead school's rows
    /// for it yet (scenario 8): its leadership cells are not judged (grey).</summary>
    public bool AwaitsTemplate { get; init; }
}
