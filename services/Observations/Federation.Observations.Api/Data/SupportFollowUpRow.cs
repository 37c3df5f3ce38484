using Federation.Contracts.Observations;

namespace Federation.Observations.Data;

/// <summary>A support follow-up as its store reads it. The API answers with SupportFollowUpResponse.From(row).</summary>
public sealed class SupportFollowUpRow
{
    public Guid Id { get; init; }
    public Guid SchoolId { get; init; }
    public string SchoolName { get; init; } = "";
    public Guid TeacherId { get; init; }
    public string TeacherName { get; init; } = "";
    public Guid? ObservationId { get; init; }
    public Guid? WalkId { get; init; }
    public SupportKind SupportKind { get; init; }
    public Guid AssigneeId { get; init; }
    public string AssigneeName { get; init; } = "";
    public FollowUpState State { get; init; }
    public string? Note { get; init; }
    public string? Outcome { get; init; }
    public string OpenedBy { get; init; } = "";
    public DateTimeOffset OpenedAt { get; init; }
    public string? ClosedBy { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The event that left the follow-up in its state, dated when it did.</summary>
    public object ToStateEvent() => State == FollowUpState.Open
        ? new SupportFollowUpOpened(Id, SchoolId, TeacherId, AssigneeId, SupportKind.ToEventName(), ObservationId, WalkId, OpenedAt)
        : new SupportFollowUpClosed(Id, SchoolId, TeacherId, ClosedAt ?? OpenedAt);
}
