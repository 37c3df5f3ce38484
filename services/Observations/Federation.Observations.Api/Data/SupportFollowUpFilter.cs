namespace Federation.Observations.Data;

/// <summary>Filters for GET /api/observations/follow-ups; all optional.</summary>
/// <param name="SchoolId">Follow-ups of this school's teachers.</param>
/// <param name="TeacherId">Follow-ups of this teacher.</param>
/// <param name="AssigneeId">Follow-ups this person gives.</param>
/// <param name="State">open or closed.</param>
public sealed record SupportFollowUpFilter(Guid? SchoolId, Guid? TeacherId, Guid? AssigneeId, Choice<FollowUpState>? State);
