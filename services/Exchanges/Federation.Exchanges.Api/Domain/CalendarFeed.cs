using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Federation.Exchanges.Domain;

/// <summary>What appears on a calendar feed.</summary>
public enum CalendarItemKind
{
    /// <summary>A confirmed (or completed) exchange visit.</summary>
    Visit,

    /// <summary>A place booked at an open day.</summary>
    OpenDayPlace,

    /// <summary>An open day the school hosts.</summary>
    HostedOpenDay,
}

/// <summary>One entry of a feed, as read from the database.</summary>
public sealed class CalendarItem
{
    public Guid Id { get; init; }

    public CalendarItemKind Kind { get; init; }

    public DateOnly Day { get; init; }

    public Session Session { get; init; }

    /// <summary>The visitor, or the person booked.</summary>
    public string PersonName { get; init; } = "";

    public string HomeSchoolName { get; init; } = "";

    public string HostSchoolName { get; init; } = "";

    /// <summary>The visit's purpose, or the open day's theme.</summary>
    public string Subject { get; init; } = "";

    /// <summary>An open day's places and places booked.</summary>
    public int Places { get; init; }

    public int Booked { get; init; }
}

/// <summary>Writes a feed as iCalendar (RFC 5545) that Outlook and Google Calendar subscribe to.
/// Whole days are all-day events; half-days are timed in Europe/London.</summary>
public static class CalendarFeed
{
    public const string ContentType = "text/calendar; charset=utf-8";

    private const string TimeZone = "Europe/London";

    private static readonly (TimeOnly Start, TimeOnly End) Morning = (new(9, 0), new(12, 0));

    private static readonly (TimeOnly Start, TimeOnly End) Afternoon = (new(13, 0), new(16, 0));

    public static string Write(string name, IEnumerable<CalendarItem> items)
    {
        var calendar = new Calendar { ProductId = "-//Federation//Exchanges//EN" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(TimeZone));
        foreach (var item in items)
        {
            calendar.Events.Add(ToEvent(item));
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent ToEvent(CalendarItem item)
    {
        var (summary, description, location) = item.Kind switch
        {
            CalendarItemKind.Visit => (
                $"Exchange visit: {item.PersonName} ({item.HomeSchoolName}) at {item.HostSchoolName}",
                $"Purpose: {item.Subject}", item.HostSchoolName),
            CalendarItemKind.OpenDayPlace => (
                $"Open day: {item.Subject} at {item.HostSchoolName} ({item.PersonName})",
                $"{item.PersonName} has a place at {item.HostSchoolName}'s open day, themed {item.Subject}.", item.HostSchoolName),
            _ => (
                $"Open day we host: {item.Subject}",
                $"{item.Booked} of {item.Places} places booked.", item.HostSchoolName),
        };
        var calendarEvent = new CalendarEvent
        {
            Uid = $"{item.Id}@federation",
            Summary = summary,
            Description = description,
            Location = location,
        };
        if (item.Session == Session.WholeDay)
        {
            calendarEvent.DtStart = new CalDateTime(item.Day);
            calendarEvent.DtEnd = new CalDateTime(item.Day.AddDays(1));
        }
        else
        {
            var (start, end) = item.Session == Session.Morning ? Morning : Afternoon;
            calendarEvent.DtStart = new CalDateTime(item.Day, start, TimeZone);
            calendarEvent.DtEnd = new CalDateTime(item.Day, end, TimeZone);
        }
        return calendarEvent;
    }
}
