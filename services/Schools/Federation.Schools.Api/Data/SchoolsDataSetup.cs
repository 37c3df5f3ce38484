namespace Federation.Schools.Data;

public static class SchoolsDataSetup
{
    /// <summary>The stores, and which database constraint enforces which rule (a violation answers 409).</summary>
    public static IServiceCollection AddSchoolsData(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LocalAuthorityStore>();
        services.AddSingleton<SchoolStore>();
        services.AddSingleton<FederationStore>();
        services.AddSingleton<ClusterStore>();
        services.AddSingleton<MembershipConsentStore>();
        services.AddSingleton<SchoolYearStore>();
        services.AddSingleton<GiasImportStore>();

        services.AddRuleConstraint("schools_urn_key", SchoolRules.UniqueUrn, "Another school is registered with this URN.");
        services.AddRuleConstraint("local_authorities_name_key", SchoolRules.UniqueLocalAuthorityName, "A local authority with this name exists.");
        services.AddRuleConstraint("federation_members_one_hard_federation", SchoolRules.OneHardFederation,
            "A school in the request is already a member of a hard federation.");
        services.AddRuleConstraint("federation_members_current", SchoolRules.AlreadyMember, "The school is already a member of this federation.");
        services.AddRuleConstraint("federation_members_hard_needs_decision", SchoolRules.HardFederationNeedsGoverningBodyDecisions,
            "A member of a hard federation has no governing-body decision recorded.");
        services.AddRuleConstraint("federation_members_left_after_joined", SchoolRules.LeaveAfterJoining,
            "The leaving date is before the school joined the federation.");
        services.AddRuleConstraint("cluster_members_left_after_joined", SchoolRules.LeaveAfterJoining,
            "The leaving date is before the school joined the cluster.");
        services.AddRuleConstraint("cluster_members_current", SchoolRules.AlreadyMember, "The school is already a member of this cluster.");
        services.AddRuleConstraint("federation_members_consent", SchoolRules.JoiningSchoolConsents, "This consent has been used by another membership.");
        services.AddRuleConstraint("cluster_members_consent", SchoolRules.JoiningSchoolConsents, "This consent has been used by another membership.");
        return services;
    }
}
