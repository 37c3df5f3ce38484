using Federation.BuildingBlocks.Calendar;

namespace Federation.Testing;

/// <summary>School days of a school that keeps the English default calendar (the test schools, and
/// Suffolk's demo schools, whose authority publishes the default's dates).</summary>
public static class SchoolDays
{
    /// <summary>The first school day on or after <paramref name="date"/>.</summary>
    public static DateOnly OnOrAfter(DateOnly date) =>
        EnglishSchoolYear.Containing(date).SchoolDayFrom(date)
        ?? EnglishSchoolYear.For(SchoolYear.StartYearOf(date) + 1).SchoolDayFrom(date)!.Value;
}
