namespace Federation.Contracts.Exchanges;

// Published by the exchanges service. Evolve by adding optional (nullable) members only:
// consumers in other services may still run an older version of this file. No event carries a
// reflection's or a decline's text: those stay in the exchanges service.

/// <summary>An exchange visit as every visit event carries it.</summary>
/// <param name="Session">morning, afternoon or wholeDay.</param>
/// <param name="Themes">Focus themes, e.g. visionAndValues, staffingStructures, curriculum.</param>
public sealed record ExchangeVisit(
    Guid VisitId,
    Guid VisitorId,
    Guid HomeSchoolId,
    Guid HostSchoolId,
    DateOnly VisitOn,
    string Session,
    IReadOnlyList<string> Themes);

/// <summary>A deputy, assistant head or aspiring leader asked to visit a host school.</summary>
public sealed record ExchangeVisitRequested(ExchangeVisit Visit, DateTimeOffset OccurredAt);

/// <summary>The visitor's home head approved the visit; it now waits for the host.</summary>
public sealed record ExchangeVisitApproved(ExchangeVisit Visit, DateTimeOffset OccurredAt);

/// <summary>The host school agreed: the visit takes one of the host's places that day.</summary>
public sealed record ExchangeVisitConfirmed(ExchangeVisit Visit, DateTimeOffset OccurredAt);

/// <summary>The home or the host school declined the visit.</summary>
/// <param name="DeclinedBy">home or host.</param>
public sealed record ExchangeVisitDeclined(ExchangeVisit Visit, string DeclinedBy, DateTimeOffset OccurredAt);

/// <summary>The visitor cancelled before the date.</summary>
/// <param name="WasConfirmed">True when a confirmed visit (a host place) was cancelled.</param>
public sealed record ExchangeVisitCancelled(ExchangeVisit Visit, bool WasConfirmed, DateTimeOffset OccurredAt);

/// <summary>The visit took place.</summary>
public sealed record ExchangeVisitCompleted(ExchangeVisit Visit, DateTimeOffset OccurredAt);

/// <summary>The visitor recorded their reflection on a completed visit (its text stays private).</summary>
/// <param name="VisitOn">The visit's day (absent from events published before it was added), so
/// that a read model learns the whole visit from this event alone.</param>
public sealed record ExchangeReflectionSubmitted(
    Guid VisitId, Guid VisitorId, Guid HomeSchoolId, Guid HostSchoolId, DateTimeOffset OccurredAt, DateOnly? VisitOn = null);

/// <summary>A host school published a themed open day.</summary>
public sealed record OpenDayPublished(Guid OpenDayId, Guid HostSchoolId, string Theme, DateOnly OpenOn, int Places, DateTimeOffset OccurredAt);

/// <summary>A person booked a place at an open day.</summary>
/// <param name="PersonHomeSchoolId">The booker's home school, when they have one.</param>
public sealed record OpenDayPlaceBooked(
    Guid BookingId, Guid OpenDayId, Guid HostSchoolId, Guid PersonId, Guid? PersonHomeSchoolId, DateOnly OpenOn, DateTimeOffset OccurredAt);

/// <summary>A booked open-day place was given up; it can be booked again.</summary>
public sealed record OpenDayPlaceCancelled(
    Guid BookingId, Guid OpenDayId, Guid HostSchoolId, Guid PersonId, Guid? PersonHomeSchoolId, DateOnly OpenOn, DateTimeOffset OccurredAt);
