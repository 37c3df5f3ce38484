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

    public static readonly Rule HostSchoolDay = new(
        "host-school-day",
        "Visits and open days fall on the host school's school days: weekdays in term, outside its half-term holidays and closed days.");

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
