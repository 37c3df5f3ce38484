using Federation.Contracts.Exchanges;
using Federation.Exchanges.Domain;

namespace Federation.Exchanges.Data;

/// <summary>A visit as <see cref="ExchangeVisitStore"/> reads it: the reflection
/// (<see cref="Learned"/>, <see cref="TakeHome"/>, <see cref="ReflectedAt"/>) only where the
/// caller may read it, null elsewhere. The API answers with ExchangeVisitResponse.From(row); the
/// events carry <see cref="ToEvent"/>.</summary>
public sealed class ExchangeVisitRow
{
    public Guid Id { get; init; }

    public Guid VisitorId { get; init; }

    public string VisitorName { get; init; } = "";

    public Guid HomeSchoolId { get; init; }

    public string HomeSchoolName { get; init; } = "";

    public Guid HostSchoolId { get; init; }

    public string HostSchoolName { get; init; } = "";

    public DateOnly VisitOn { get; init; }

    public Session Session { get; init; }

    public string Purpose { get; init; } = "";

    public FocusTheme[] Themes { get; init; } = [];

    public VisitState State { get; init; }

    public string RequestedBy { get; init; } = "";

    public string? ApprovedBy { get; init; }

    public string? ConfirmedBy { get; init; }

    public VisitSide? DeclinedBy { get; init; }

    public string? Reason { get; init; }

    public bool ReflectionSubmitted { get; init; }

    public string? Learned { get; init; }

    public string? TakeHome { get; init; }

    public DateTimeOffset? ReflectedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The visit as its events carry it.</summary>
    public ExchangeVisit ToEvent() => new(
        Id, VisitorId, HomeSchoolId, HostSchoolId, VisitOn, Session.ToEventName(), Themes.Select(theme => theme.ToEventName()).ToList());

    /// <summary>The event that left the visit in its state, dated when it last changed (a
    /// cancellation republished does not say whether it had been confirmed).</summary>
    public object ToStateEvent() => State == VisitState.Requested
        ? new ExchangeVisitRequested(ToEvent(), UpdatedAt)
        : VisitStep.All.First(step => step.To == State).Event(new VisitStepFacts(ToEvent(), DeclinedBy, false, UpdatedAt));
}
