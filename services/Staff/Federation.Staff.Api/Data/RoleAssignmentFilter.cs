namespace Federation.Staff.Data;

/// <summary>Filters for GET /api/role-assignments; all optional.</summary>
/// <param name="PersonId">Assignments of this person.</param>
/// <param name="ScopeId">Assignments in this school, federation, cluster or local authority.</param>
/// <param name="Within">Assignments in a federation, cluster or local authority and in the schools it covers today
/// (a cluster's member schools' heads: within=the cluster, role=headteacher).</param>
/// <param name="Role">Assignments of this role.</param>
/// <param name="HeldOn">Assignments held on this day (e.g. today: the current ones).</param>
public sealed record RoleAssignmentFilter(Guid? PersonId, Guid? ScopeId, Guid? Within, Choice<Role>? Role, DateOnly? HeldOn);
