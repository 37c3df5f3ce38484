using Federation.Schools.Data;

namespace Federation.Schools.Api;

/// <summary>The joining school's side of a membership.</summary>
internal static class JoiningSchool
{
    /// <summary>The joining school's side of joining a federation or a cluster (the other id null):
    /// the school exists (else a 400 naming schoolId), and it consents (else a 409,
    /// joining-school-consents). It consents when it has recorded a consent not yet used (the
    /// membership uses it, with its governing-body decision), or when the caller may decide for the
    /// school themself.</summary>
    public static async Task<(ProblemHttpResult? Refusal, MembershipConsentRow? Consent)> CheckAsync(
        Guid schoolId, Guid? federationId, Guid? clusterId, SchoolStore schools, MembershipConsentStore consents, Caller caller,
        CancellationToken cancellationToken)
    {
        if ((await schools.UnknownAsync([schoolId], cancellationToken)).Count > 0)
        {
            return (FieldErrors.ProblemResult("schoolId", FieldErrors.UnknownId("school")), null);
        }
        if (await consents.FindUnusedAsync(schoolId, federationId, clusterId, cancellationToken) is { } consent)
        {
            return (null, consent);
        }
        return await caller.MayAsync(Permission.DecideForSchool, Scope.School(schoolId), cancellationToken)
            ? (null, null)
            : (SchoolRules.JoiningSchoolConsents.Conflict(
                $"School {schoolId} has no recorded consent to join this {(federationId is null ? "cluster" : "federation")}: its head, its local authority or an administrator records its governing body's decision at /api/schools/{schoolId}/membership-consents."),
                null);
    }
}
