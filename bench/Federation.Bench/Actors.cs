using Federation.BuildingBlocks.Access;

namespace Federation.Bench;

/// <summary>Who the platform's reads are made as: the executive principal whose federation's
/// schools have the most visits (made or hosted), an officer of the local authority with the
/// most schools, and the chair of the fifty-school network (the head of its first school). All
/// sign in with /dev/token by email.</summary>
public sealed record Actors(string ExecutivePrincipalEmail, int VisibleVisits, string OfficerEmail, int OfficerSchools, string NetworkChairEmail)
{
    public static Actors Choose(ScaleData data)
    {
        var (federation, visits) = data.Federations
            .Select(federation =>
            {
                var members = federation.SchoolIds.ToHashSet();
                return (federation, visits: data.Visits.Count(visit => members.Contains(visit.HomeSchoolId) || members.Contains(visit.HostSchoolId)));
            })
            .MaxBy(candidate => candidate.visits);
        var (authority, schools) = data.Schools.GroupBy(school => school.LocalAuthorityId)
            .Select(group => (authority: group.Key, schools: group.Count()))
            .MaxBy(candidate => candidate.schools);
        string HolderOf(Role role, Guid scopeId) =>
            data.Emails[data.Assignments.First(assignment => assignment.Role == role && assignment.ScopeId == scopeId).PersonId];
        return new Actors(HolderOf(Role.ExecutivePrincipal, federation.Id), visits, HolderOf(Role.LocalAuthorityOfficer, authority), schools,
            HolderOf(Role.ClusterChair, data.Network.Id));
    }
}
