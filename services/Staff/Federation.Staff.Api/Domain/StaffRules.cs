namespace Federation.Staff.Domain;

/// <summary>The rules of people, roles and deployments; a clash answers 409 naming one of these.</summary>
public static class StaffRules
{
    public static readonly Rule UniqueEmail = new("unique-email", "An email address belongs to one person.");

    public static readonly Rule RoleNotHeldTwice = new(
        "role-not-held-twice", "A person holds a role in a school, federation, cluster or local authority once at a time.");

    public static readonly Rule RoleAlreadyEnded = new("role-already-ended", "A role can be ended once, or brought forward; not extended.");

    public static readonly Rule PersonInOnePlace = new(
        "person-in-one-place", "A person is never in two places at once: agreed deployments of one person do not overlap.");

    public static readonly Rule HomeAndHostArePartners = new(
        "home-and-host-are-partners", "Staff are shared between schools of one federation or one cluster.");

    public static readonly Rule DeploymentTransition = new(
        "deployment-transition", "A requested deployment is agreed or declined by the home school; a requested or agreed one can be cancelled.");
}
