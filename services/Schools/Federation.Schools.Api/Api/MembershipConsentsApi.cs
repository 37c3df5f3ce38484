using Federation.Schools.Data;

namespace Federation.Schools.Api;

/// <summary>A school's consent to join a federation or a cluster: its governing body's decision.</summary>
/// <param name="FederationId">The federation it agreed to join (or null, for a cluster).</param>
/// <param name="ClusterId">The cluster it agreed to join (or null, for a federation).</param>
/// <param name="RecordedBy">Who recorded it (their sign-in email).</param>
/// <param name="Used">A membership was made with it (each consent is used once).</param>
public sealed record MembershipConsentResponse(
    Guid Id, Guid SchoolId, Guid? FederationId, Guid? ClusterId, DateOnly DecidedOn, string MinuteReference, string RecordedBy,
    DateTimeOffset RecordedAt, bool Used)
{
    public static MembershipConsentResponse From(MembershipConsentRow row) => new(
        row.Id, row.SchoolId, row.FederationId, row.ClusterId, row.DecidedOn, row.MinuteReference, row.RecordedBy, row.RecordedAt, row.Used);
}

/// <summary>The school's governing body agreed to join a federation or a cluster (name one).</summary>
/// <param name="FederationId">The federation to join.</param>
/// <param name="ClusterId">The cluster to join.</param>
/// <param name="DecidedOn">The date of the governing body meeting (not after today).</param>
/// <param name="MinuteReference">Where the decision is minuted, e.g. "GB/2024/07 item 4".</param>
public sealed record MembershipConsentRequest(Guid? FederationId, Guid? ClusterId, DateOnly? DecidedOn, string? MinuteReference);

internal sealed class MembershipConsentValidator : AbstractValidator<MembershipConsentRequest>
{
    public MembershipConsentValidator(TimeProvider clock)
    {
        RuleFor(request => request.FederationId).NotNull()
            .When(request => request.ClusterId is null, ApplyConditionTo.CurrentValidator)
            .WithMessage("Name the federation or the cluster the school agreed to join.")
            .Null().When(request => request.ClusterId is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("Name either a federation or a cluster, not both.");
        RuleFor(request => request.DecidedOn).NotNull()
            .LessThanOrEqualTo(_ => clock.Today()).When(request => request.DecidedOn is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("A decision is recorded once it is taken: the meeting is today or earlier.");
        RuleFor(request => request.MinuteReference).NotEmpty().MaximumLength(200);
    }
}

public static class MembershipConsentsApi
{
    public static IEndpointRouteBuilder MapMembershipConsentsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/schools/{schoolId:guid}/membership-consents").WithTags("Schools");
        var writes = group.Writes();

        group.MapGet("/", ListAsync)
            .WithName("ListMembershipConsents").WithSummary("A school's recorded consents to join federations and clusters.");
        writes.MapPost("/", RecordAsync)
            .WithName("RecordMembershipConsent")
            .WithSummary("Record the school's governing-body decision to join a federation or cluster (its head, its local authority or an administrator).")
            .Validate<MembershipConsentRequest>();
        return endpoints;
    }

    private static async Task<Results<Ok<IReadOnlyList<MembershipConsentResponse>>, NotFound>> ListAsync(
        Guid schoolId, SchoolStore schools, MembershipConsentStore consents, CancellationToken cancellationToken) =>
        await schools.FindAsync(schoolId, cancellationToken) is null
            ? TypedResults.NotFound()
            : TypedResults.Ok<IReadOnlyList<MembershipConsentResponse>>((await consents.ListAsync(schoolId, cancellationToken)).Select(MembershipConsentResponse.From).ToList());

    private static async Task<Results<Created<MembershipConsentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RecordAsync(
        Guid schoolId, MembershipConsentRequest request, SchoolStore schools, FederationStore federations, ClusterStore clusters,
        MembershipConsentStore consents, Caller caller, CancellationToken cancellationToken)
    {
        if (await schools.FindAsync(schoolId, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        if (request.FederationId is { } federationId && await federations.FindAsync(federationId, cancellationToken) is null)
        {
            return FieldErrors.Problem("federationId", FieldErrors.UnknownId("federation"));
        }
        if (request.ClusterId is { } clusterId && await clusters.FindAsync(clusterId, cancellationToken) is null)
        {
            return FieldErrors.Problem("clusterId", FieldErrors.UnknownId("cluster"));
        }
        if (await caller.DeniedUnlessAsync(Permission.DecideForSchool, Scope.School(schoolId),
                "A school's consent is recorded by its headteacher or head of school, its local authority or an administrator.", cancellationToken) is { } denied)
        {
            return denied;
        }
        var consent = await consents.RecordAsync(
            Guid.CreateVersion7(),
            new ConsentDetails(schoolId, request.FederationId, request.ClusterId, request.DecidedOn!.Value, request.MinuteReference!.Trim()),
            caller.Email,
            cancellationToken);
        return TypedResults.Created($"/api/schools/{schoolId}/membership-consents/{consent.Id}", MembershipConsentResponse.From(consent));
    }
}
