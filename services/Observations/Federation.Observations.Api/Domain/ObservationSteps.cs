using Federation.Contracts.Observations;

namespace Federation.Observations.Domain;

/// <summary>How the caller stands to an observation.</summary>
/// <param name="IsObserver">They are one of its observers.</param>
/// <param name="LeadsSchool">They lead the observed school's observations (its head, its executive principal).</param>
public sealed record ObservationActors(bool IsObserver, bool LeadsSchool);

/// <summary>What a step's event is made from.</summary>
public sealed record ObservationStepFacts(Observation Observation, bool SupportNeeded, SupportKind? SupportKind, DateTimeOffset OccurredAt);

/// <summary>What taking a step comes to for this caller, this observation and this day, before anything is written.</summary>
public enum ObservationStepDecision
{
    Go,

    /// <summary>Not for this caller: a 403 saying <see cref="ObservationStep.WhoMay"/>.</summary>
    Denied,

    /// <summary>The observation is not in a state the step starts from: a 409 (observation-transition).</summary>
    WrongState,

    /// <summary>Not yet: a 409 (observation-date).</summary>
    TooEarly,
}

/// <summary>Each step of an observation after it is scheduled or proposed, in one table: who may
/// take it, the states it starts from, the state it ends in, whether it waits for the day, and the
/// event it publishes. The API and the store read this table; nothing else says what a step does.</summary>
/// <param name="Name">As in the route: POST /api/observations/{id}/{name}.</param>
/// <param name="WhoMay">Said in the 403 to anyone else.</param>
/// <param name="OnOrAfterTheDay">Taken only on or after the observation's day.</param>
public sealed record ObservationStep(
    string Name,
    ObservationState To,
    string WhoMay,
    Func<ObservationActors, bool> Who,
    ObservationState[] From,
    bool OnOrAfterTheDay,
    Func<ObservationStepFacts, object> Event)
{
    private const string SchoolDecides = "The observed school's head (or its executive principal) decides on a cross-school observation.";

    public static readonly ObservationStep Accept = new(
        "accept", ObservationState.Scheduled, SchoolDecides, actors => actors.LeadsSchool, [ObservationState.Proposed], false,
        facts => new ObservationScheduled(facts.Observation, facts.OccurredAt));

    public static readonly ObservationStep Decline = new(
        "decline", ObservationState.Declined, SchoolDecides, actors => actors.LeadsSchool, [ObservationState.Proposed], false,
        facts => new ObservationCancelled(facts.Observation, Declined: true, facts.OccurredAt));

    public static readonly ObservationStep Record = new(
        "record", ObservationState.Completed, "Only the observers record an observation.", actors => actors.IsObserver,
        [ObservationState.Scheduled], true,
        facts => new ObservationCompleted(facts.Observation, facts.SupportNeeded, facts.SupportKind?.ToEventName(), facts.OccurredAt));

    public static readonly ObservationStep Cancel = new(
        "cancel", ObservationState.Cancelled, "An observer or the observed school's head cancels an observation.",
        actors => actors.IsObserver || actors.LeadsSchool, [ObservationState.Proposed, ObservationState.Scheduled], false,
        facts => new ObservationCancelled(facts.Observation, Declined: false, facts.OccurredAt));

    public static readonly IReadOnlyList<ObservationStep> All = [Accept, Decline, Record, Cancel];

    /// <summary>Whether this caller may take the step on an observation in <paramref name="state"/>
    /// on <paramref name="observeOn"/>, today. The store moves it only from <see cref="From"/>, in
    /// one statement, so an observation moved meanwhile still answers WrongState.</summary>
    public ObservationStepDecision Decide(ObservationActors actors, ObservationState state, DateOnly observeOn, DateOnly today) =>
        !Who(actors) ? ObservationStepDecision.Denied
        : !From.Contains(state) ? ObservationStepDecision.WrongState
        : OnOrAfterTheDay && observeOn > today ? ObservationStepDecision.TooEarly
        : ObservationStepDecision.Go;
}
