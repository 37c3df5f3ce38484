using Federation.Web.Gateway;

namespace Federation.Web.Pages.Directory;

/// <summary>A federation or a cluster: its leader (the executive principal, the chair), its member
/// schools and their heads today (three calls whatever the number of schools: the staff API's
/// roles within the scope), and assigning its leader.</summary>
public sealed class GroupModel(GatewayClient gateway) : RoleAssigningPageModel(gateway)
{
    private static readonly string[] HeadRoles = ["headteacher", "headOfSchool"];

    /// <summary>"federations" or "clusters", as in the path.</summary>
    public string Kind { get; private set; } = "";

    public Guid Id { get; private set; }

    public bool IsFederation => Kind == "federations";

    public SchoolGroup Group { get; private set; } = null!;

    public string? LocalAuthorityName { get; private set; }

    public IReadOnlyList<RoleAssignment> Leaders { get; private set; } = [];

    public ILookup<Guid, RoleAssignment> HeadsBySchool { get; private set; } = Array.Empty<RoleAssignment>().ToLookup(role => role.ScopeId);

    public override IReadOnlyList<string> RolesHere => [IsFederation ? "executivePrincipal" : "clusterChair"];

    protected override Guid ScopeId => Id;

    protected override async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        (Kind, Id) = ((string)RouteData.Values["kind"]!, Guid.Parse((string)RouteData.Values["id"]!));
        if (await Gateway.GetAsync<SchoolGroup>($"/api/{Kind}/{Id}", cancellationToken) is not { } group)
        {
            return false;
        }
        Group = group;
        if (group.LocalAuthorityId is { } authority)
        {
            LocalAuthorityName = (await Gateway.GetAsync<LocalAuthority>($"/api/local-authorities/{authority}", cancellationToken))?.Name;
        }
        Leaders = await RolesAsync($"scopeId={Id}&role={RolesHere[0]}", cancellationToken);
        var heads = new List<RoleAssignment>();
        foreach (var role in HeadRoles)
        {
            heads.AddRange(await RolesAsync($"within={Id}&role={role}", cancellationToken));
        }
        HeadsBySchool = heads.ToLookup(head => head.ScopeId);
        return true;
    }
}
