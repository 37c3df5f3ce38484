namespace Federation.Web.Gateway;

/// <summary>The signed-in person as the pages need them: who they are, what they hold today, and
/// so what they can open (the APIs still decide every read and write).</summary>
public sealed record Me(Person? Person, IReadOnlyList<RoleAssignment> Roles)
{
    private static readonly string[] HeadRoles = ["headteacher", "headOfSchool"];
    private static readonly string[] VisitorRoles = ["headteacher", "headOfSchool", "deputyHead", "assistantHead", "executivePrincipal"];

    /// <summary>The schools whose decisions the person takes (they lead them).</summary>
    public IEnumerable<Guid> SchoolsLed => Roles.Where(role => HeadRoles.Contains(role.Role) && role.ScopeKind == "school").Select(role => role.ScopeId);

    public IEnumerable<Guid> FederationsLed => Roles.Where(role => role.Role == "executivePrincipal").Select(role => role.ScopeId);

    public IEnumerable<Guid> ClustersChaired => Roles.Where(role => role.Role == "clusterChair").Select(role => role.ScopeId);

    public bool MayVisit => Roles.Any(role => VisitorRoles.Contains(role.Role));

    public static async Task<Me> ReadAsync(GatewayClient gateway, CancellationToken cancellationToken)
    {
        var person = await gateway.GetAsync<Person>("/api/people/me", cancellationToken);
        if (person is null)
        {
            return new Me(null, []);
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var roles = await gateway.GetAsync<Page<RoleAssignment>>($"/api/role-assignments?personId={person.Id}&heldOn={today:yyyy-MM-dd}&limit=200", cancellationToken);
        return new Me(person, roles?.Items ?? []);
    }
}
