namespace Federation.Staff.Data;

public static class StaffDataSetup
{
    /// <summary>The exclusion constraints, by the person they compare rows of (writers take the
    /// person's turn first: <see cref="SqlSession.TakeTurnAsync"/>).</summary>
    public const string RoleNotHeldTwice = "role_assignments_not_held_twice";

    public const string PersonInOnePlace = "deployments_person_in_one_place";

    /// <summary>The stores, and which database constraint enforces which rule (a violation answers 409).</summary>
    public static IServiceCollection AddStaffData(this IServiceCollection services)
    {
        services.AddSingleton<PersonStore>();
        services.AddSingleton<RoleAssignmentStore>();
        services.AddSingleton<DeploymentStore>();

        services.AddRuleConstraint("people_email_unique", StaffRules.UniqueEmail, "Another person is registered with this email.");
        services.AddRuleConstraint(RoleNotHeldTwice, StaffRules.RoleNotHeldTwice,
            "The person already holds this role here for some of these dates.");
        services.AddRuleConstraint(PersonInOnePlace, StaffRules.PersonInOnePlace,
            "The person is already deployed for some of these sessions.");
        return services;
    }
}
