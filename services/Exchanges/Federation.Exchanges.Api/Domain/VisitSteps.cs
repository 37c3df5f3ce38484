using Federation.Contracts.Exchanges;

namespace Federation.Exchanges.Domain;

/// <summary>How the caller stands to a visit.</summary>
/// <param name="IsVisitor">They are the visitor.</param>
/// <param name="IsHome">They lead the home school's exchanges (its head, its executive principal).</param>
/// <param name="IsHost">They lead the host school's exchanges, or are one of its named host contacts.</param>
public sealed record VisitActors(bool IsVisitor, bool IsHome, bool IsHost);

/// <summary>One way of taking a step: who takes it this way, the states it starts from, and for a
/// decline, which school declines.</summary>
public sealed record VisitStepWay(Func<VisitActors, bool> Who, VisitState[] From, VisitSide? DeclinedBy = null);

/// <summary>What a step does to the host's places on the visit's day.</summary>
public enum HostPlaceChange
{
    None,

    /// <summary>The visit takes one of the host's places (host_days_within_capacity: a 409 when none is left).</summary>
    Take,

    /// <summary>A confirmed visit gives its place back.</summary>
    GiveBackIfConfirmed,
}

/// <summary>What a step's event is made from.</summary>
/// <param name="WasConfirmed">The visit was confirmed before this step.</param>
public sealed record VisitStepFacts(ExchangeVisit Visit, VisitSide? DeclinedBy, bool WasConfirmed, DateTimeOffset OccurredAt);

/// <summary>What taking a step comes to for this caller, this visit and this day, before anything is written.</summary>
public abstract record VisitStepDecision
{
    /// <summary>Take it this way.</summary>
    public sealed record Go(VisitStepWay Way) : VisitStepDecision;

    /// <summary>Not for this caller: a 403 saying <see cref="VisitStep.WhoMay"/>.</summary>
    public sealed record Denied : VisitStepDecision;

    /// <summary>The visit is not in a state the step starts from: a 409 (exchange-visit-transition).</summary>
    public sealed record WrongState : VisitStepDecision;

    /// <summary>Not on this day: a 409 (exchange-visit-date) saying why.</summary>
    public sealed record WrongDay(string Detail) : VisitStepDecision;
}

/// <summary>Each step of an exchange visit in one table: who may take it and from which states
/// (<see cref="Ways"/>, the first that fits the caller), the state it ends in, its date rule, what
/// it does to the host's places, and the event it publishes. The API and the store read this
/// table; nothing else says what a step does.</summary>
/// <param name="Name">As in the route: POST /api/exchange-visits/{id}/{name}.</param>
/// <param name="WhoMay">Said in the 403 to anyone else.</param>
/// <param name="DateRule">Why the visit cannot take the step on this day (visit date, today), or null when it can.</param>
public sealed record VisitStep(
    string Name,
    VisitState To,
    string WhoMay,
    VisitStepWay[] Ways,
    Func<DateOnly, DateOnly, string?> DateRule,
    HostPlaceChange HostPlaces,
    Func<VisitStepFacts, object> Event)
{
    public static readonly VisitStep Approve = new(
        "approve", VisitState.Approved, "The visitor's home head approves the visit.",
        [new(actors => actors.IsHome, [VisitState.Requested])],
        AnyDay, HostPlaceChange.None,
        facts => new ExchangeVisitApproved(facts.Visit, facts.OccurredAt));

    public static readonly VisitStep Confirm = new(
        "confirm", VisitState.Confirmed, "The host school's head or a named host contact confirms the visit.",
        [new(actors => actors.IsHost, [VisitState.Approved])],
        AnyDay, HostPlaceChange.Take,
        facts => new ExchangeVisitConfirmed(facts.Visit, facts.OccurredAt));

    /// <summary>Someone who leads both schools declines as the host, who may decline for longer.</summary>
    public static readonly VisitStep Decline = new(
        "decline", VisitState.Declined, "The visitor's home head or the host school declines the visit.",
        [
            new(actors => actors.IsHost, [VisitState.Requested, VisitState.Approved], VisitSide.Host),
            new(actors => actors.IsHome, [VisitState.Requested], VisitSide.Home),
        ],
        AnyDay, HostPlaceChange.None,
        facts => new ExchangeVisitDeclined(facts.Visit, facts.DeclinedBy!.Value.ToEventName(), facts.OccurredAt));

    public static readonly VisitStep Cancel = new(
        "cancel", VisitState.Cancelled, "Only the visitor cancels their visit; the schools decline it.",
        [new(actors => actors.IsVisitor, [VisitState.Requested, VisitState.Approved, VisitState.Confirmed])],
        (visitOn, today) => visitOn <= today ? $"The visit is on {visitOn:yyyy-MM-dd}: it can be cancelled only before that day." : null,
        HostPlaceChange.GiveBackIfConfirmed,
        facts => new ExchangeVisitCancelled(facts.Visit, facts.WasConfirmed, facts.OccurredAt));

    public static readonly VisitStep Complete = new(
        "complete", VisitState.Completed, "The visitor or the host school records that the visit took place.",
        [new(actors => actors.IsVisitor || actors.IsHost, [VisitState.Confirmed])],
        (visitOn, today) => visitOn > today ? $"The visit is on {visitOn:yyyy-MM-dd}: it can be completed on or after that day." : null,
        HostPlaceChange.None,
        facts => new ExchangeVisitCompleted(facts.Visit, facts.OccurredAt));

    public static readonly VisitStep Reflect = new(
        "reflection", VisitState.Reflected, "Only the visitor records their reflection.",
        [new(actors => actors.IsVisitor, [VisitState.Completed])],
        AnyDay, HostPlaceChange.None,
        facts => new ExchangeReflectionSubmitted(
            facts.Visit.VisitId, facts.Visit.VisitorId, facts.Visit.HomeSchoolId, facts.Visit.HostSchoolId, facts.OccurredAt, facts.Visit.VisitOn));

    public static readonly IReadOnlyList<VisitStep> All = [Approve, Confirm, Decline, Cancel, Complete, Reflect];

    /// <summary>The states in which a visit appears on calendars: the host has agreed to it.</summary>
    public static readonly VisitState[] OnCalendars = [VisitState.Confirmed, VisitState.Completed, VisitState.Reflected];

    /// <summary>The first way of taking this step that fits the caller, or null when none does.</summary>
    public VisitStepWay? WayFor(VisitActors actors) => Ways.FirstOrDefault(way => way.Who(actors));

    /// <summary>Whether this caller may take the step on a visit in <paramref name="state"/>, on
    /// <paramref name="visitOn"/>, today. The store moves the visit only from the way's states, in
    /// one statement, so a visit moved meanwhile still answers WrongState.</summary>
    public VisitStepDecision Decide(VisitActors actors, VisitState state, DateOnly visitOn, DateOnly today) =>
        WayFor(actors) switch
        {
            null => new VisitStepDecision.Denied(),
            { } way when !way.From.Contains(state) => new VisitStepDecision.WrongState(),
            { } way => DateRule(visitOn, today) is { } wrongDay ? new VisitStepDecision.WrongDay(wrongDay) : new VisitStepDecision.Go(way),
        };

    private static string? AnyDay(DateOnly visitOn, DateOnly today) => null;
}
