namespace Federation.Schools.Data;

/// <summary>Filters for GET /api/schools; all optional.</summary>
public sealed record SchoolFilter(Guid? LocalAuthorityId, Guid? FederationId, Guid? ClusterId, Choice<SchoolPhase>? Phase);
