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

/// <summary>The part of a school day something takes (a deployment, a visit). In SQL,
/// half_days(session) gives the half-days it covers (Data/Migrations/0004_school_sessions.sql).</summary>
public enum Session
{
    Morning,
    Afternoon,
    WholeDay,
}
