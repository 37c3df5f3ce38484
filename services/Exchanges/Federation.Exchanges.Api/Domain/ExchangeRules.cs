using Federation.BuildingBlocks.Api;

namespace Federation.Exchanges.Domain;

/// <summary>The rules of exchange visits and open days; a clash answers 409 naming one of these.</summary>
public static class ExchangeRules
{
    public static readonly Rule VisitTransition = new(
        "exchange-visit-transition",
        "A visit is approved by the home head when requested, confirmed by the host when approved, completed when confirmed, " +
        "and reflected on when completed; it is declined before it is confirmed, and cancelled before it is completed.");

    public static readonly Rule VisitDate = new(
        "exchange-visit-date", "A visit is cancelled before its date, and completed on or after it.");

    public static readonly Rule HostCapacity = new(
        "host-capacity", "A host takes no more visitors on a day than the places it has set.");

    public static readonly Rule VisitorInOnePlace = new(
        "visitor-in-one-place", "A visitor has one live visit at a time: two visits of one person do not share a half-day.");

    public static readonly Rule OpenDayFull = new("open-day-full", "An open day takes no more bookings than its places.");

    public static readonly Rule OnePlacePerPerson = new("one-place-per-person", "A person holds one place at an open day.");

    public static readonly Rule OpenDayPassed = new(
        "open-day-passed", "Open-day places are booked and cancelled before the day.");

    public static readonly Rule BookingCancelled = new("booking-cancelled", "A cancelled booking stays cancelled; book again instead.");
}

/// <summary>Which states each action on a visit starts from.</summary>
public static class VisitTransitions
{
    public static readonly VisitState[] Approve = [VisitState.Requested];

    public static readonly VisitState[] Confirm = [VisitState.Approved];

    public static readonly VisitState[] DeclineByHome = [VisitState.Requested];

    public static readonly VisitState[] DeclineByHost = [VisitState.Requested, VisitState.Approved];

    public static readonly VisitState[] Cancel = [VisitState.Requested, VisitState.Approved, VisitState.Confirmed];

    public static readonly VisitState[] Complete = [VisitState.Confirmed];

    public static readonly VisitState[] Reflect = [VisitState.Completed];

    /// <summary>The states in which a visit appears on calendars: the host has agreed to it.</summary>
    public static readonly VisitState[] OnCalendars = [VisitState.Confirmed, VisitState.Completed, VisitState.Reflected];

    /// <summary>Why the visit cannot be moved to <paramref name="to"/> on this day, or null when it
    /// can: cancelling is before the visit date; completing on or after it.</summary>
    public static string? CheckDate(VisitState to, DateOnly visitOn, DateOnly today) => to switch
    {
        VisitState.Cancelled when visitOn <= today => $"The visit is on {visitOn:yyyy-MM-dd}: it can be cancelled only before that day.",
        VisitState.Completed when visitOn > today => $"The visit is on {visitOn:yyyy-MM-dd}: it can be completed on or after that day.",
        _ => null,
    };
}

/// <summary>The places of a school that has not set its host settings.</summary>
public static class HostPlaces
{
    /// <summary>Visitors a host takes on one day until it says otherwise.</summary>
    public const int DefaultVisitorsPerDay = 2;
}
