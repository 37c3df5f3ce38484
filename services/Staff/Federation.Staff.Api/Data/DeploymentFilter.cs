namespace Federation.Staff.Data;

/// <summary>Filters for GET /api/deployments; all optional.</summary>
/// <param name="PersonId">Deployments of this person.</param>
/// <param name="SchoolId">Deployments from or to this school.</param>
/// <param name="State">requested, agreed, declined or cancelled.</param>
/// <param name="From">Deployments that last until this day or later.</param>
/// <param name="To">Deployments that start on this day or earlier.</param>
public sealed record DeploymentFilter(Guid? PersonId, Guid? SchoolId, Choice<DeploymentState>? State, DateOnly? From, DateOnly? To);
