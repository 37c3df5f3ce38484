using Federation.Contracts.Staff;

namespace Federation.Staff.Data;

/// <summary>A role assignment as its store reads it. The API answers with RoleAssignmentResponse.From(row); the events come from it.</summary>
public sealed record RoleAssignmentRow
{
    public Guid Id { get; init; }

    public Guid PersonId { get; init; }

    /// <summary>The person's name as it stands (read with the assignment; not in its events).</summary>
    public string PersonName { get; init; } = "";

    public Role Role { get; init; }

    public ScopeKind ScopeKind { get; init; }

    public Guid ScopeId { get; init; }

    public DateOnly StartsOn { get; init; }

    public DateOnly? EndsOn { get; init; }

    public AssignmentKind Kind { get; init; }

    public LeadershipFunction? LeadershipFunction { get; init; }

    public RoleAssigned ToAssigned(DateTimeOffset occurredAt) => new(
        Id, PersonId, Role.ToEventName(), ScopeKind.ToEventName(), ScopeId, StartsOn, EndsOn, Kind.ToEventName(), LeadershipFunction?.ToEventName(),
        occurredAt);

    /// <summary>For an assignment with an end (see RoleAssignmentStore.EndAsync).</summary>
    public RoleEnded ToEnded(DateTimeOffset occurredAt) => new(
        Id, PersonId, Role.ToEventName(), ScopeKind.ToEventName(), ScopeId, StartsOn, EndsOn!.Value, occurredAt);
}
