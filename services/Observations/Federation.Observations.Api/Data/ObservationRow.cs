using Federation.Contracts.Observations;
using Federation.Observations.Domain;

namespace Federation.Observations.Data;

/// <summary>An observation as its store reads it, with its observers and the names the access
/// replica knows. The API answers with ObservationResponse.From(row).</summary>
public sealed class ObservationRow
{
    public Guid Id { get; init; }
    public Guid SchoolId { get; init; }
    public string SchoolName { get; init; } = "";
    public Guid TeacherId { get; init; }
    public string TeacherName { get; init; } = "";
    public ObservationKind Kind { get; init; }
    public ObservationFocus[] Focus { get; init; } = [];
    public DateOnly ObserveOn { get; init; }
    public TimeOnly StartsAt { get; init; }
    public string? Lesson { get; init; }
    public bool CrossSchool { get; init; }
    public ObservationState State { get; init; }
    public string ScheduledBy { get; init; } = "";
    public string? DecidedBy { get; init; }
    public string? Reason { get; init; }
    public string? Strengths { get; init; }
    public string? NextSteps { get; init; }
    public bool? SupportNeeded { get; init; }
    public SupportKind? SupportKind { get; init; }
    public string? RecordedBy { get; init; }
    public DateTimeOffset? RecordedAt { get; init; }
    public Guid[] ObserverIds { get; init; } = [];
    public string[] ObserverNames { get; init; } = [];
    public Guid[] ObserverSchoolIds { get; init; } = [];
    public DateTimeOffset UpdatedAt { get; init; }

    public Observation ToEvent() => new(
        Id, SchoolId, TeacherId, ObserverIds, ObserverSchoolIds, Kind.ToEventName(), [.. Focus.Select(focus => focus.ToEventName())], ObserveOn,
        CrossSchool);

    /// <summary>The event that left the observation in its state, dated when it last changed.</summary>
    public object ToStateEvent() => State == ObservationState.Proposed
        ? new CrossSchoolObservationProposed(ToEvent(), UpdatedAt)
        : State == ObservationState.Scheduled
        ? new ObservationScheduled(ToEvent(), UpdatedAt)
        : ObservationStep.All.First(step => step.To == State).Event(new ObservationStepFacts(ToEvent(), SupportNeeded ?? false, SupportKind, UpdatedAt));
}
