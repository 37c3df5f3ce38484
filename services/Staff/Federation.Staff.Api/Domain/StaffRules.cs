using Federation.BuildingBlocks.Api;

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

/// <summary>How roles may be held, as plain functions.</summary>
public static class AssignmentRules
{
    /// <summary>Why the dates do not suit the kind (DOMAIN.md rule 10), or null when they do:
    /// an internal secondment has an end date; a rotation lasts one to two years.</summary>
    public static string? CheckTerm(AssignmentKind kind, DateOnly startsOn, DateOnly? endsOn) => kind switch
    {
        AssignmentKind.InternalSecondment when endsOn is null => "An internal secondment needs an end date.",
        AssignmentKind.Rotation when endsOn is null => "A rotation needs an end date, one to two years after it starts.",
        AssignmentKind.Rotation when endsOn < startsOn.AddYears(1).AddDays(-1) || endsOn > startsOn.AddYears(2).AddDays(-1) =>
            "A rotation lasts one to two years.",
        _ => null,
    };
}
