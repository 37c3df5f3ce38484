namespace Federation.Exchanges.Data;

/// <summary>Filters for GET /api/open-days; all optional.</summary>
/// <param name="SchoolId">Open days of this host school.</param>
/// <param name="Theme">Open days whose theme contains this text.</param>
/// <param name="From">Open days on this day or later.</param>
/// <param name="To">Open days on this day or earlier.</param>
public sealed record OpenDayFilter(Guid? SchoolId, string? Theme, DateOnly? From, DateOnly? To);
