namespace Federation.Contracts.Schools;

// Published by the schools service. Evolve by adding optional (nullable) members only:
// consumers in other services may still run an older version of this file.

/// <summary>A local authority was added to the directory.</summary>
public sealed record LocalAuthorityRegistered(Guid LocalAuthorityId, string Name, string Region, DateTimeOffset OccurredAt);

/// <summary>A school was added to the directory. A null number is unknown (blank in the national register).</summary>
public sealed record SchoolRegistered(
    Guid SchoolId,
    int Urn,
    string Name,
    Guid LocalAuthorityId,
    string Phase,
    int? PupilsOnRoll,
    int? FsmBand,
    int? OfstedGrade,
    DateTimeOffset OccurredAt);

/// <summary>A school's directory entry changed; carries the entry as it now stands.</summary>
public sealed record SchoolUpdated(
    Guid SchoolId,
    int Urn,
    string Name,
    Guid LocalAuthorityId,
    string Phase,
    int? PupilsOnRoll,
    int? FsmBand,
    int? OfstedGrade,
    DateTimeOffset OccurredAt);

/// <summary>An import of the national register (GIAS) added and changed these schools: one message
/// for up to 500 schools instead of one each, so that a national file of 25,000 reaches every
/// replica in seconds. Each item is what <see cref="SchoolRegistered"/> or <see cref="SchoolUpdated"/>
/// would have carried; consumers apply them as they would those.</summary>
public sealed record SchoolsImported(SchoolRegistered[] Registered, SchoolUpdated[] Updated, DateTimeOffset OccurredAt);

/// <summary>A federation was formed; each founding member is also announced by <see cref="SchoolJoinedFederation"/>.</summary>
public sealed record FederationFormed(Guid FederationId, string Name, string Kind, Guid LeadSchoolId, DateOnly FormedOn, DateTimeOffset OccurredAt);

/// <summary>A school became a member of a federation (at formation or later).</summary>
public sealed record SchoolJoinedFederation(Guid FederationId, Guid SchoolId, string FederationKind, DateOnly JoinedOn, DateTimeOffset OccurredAt);

/// <summary>A school stopped being a member of a federation.</summary>
public sealed record SchoolLeftFederation(Guid FederationId, Guid SchoolId, DateOnly LeftOn, DateTimeOffset OccurredAt);

/// <summary>A cluster (network of schools) was formed; each founding member is also announced by
/// <see cref="SchoolJoinedCluster"/>. Its chair is a role assignment (staff service's RoleAssigned).</summary>
public sealed record ClusterFormed(Guid ClusterId, string Name, Guid LocalAuthorityId, DateTimeOffset OccurredAt);

/// <summary>A cluster's name, local authority or meeting cadence changed; carries the cluster as it now stands.</summary>
public sealed record ClusterUpdated(Guid ClusterId, string Name, Guid LocalAuthorityId, DateTimeOffset OccurredAt);

/// <summary>A school became a member of a cluster.</summary>
public sealed record SchoolJoinedCluster(Guid ClusterId, Guid SchoolId, DateOnly JoinedOn, DateTimeOffset OccurredAt);

/// <summary>A school stopped being a member of a cluster.</summary>
public sealed record SchoolLeftCluster(Guid ClusterId, Guid SchoolId, DateOnly LeftOn, DateTimeOffset OccurredAt);

/// <summary>A school year's dates were set for a local authority (its schools keep them unless they
/// set their own) or for one school (an academy, say), replacing what that scope had for the year.
/// Carries the whole year as it now stands.</summary>
/// <param name="ScopeKind">localAuthority or school.</param>
/// <param name="StartYear">The calendar year the school year starts in: 2026 for 2026/27.</param>
/// <param name="Terms">Autumn, spring and summer, in that order.</param>
/// <param name="ClosedDays">Other days the schools are closed in term (bank holidays, training days).</param>
public sealed record SchoolYearSet(
    Guid ScopeId, string ScopeKind, int StartYear, SchoolTermDates[] Terms, DateOnly[] ClosedDays, DateTimeOffset OccurredAt);

/// <summary>A term's dates: its first and last day, and its half-term holiday.</summary>
/// <param name="Term">autumn, spring or summer.</param>
public sealed record SchoolTermDates(string Term, DateOnly StartsOn, DateOnly HalfTermStartsOn, DateOnly HalfTermEndsOn, DateOnly EndsOn);

/// <summary>A local authority's or a school's own dates for a school year were removed: its schools
/// (or the school) keep their local authority's dates, or the English default, again.</summary>
/// <param name="ScopeKind">localAuthority or school.</param>
public sealed record SchoolYearCleared(Guid ScopeId, string ScopeKind, int StartYear, DateTimeOffset OccurredAt);
