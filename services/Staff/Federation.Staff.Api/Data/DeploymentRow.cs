using Federation.Contracts.Staff;
using Federation.Staff.Domain;

namespace Federation.Staff.Data;

/// <summary>A deployment as <see cref="DeploymentStore"/> reads it. The API answers with
/// DeploymentResponse.From(row); the events carry <see cref="ToEvent"/>.</summary>
public sealed class DeploymentRow
{
    public Guid Id { get; init; }

    public Guid PersonId { get; init; }

    public Guid HomeSchoolId { get; init; }

    public Guid HostSchoolId { get; init; }

    public DateOnly StartsOn { get; init; }

    public DateOnly EndsOn { get; init; }

    public Session Session { get; init; }

    public DeploymentCategory Category { get; init; }

    public string Purpose { get; init; } = "";

    public DeploymentState State { get; init; }

    public string? Reason { get; init; }

    public string RequestedBy { get; init; } = "";

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The deployment as its events carry it.</summary>
    public StaffDeployment ToEvent() => new(
        Id, PersonId, HomeSchoolId, HostSchoolId, StartsOn, EndsOn, Session.ToEventName(), Category.ToEventName());

    /// <summary>The event that left the deployment in its state, dated when it last changed (a
    /// cancellation republished does not say whether it had been agreed).</summary>
    public object ToStateEvent() => State == DeploymentState.Requested
        ? new StaffDeploymentRequested(ToEvent(), UpdatedAt)
        : DeploymentStep.All.First(step => step.To == State).Event(new DeploymentStepFacts(ToEvent(), false, UpdatedAt));
}
