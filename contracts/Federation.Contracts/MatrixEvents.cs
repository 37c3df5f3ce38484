namespace Federation.Contracts.Matrix;

// Published by the matrix service. Evolve by adding optional (nullable) members only.

/// <summary>A federation's executive principal adopted the lead school's matrix rows (its leadership
/// functions) for a member school (DOMAIN.md scenario 8): the school's cells are judged by them now,
/// red where it has no owner.</summary>
public sealed record MatrixTemplateAdopted(Guid FederationId, Guid SchoolId, Guid LeadSchoolId, DateTimeOffset OccurredAt);

/// <summary>A federation's or a cluster's cycle was closed: its matrix is frozen as it stood.</summary>
/// <param name="ScopeKind">federation or cluster.</param>
/// <param name="CycleId">e.g. "2026-1", the first cycle of 2026/27.</param>
public sealed record MatrixCycleClosed(Guid ScopeId, string ScopeKind, string CycleId, DateOnly StartsOn, DateOnly EndsOn, DateTimeOffset OccurredAt);
