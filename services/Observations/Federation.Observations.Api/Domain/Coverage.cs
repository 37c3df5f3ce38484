namespace Federation.Observations.Domain;

/// <summary>A school's thresholds (DOMAIN.md rule 6: configurable per school).</summary>
/// <param name="ObservationsPerHalfTerm">Observations that count (head of department, cross-school) each teacher has every half-term.</param>
/// <param name="WalksPerWeek">Senior-team walks the school logs each week.</param>
public sealed record CoverageSettings(int ObservationsPerHalfTerm, int WalksPerWeek)
{
    public static readonly CoverageSettings Default = new(1, 1);

    /// <summary>The kinds that count towards a teacher's half-term: their head of department's, and
    /// a cross-school one (a subject leader of a partner school).</summary>
    public static readonly ObservationKind[] CountingKinds = [ObservationKind.HeadOfDepartment, ObservationKind.CrossSchool];
}

/// <summary>How one teacher's half-term stands, from the counts behind it.</summary>
public static class Coverage
{
    /// <summary>The days before the end of a half-term from which a teacher not yet observed is overdue (scenario 9: "one week left").</summary>
    public const int LastWeek = 7;

    /// <param name="observed">Counting observations recorded in the half-term.</param>
    /// <param name="scheduledAhead">Counting observations scheduled from today to the half-term's end.</param>
    /// <param name="missed">Counting observations of the half-term whose day has gone by unrecorded.</param>
    public static CoverageStatus StatusOf(
        int observed, int scheduledAhead, int missed, CoverageSettings settings, DateOnly halfTermEndsOn, DateOnly today) =>
        observed >= settings.ObservationsPerHalfTerm ? CoverageStatus.Observed
        : observed + scheduledAhead >= settings.ObservationsPerHalfTerm && today <= halfTermEndsOn ? CoverageStatus.Scheduled
        : missed > 0 || today > halfTermEndsOn.AddDays(-LastWeek) ? CoverageStatus.Overdue
        : CoverageStatus.Due;
}
