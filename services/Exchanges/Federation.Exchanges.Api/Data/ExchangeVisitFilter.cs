namespace Federation.Exchanges.Data;

/// <summary>Filters for GET /api/exchange-visits; all optional.</summary>
/// <param name="SchoolId">Visits made from or hosted by this school.</param>
/// <param name="PersonId">Visits of this visitor.</param>
/// <param name="State">requested, approved, confirmed, completed, reflected, declined or cancelled.</param>
/// <param name="From">Visits on this day or later.</param>
/// <param name="To">Visits on this day or earlier.</param>
public sealed record ExchangeVisitFilter(Guid? SchoolId, Guid? PersonId, Choice<VisitState>? State, DateOnly? From, DateOnly? To);
