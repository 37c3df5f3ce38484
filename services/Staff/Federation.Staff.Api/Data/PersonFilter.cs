namespace Federation.Staff.Data;

/// <summary>Filters for GET /api/people; all optional.</summary>
/// <param name="SchoolId">People whose home school this is.</param>
/// <param name="Email">The person with this email.</param>
public sealed record PersonFilter(Guid? SchoolId, string? Email);
