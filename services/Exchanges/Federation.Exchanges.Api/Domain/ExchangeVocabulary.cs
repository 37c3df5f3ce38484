namespace Federation.Exchanges.Domain;

/// <summary>requested → approved (home head) → confirmed (host) → completed (on or after the date)
/// → reflected (the visitor's reflection is in). A visit may be declined by the home school while
/// requested, or by the host until it confirms; the visitor may cancel it before the date.</summary>
public enum VisitState
{
    Requested,
    Approved,
    Confirmed,
    Completed,
    Reflected,
    Declined,
    Cancelled,
}

/// <summary>What a visitor goes to learn about (DOMAIN.md §3.3: vision, values, structure,
/// responsibilities; curriculum, staffing, outside space; closing the gap).</summary>
public enum FocusTheme
{
    VisionAndValues,
    LeadershipStructures,
    StaffingStructures,
    Curriculum,
    MonitoringSystems,
    Behaviour,
    ClosingTheGap,
    OutsideSpace,
}

/// <summary>Which school declined a visit.</summary>
public enum VisitSide
{
    Home,
    Host,
}

public enum BookingState
{
    Booked,
    Cancelled,
}
