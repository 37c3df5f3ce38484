using Federation.Schools.Domain;

namespace Federation.Schools.Tests;

public class FederationRulesTests
{
    private static readonly Guid A1 = Guid.NewGuid();
    private static readonly Guid A2 = Guid.NewGuid();
    private static readonly GoverningBodyDecision Decision = new(new DateOnly(2025, 6, 12), "GB 2025/06 item 4");

    [Fact]
    public void A_hard_federation_names_each_school_without_a_governing_body_decision()
    {
        var missing = FederationRules.SchoolsMissingDecision(FederationKind.Hard, [(A1, Decision), (A2, null)]);

        Assert.Equal([A2], missing);
    }

    [Fact]
    public void A_soft_federation_needs_no_governing_body_decision()
    {
        Assert.Empty(FederationRules.SchoolsMissingDecision(FederationKind.Soft, [(A1, null), (A2, null)]));
    }

    [Fact]
    public void The_lead_school_cannot_leave()
    {
        Assert.Equal(SchoolRules.LeadSchoolStays, FederationRules.CheckLeave(A1, 3, A1)?.Rule);
    }

    [Fact]
    public void A_federation_cannot_shrink_below_two_schools()
    {
        Assert.Equal(SchoolRules.FederationNeedsTwoSchools, FederationRules.CheckLeave(A1, 2, A2)?.Rule);
        Assert.Null(FederationRules.CheckLeave(A1, 3, A2));
    }
}
