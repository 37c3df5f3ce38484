namespace Federation.Contracts.Staff;

// Published by the staff service. Evolve by adding optional (nullable) members only:
// consumers in other services may still run an older version of this file.
// Vocabulary travels as the API's camelCase strings ("executivePrincipal", "localAuthority").

/// <summary>A person was added to the platform. Their email is how a signed-in token maps to them.</summary>
/// <param name="HomeSchoolId">The school that employs them; null for people who are not school staff
/// (local-authority officers, for instance).</param>
/// <param name="StaffType">teaching, support or other.</param>
public sealed record PersonRegistered(
    Guid PersonId, string Name, string Email, Guid? HomeSchoolId, string StaffType, DateTimeOffset OccurredAt);

/// <summary>A person's details changed; carries them as they now stand.</summary>
public sealed record PersonUpdated(
    Guid PersonId, string Name, string Email, Guid? HomeSchoolId, string StaffType, DateTimeOffset OccurredAt);

/// <summary>A person was given a role in a school, federation, cluster or local authority.</summary>
/// <param name="Role">e.g. executivePrincipal, headteacher, deputyHead, clusterChair, localAuthorityOfficer.</param>
/// <param name="ScopeKind">school, federation, cluster or localAuthority.</param>
/// <param name="EndsOn">The last day in the role; null while open-ended.</param>
/// <param name="Kind">substantive, rotation or internalSecondment.</param>
/// <param name="LeadershipFunction">The function the person leads there, if any (e.g. curriculum).</param>
public sealed record RoleAssigned(
    Guid AssignmentId,
    Guid PersonId,
    string Role,
    string ScopeKind,
    Guid ScopeId,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    string Kind,
    string? LeadershipFunction,
    DateTimeOffset OccurredAt);

/// <summary>A role assignment was ended: <paramref name="EndsOn"/> is now its last day. Carries the
/// whole assignment, so that a consumer that missed <see cref="RoleAssigned"/> can still apply it.</summary>
public sealed record RoleEnded(
    Guid AssignmentId,
    Guid PersonId,
    string Role,
    string ScopeKind,
    Guid ScopeId,
    DateOnly StartsOn,
    DateOnly EndsOn,
    DateTimeOffset OccurredAt);

/// <summary>A shared-staff deployment as every deployment event carries it.</summary>
/// <param name="Session">morning, afternoon or wholeDay, on each day from StartsOn to EndsOn.</param>
/// <param name="Category">subjectExpert, supplyCover, supportStaff or systemLeadershipSupport.</param>
public sealed record StaffDeployment(
    Guid DeploymentId,
    Guid PersonId,
    Guid HomeSchoolId,
    Guid HostSchoolId,
    DateOnly StartsOn,
    DateOnly EndsOn,
    string Session,
    string Category);

/// <summary>A host school asked for a person from their home school.</summary>
public sealed record StaffDeploymentRequested(StaffDeployment Deployment, DateTimeOffset OccurredAt);

/// <summary>The home school released the person: the deployment will take place.</summary>
public sealed record StaffDeploymentAgreed(StaffDeployment Deployment, DateTimeOffset OccurredAt);

/// <summary>The home school declined the request.</summary>
public sealed record StaffDeploymentDeclined(StaffDeployment Deployment, DateTimeOffset OccurredAt);

/// <summary>The home or host school cancelled a requested or agreed deployment.</summary>
/// <param name="WasAgreed">True when an agreed deployment (sessions already counted) was cancelled.</param>
public sealed record StaffDeploymentCancelled(StaffDeployment Deployment, bool WasAgreed, DateTimeOffset OccurredAt);
