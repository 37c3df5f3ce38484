namespace Federation.BuildingBlocks.Access;

/// <summary>The roles a person can hold (owned by the staff service). Each is held in one kind of scope.</summary>
public enum Role
{
    /// <summary>Leads a federation (scope: federation).</summary>
    ExecutivePrincipal,

    /// <summary>Leads a school (scope: school).</summary>
    Headteacher,

    /// <summary>A site leader under an executive principal, such as A2's associate principal (scope: school).</summary>
    HeadOfSchool,

    DeputyHead,

    AssistantHead,

    HeadOfDepartment,

    Teacher,

    /// <summary>Strategic and aggregate information only (DOMAIN rule 15) (scope: school).</summary>
    Governor,

    /// <summary>Chairs a cluster (scope: cluster).</summary>
    ClusterChair,

    /// <summary>Looks after the schools and clusters of a local authority (scope: local authority).</summary>
    LocalAuthorityOfficer,
}

/// <summary>Where a role is held.</summary>
public enum ScopeKind
{
    School,
    Federation,
    Cluster,
    LocalAuthority,
}

/// <summary>A school, federation, cluster or local authority.</summary>
public readonly record struct Scope(ScopeKind Kind, Guid Id)
{
    public static Scope School(Guid id) => new(ScopeKind.School, id);

    public static Scope Federation(Guid id) => new(ScopeKind.Federation, id);

    public static Scope Cluster(Guid id) => new(ScopeKind.Cluster, id);

    public static Scope LocalAuthority(Guid id) => new(ScopeKind.LocalAuthority, id);
}

/// <summary>What a caller may do. A role grants a permission on its scope and on everything the
/// scope covers: a federation covers its member schools; a cluster its member schools; a local
/// authority its schools and clusters.</summary>
public enum Permission
{
    /// <summary>See people, role assignments and deployments.</summary>
    ReadStaff,

    /// <summary>Register and change people, assign and end roles, request and release deployments.</summary>
    ManageStaff,

    /// <summary>Change the directory: register and change schools, form clusters and change their members.</summary>
    ManageDirectory,

    /// <summary>Change a federation's membership.</summary>
    ManageFederation,

    /// <summary>Decide for a school on its own account: record its governing body's consent to join
    /// a federation or a cluster (a school joins only with its own side's consent).</summary>
    DecideForSchool,

    /// <summary>Change a cluster's settings (name, meeting cadence) and its meetings.</summary>
    ManageClusterSettings,

    /// <summary>See a school's exchange visits (made and hosted), its host settings and its open-day bookings.</summary>
    ReadExchanges,

    /// <summary>Ask to visit another school on an exchange, as the visitor.</summary>
    RequestExchangeVisit,

    /// <summary>Lead a school's exchanges: approve its staff's visits and name aspiring leaders to
    /// visit, confirm or decline the visits it hosts, set its host places and contacts, publish its
    /// open days, read its visitors' reflections.</summary>
    LeadExchanges,

    /// <summary>Schedule lesson observations in a school, and propose cross-school ones from it as an observer.</summary>
    ObserveLessons,

    /// <summary>Lead a school's observations: read every record of the school's teachers (DOMAIN.md
    /// rule 14: its leadership only), accept or decline cross-school observations, open support
    /// follow-ups, set the coverage thresholds.</summary>
    LeadObservations,

    /// <summary>Record the senior team's weekly walk of a school's classrooms.</summary>
    WalkClassrooms,
}

public static class RoleRules
{
    private static readonly Dictionary<Permission, Role[]> Granting = new()
    {
        [Permission.ReadStaff] =
        [
            Role.ExecutivePrincipal, Role.Headteacher, Role.HeadOfSchool, Role.DeputyHead, Role.AssistantHead,
            Role.ClusterChair, Role.LocalAuthorityOfficer,
        ],
        [Permission.ManageStaff] = [Role.ExecutivePrincipal, Role.Headteacher, Role.HeadOfSchool, Role.LocalAuthorityOfficer],
        [Permission.ManageDirectory] = [Role.LocalAuthorityOfficer],
        [Permission.ManageFederation] = [Role.ExecutivePrincipal],
        [Permission.DecideForSchool] = [Role.Headteacher, Role.HeadOfSchool, Role.LocalAuthorityOfficer],
        [Permission.ManageClusterSettings] = [Role.ClusterChair, Role.LocalAuthorityOfficer],
        [Permission.ReadExchanges] =
        [
            Role.ExecutivePrincipal, Role.Headteacher, Role.HeadOfSchool, Role.DeputyHead, Role.AssistantHead,
            Role.ClusterChair, Role.LocalAuthorityOfficer,
        ],
        [Permission.RequestExchangeVisit] = [Role.ExecutivePrincipal, Role.Headteacher, Role.HeadOfSchool, Role.DeputyHead, Role.AssistantHead],
        [Permission.LeadExchanges] = [Role.ExecutivePrincipal, Role.Headteacher, Role.HeadOfSchool],
        [Permission.ObserveLessons] =
            [Role.ExecutivePrincipal, Role.Headteacher, Role.HeadOfSchool, Role.DeputyHead, Role.AssistantHead, Role.HeadOfDepartment],
        [Permission.LeadObservations] = [Role.ExecutivePrincipal, Role.Headteacher, Role.HeadOfSchool],
        [Permission.WalkClassrooms] = [Role.ExecutivePrincipal, Role.Headteacher, Role.HeadOfSchool, Role.DeputyHead, Role.AssistantHead],
    };

    /// <summary>The kind of scope the role is held in.</summary>
    public static ScopeKind ScopeKind(this Role role) => role switch
    {
        Role.ExecutivePrincipal => Access.ScopeKind.Federation,
        Role.ClusterChair => Access.ScopeKind.Cluster,
        Role.LocalAuthorityOfficer => Access.ScopeKind.LocalAuthority,
        _ => Access.ScopeKind.School,
    };

    /// <summary>The roles that grant <paramref name="permission"/>, as the access replica and the SQL
    /// access functions name them (platform administrators hold every permission).</summary>
    public static string[] RoleNames(Permission permission) => Granting[permission].Select(role => role.ToEventName()).ToArray();
}
