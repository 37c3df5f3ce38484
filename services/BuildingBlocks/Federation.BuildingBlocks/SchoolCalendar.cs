namespace Federation.BuildingBlocks;

public static class SchoolCalendar
{
    // Schools keep English dates: "today" is the date in London, not in UTC.
    private static readonly TimeZoneInfo England = FindEngland();

    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), England).DateTime);

    private static TimeZoneInfo FindEngland()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}

public static class SchoolDays
{
    /// <summary>Schools are open Monday to Friday.</summary>
    public static bool IsSchoolDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The first school day on or after <paramref name="date"/>.</summary>
    public static DateOnly OnOrAfter(DateOnly date)
    {
        while (!IsSchoolDay(date))
        {
            date = date.AddDays(1);
        }
        return date;
    }
}

/// <summary>The part of a school day something takes (a deployment, a visit). In SQL,
/// half_days(session) gives the half-days it covers (Data/Migrations/0004_school_sessions.sql).</summary>
public enum Session
{
    Morning,
    Afternoon,
    WholeDay,
}
