namespace Federation.Observations.Data;

/// <summary>Filters for GET /api/observations; all optional.</summary>
/// <param name="SchoolId">Observations in this school.</param>
/// <param name="TeacherId">Observations of this teacher.</param>
/// <param name="ObserverId">Observations this person observes.</param>
/// <param name="State">proposed, scheduled, completed, cancelled or declined.</param>
/// <param name="From">Observations on this day or later.</param>
/// <param name="To">Observations on this day or earlier.</param>
public sealed record ObservationFilter(
    Guid? SchoolId, Guid? TeacherId, Guid? ObserverId, Choice<ObservationState>? State, DateOnly? From, DateOnly? To);
