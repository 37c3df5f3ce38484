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
