namespace Federation.Schools.Domain;

/// <summary>The rules of the school directory; a clash answers 409 naming one of these.</summary>
public static class SchoolRules
{
    public static readonly Rule UniqueUrn = new("unique-urn", "A URN identifies one school.");

    public static readonly Rule UniqueLocalAuthorityName = new("unique-local-authority-name", "A local authority's name is unique.");

    public static readonly Rule OneHardFederation = new("one-hard-federation-per-school", "A school belongs to at most one hard federation.");

    public static readonly Rule HardFederationNeedsGoverningBodyDecisions = new(
        "hard-federation-needs-governing-body-decisions",
        "Every school in a hard federation needs a recorded decision of its governing body to federate.");

    public static readonly Rule JoiningSchoolConsents = new(
        "joining-school-consent",
        "A school joins a federation or a cluster only with its own consent: its governing body's decision, recorded by its head, its local authority or an administrator.");

    public static readonly Rule AlreadyMember = new("already-a-member", "The school is already a member.");

    public static readonly Rule LeadSchoolStays = new(
        "lead-school-stays", "The lead school cannot leave its federation; choose another lead school first.");

    public static readonly Rule LeaveAfterJoining = new("leave-after-joining", "A school leaves on or after the day it joined.");

    public static readonly Rule FederationNeedsTwoSchools = new(
        "federation-needs-two-schools", "A federation has at least two member schools.");
}
