using Federation.Schools.Data;

namespace Federation.Schools.Api;

/// <summary>A federation of schools and its current members.</summary>
public sealed record FederationResponse(
    Guid Id, string Name, FederationKind Kind, Guid LeadSchoolId, DateOnly FormedOn, IReadOnlyList<FederationMemberResponse> Members)
{
    public static FederationResponse From(FederationRow row) => new(
        Id: row.Id,
        Name: row.Name,
        Kind: row.Kind,
        LeadSchoolId: row.LeadSchoolId,
        FormedOn: row.FormedOn,
        Members: row.Members.Select(member => new FederationMemberResponse
        {
            SchoolId = member.SchoolId,
            SchoolName = member.SchoolName,
            JoinedOn = member.JoinedOn,
            GoverningBodyDecision = member.GoverningBodyDecidedOn is null
                ? null
                : new GoverningBodyDecisionDto(member.GoverningBodyDecidedOn, member.GoverningBodyMinuteReference),
        }).ToList());
}

/// <summary>A current member of a federation.</summary>
public sealed record FederationMemberResponse
{
    public Guid SchoolId { get; init; }

    public string SchoolName { get; init; } = "";

    public DateOnly JoinedOn { get; init; }

    /// <summary>The governing body's decision to federate (always present in a hard federation).</summary>
    public GoverningBodyDecisionDto? GoverningBodyDecision { get; init; }
}

/// <summary>A governing body's recorded decision to federate.</summary>
/// <param name="DecidedOn">The date of the governing body meeting.</param>
/// <param name="MinuteReference">Where the decision is minuted, e.g. "GB/2024/07 item 4".</param>
public sealed record GoverningBodyDecisionDto(DateOnly? DecidedOn, string? MinuteReference)
{
    internal GoverningBodyDecision ToDecision() => new(DecidedOn!.Value, MinuteReference!.Trim());
}

/// <summary>A school founding a federation.</summary>
/// <param name="SchoolId">The member school.</param>
/// <param name="GoverningBodyDecision">Required in a hard federation.</param>
public sealed record FoundingMemberRequest(Guid? SchoolId, GoverningBodyDecisionDto? GoverningBodyDecision = null);

/// <summary>A federation to form.</summary>
/// <param name="Name">e.g. "A1 and A2 Federation".</param>
/// <param name="Kind">hard or soft.</param>
/// <param name="LeadSchoolId">One of the members.</param>
/// <param name="FormedOn">The date the federation takes effect.</param>
/// <param name="Members">Two or more schools.</param>
public sealed record FormFederationRequest(
    string? Name, FederationKind? Kind, Guid? LeadSchoolId, DateOnly? FormedOn, FoundingMemberRequest[]? Members);

/// <summary>A school joining an existing federation.</summary>
/// <param name="SchoolId">The joining school.</param>
/// <param name="JoinedOn">Defaults to today.</param>
/// <param name="GoverningBodyDecision">Required to join a hard federation.</param>
public sealed record JoinFederationRequest(Guid? SchoolId, DateOnly? JoinedOn = null, GoverningBodyDecisionDto? GoverningBodyDecision = null);

internal sealed class GoverningBodyDecisionValidator : AbstractValidator<GoverningBodyDecisionDto>
{
    public GoverningBodyDecisionValidator()
    {
        RuleFor(decision => decision.DecidedOn).NotNull();
        RuleFor(decision => decision.MinuteReference).NotEmpty().MaximumLength(200);
    }
}

internal sealed class FormFederationValidator : AbstractValidator<FormFederationRequest>
{
    public FormFederationValidator()
    {
        RuleFor(request => request.Name).NotEmpty().MaximumLength(200);
        RuleFor(request => request.Kind).NotNull();
        RuleFor(request => request.FormedOn).NotNull();
        RuleFor(request => request.Members).NotNull();
        RuleFor(request => request.Members!)
            .Must(members => members.Length >= 2).WithMessage("A federation has at least two member schools.")
            .Must(members => members.Select(member => member?.SchoolId).Distinct().Count() == members.Length)
            .WithMessage("Each school appears once among the members.")
            .When(request => request.Members is not null);
        RuleForEach(request => request.Members).NotNull().ChildRules(member =>
        {
            member.RuleFor(m => m.SchoolId).NotEmpty();
            member.RuleFor(m => m.GoverningBodyDecision!).SetValidator(new GoverningBodyDecisionValidator())
                .When(m => m.GoverningBodyDecision is not null);
        });
        RuleFor(request => request.LeadSchoolId).NotEmpty()
            .Must((request, lead) => request.Members?.Any(member => member?.SchoolId == lead) == true)
            .When(request => request.LeadSchoolId is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("The lead school must be one of the members.");
    }
}

internal sealed class JoinFederationValidator : AbstractValidator<JoinFederationRequest>
{
    public JoinFederationValidator()
    {
        RuleFor(request => request.SchoolId).NotEmpty();
        RuleFor(request => request.GoverningBodyDecision!).SetValidator(new GoverningBodyDecisionValidator())
            .When(request => request.GoverningBodyDecision is not null);
    }
}

public static class FederationsApi
{
    public static IEndpointRouteBuilder MapFederationsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/federations").WithTags("Federations");
        var writes = group.Writes();

        group.MapGet("/", ListAsync)
            .WithName("ListFederations").WithSummary("List federations, optionally those a school belongs to.")
            .Validate<PageRequest>();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetFederation").WithSummary("Get a federation and its members.");
        writes.MapPost("/", FormAsync)
            .WithName("FormFederation")
            .WithSummary("Form a federation (local-authority officers of every member's authority). A hard federation needs every member's governing-body decision.")
            .Validate<FormFederationRequest>();
        writes.MapPost("/{id:guid}/members", JoinAsync)
            .WithName("JoinFederation")
            .WithSummary("A school joins the federation (its executive principal), with the school's consent: recorded at /api/schools/{id}/membership-consents, or given by a caller who decides for the school.")
            .Validate<JoinFederationRequest>();
        writes.MapDelete("/{id:guid}/members/{schoolId:guid}", LeaveAsync)
            .WithName("LeaveFederation").WithSummary("A school leaves the federation (its executive principal).");
        return endpoints;
    }

    private static async Task<Ok<Page<FederationResponse>>> ListAsync(
        FederationStore store, Guid? schoolId, [AsParameters] PageRequest page, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(schoolId, page, cancellationToken)).Select(FederationResponse.From));

    private static async Task<Results<Ok<FederationResponse>, NotFound>> GetAsync(Guid id, FederationStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } federation ? TypedResults.Ok(FederationResponse.From(federation)) : TypedResults.NotFound();

    private static async Task<Results<Created<FederationResponse>, ValidationProblem, ProblemHttpResult>> FormAsync(
        FormFederationRequest request, FederationStore store, SchoolStore schools, Caller caller, CancellationToken cancellationToken)
    {
        var memberIds = request.Members!.Select(member => member.SchoolId!.Value).ToList();
        var unknown = await schools.UnknownSchoolsAsync(memberIds, index => $"members[{index}].schoolId", cancellationToken);
        if (unknown.Count > 0)
        {
            return TypedResults.ValidationProblem(unknown);
        }
        foreach (var schoolId in memberIds)
        {
            if (await caller.DeniedUnlessAsync(Permission.ManageDirectory, Scope.School(schoolId),
                    $"Federating school {schoolId} needs a local-authority officer of its authority.", cancellationToken) is { } denied)
            {
                return denied;
            }
        }
        var founding = request.Members!.Select(member => (member.SchoolId!.Value, member.GoverningBodyDecision?.ToDecision())).ToList();
        var missing = FederationRules.SchoolsMissingDecision(request.Kind!.Value, founding);
        if (missing.Count > 0)
        {
            return SchoolRules.HardFederationNeedsGoverningBodyDecisions.Conflict(
                $"No governing-body decision is recorded for school(s) {string.Join(", ", missing)}.");
        }
        var federation = await store.FormAsync(
            Guid.CreateVersion7(), request.Name!.Trim(), request.Kind.Value, request.LeadSchoolId!.Value, request.FormedOn!.Value, founding, cancellationToken);
        return TypedResults.Created($"/api/federations/{federation.Id}", FederationResponse.From(federation));
    }

    private static async Task<Results<Ok<FederationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> JoinAsync(
        Guid id, JoinFederationRequest request, FederationStore store, SchoolStore schools, MembershipConsentStore consents, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } federation)
        {
            return TypedResults.NotFound();
        }
        if (await caller.DeniedUnlessAsync(Permission.ManageFederation, Scope.Federation(id),
                ManagedByExecutivePrincipal, cancellationToken) is { } denied)
        {
            return denied;
        }
        var schoolId = request.SchoolId!.Value;
        var (refusal, consent) = await JoiningSchool.CheckAsync(schoolId, id, null, schools, consents, caller, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var decision = request.GoverningBodyDecision?.ToDecision()
            ?? (consent is null ? null : new GoverningBodyDecision(consent.DecidedOn, consent.MinuteReference));
        if (FederationRules.SchoolsMissingDecision(federation.Kind, [(schoolId, decision)]).Count > 0)
        {
            return SchoolRules.HardFederationNeedsGoverningBodyDecisions.Conflict(
                $"No governing-body decision is recorded for school {schoolId}.");
        }
        var joinedOn = request.JoinedOn ?? clock.Today();
        return TypedResults.Ok(FederationResponse.From(await store.JoinAsync(federation, schoolId, joinedOn, decision, consent?.Id, cancellationToken)));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> LeaveAsync(
        Guid id, Guid schoolId, DateOnly? leftOn, FederationStore store, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        if (await caller.DeniedUnlessAsync(Permission.ManageFederation, Scope.Federation(id),
                ManagedByExecutivePrincipal, cancellationToken) is { } denied)
        {
            return denied;
        }
        return (await store.LeaveAsync(id, schoolId, leftOn ?? clock.Today(), cancellationToken)).ToResult();
    }

    private const string ManagedByExecutivePrincipal = "A federation's members are changed by its executive principal.";
}
