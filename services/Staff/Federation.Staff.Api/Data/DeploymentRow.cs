using Federation.Contracts.Staff;

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

    /// <summary>The deployment as its events carry it.</summary>
    public StaffDeployment ToEvent() => new(
        Id, PersonId, HomeSchoolId, HostSchoolId, StartsOn, EndsOn, Session.ToEventName(), Category.ToEventName());
}
