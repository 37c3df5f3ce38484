namespace Federation.Schools.Domain;

/// <summary>The rules for forming and changing federations, as plain functions.</summary>
public static class FederationRules
{
    /// <summary>The schools (by id) whose governing-body decision is missing, when the kind needs one.</summary>
    public static IReadOnlyList<Guid> SchoolsMissingDecision(FederationKind kind, IEnumerable<(Guid SchoolId, GoverningBodyDecision? Decision)> members) =>
        kind == FederationKind.Hard
            ? members.Where(member => member.Decision is null).Select(member => member.SchoolId).ToList()
            : [];

    /// <summary>Leaving must keep the lead school and at least two members.</summary>
    public static (Rule Rule, string Detail)? CheckLeave(Guid leadSchoolId, int currentMembers, Guid leavingSchoolId)
    {
        if (leavingSchoolId == leadSchoolId)
        {
            return (SchoolRules.LeadSchoolStays, $"School {leavingSchoolId} is the federation's lead school.");
        }
        if (currentMembers <= 2)
        {
            return (SchoolRules.FederationNeedsTwoSchools, "Leaving would leave the federation with one school.");
        }
        return null;
    }
}
