namespace Federation.Contracts.Matrix;

// Published by the matrix service. Evolve by adding optional (nullable) members only.

/// <summary>A federation's executive principal adopted the lead school's matrix rows (its leadership
/// functions) for a member school (DOMAIN.md scenario 8): the school's cells are judged by them now,
/// red where it has no owner.</summary>
public sealed record MatrixTemplateAdopted(Guid FederationId, Guid SchoolId, Guid LeadSchoolId, DateTimeOffset OccurredAt);
