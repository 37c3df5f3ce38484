using Federation.Schools.Data;

namespace Federation.Schools.Api;

/// <summary>A school in the directory.</summary>
/// <param name="Urn">Unique Reference Number (six digits, as in Get Information about Schools).</param>
/// <param name="LowestAge">Statutory age range: youngest pupil age; null when unknown.</param>
/// <param name="HighestAge">Statutory age range: oldest pupil age; null when unknown.</param>
/// <param name="PupilsOnRoll">Null when unknown (blank in the national register).</param>
/// <param name="FsmBand">Free-school-meals band, 1 (most advantaged) to 4 (most disadvantaged); null when unknown.</param>
/// <param name="OfstedGrade">1 outstanding, 2 good, 3 requires improvement, 4 inadequate; null if never inspected.</param>
/// <param name="Specialisms">e.g. "Technology".</param>
/// <param name="FederationIds">Federations the school is a member of now.</param>
/// <param name="ClusterIds">Clusters the school is a member of now.</param>
public sealed record SchoolResponse(
    Guid Id, int Urn, string Name, Guid LocalAuthorityId, SchoolPhase Phase, int? LowestAge, int? HighestAge, int? PupilsOnRoll, int? FsmBand,
    int? OfstedGrade, DateOnly? OfstedInspectedOn, OfstedCategory OfstedCategory, string[] Specialisms, Guid[] FederationIds,
    Guid[] ClusterIds)
{
    public static SchoolResponse From(SchoolRow row) => new(
        row.Id, row.Urn, row.Name, row.LocalAuthorityId, row.Phase, row.LowestAge, row.HighestAge, row.PupilsOnRoll, row.FsmBand,
        row.OfstedGrade, row.OfstedInspectedOn, row.OfstedCategory, row.Specialisms, row.FederationIds, row.ClusterIds);
}

/// <summary>A school's directory entry, to register (POST) or replace (PUT).</summary>
/// <param name="Urn">Unique Reference Number, six digits.</param>
/// <param name="Name">The school's name.</param>
/// <param name="LocalAuthorityId">The local authority the school is in.</param>
/// <param name="Phase">nursery, primary, middle, secondary, allThrough, special, alternativeProvision or sixteenPlus.</param>
/// <param name="LowestAge">Statutory age range, youngest (2-18); omit when unknown.</param>
/// <param name="HighestAge">Statutory age range, oldest (3-19), above lowestAge; omit when unknown.</param>
/// <param name="PupilsOnRoll">Number of pupils on roll; omit when unknown.</param>
/// <param name="FsmBand">Free-school-meals band 1-4; omit when unknown.</param>
/// <param name="OfstedGrade">1-4, with ofstedInspectedOn; omit if never inspected.</param>
/// <param name="OfstedInspectedOn">Date of the inspection that gave the grade.</param>
/// <param name="OfstedCategory">none (default), seriousWeaknesses or specialMeasures.</param>
/// <param name="Specialisms">Specialisms, e.g. ["Technology"].</param>
public sealed record SchoolRequest(
    int? Urn,
    string? Name,
    Guid? LocalAuthorityId,
    SchoolPhase? Phase,
    int? LowestAge,
    int? HighestAge,
    int? PupilsOnRoll,
    int? FsmBand,
    int? OfstedGrade = null,
    DateOnly? OfstedInspectedOn = null,
    OfstedCategory? OfstedCategory = null,
    string[]? Specialisms = null)
{
    internal SchoolDetails ToDetails() => new(
        Urn!.Value, Name!.Trim(), LocalAuthorityId!.Value, Phase!.Value, LowestAge, HighestAge,
        PupilsOnRoll, FsmBand, OfstedGrade, OfstedInspectedOn, OfstedCategory ?? Domain.OfstedCategory.None,
        Specialisms?.Select(specialism => specialism.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray() ?? []);
}

internal sealed class SchoolRequestValidator : AbstractValidator<SchoolRequest>
{
    public SchoolRequestValidator(TimeProvider clock)
    {
        RuleFor(school => school.Urn).NotNull().InclusiveBetween(100000, 999999).WithMessage("urn must be a six-digit number.");
        RuleFor(school => school.Name).NotEmpty().MaximumLength(200);
        RuleFor(school => school.LocalAuthorityId).NotEmpty();
        RuleFor(school => school.Phase).NotNull();
        RuleFor(school => school.LowestAge).InclusiveBetween(2, 18);
        RuleFor(school => school.HighestAge).InclusiveBetween(3, 19)
            .GreaterThan(school => school.LowestAge).When(school => school.LowestAge is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("highestAge must be above lowestAge.");
        RuleFor(school => school.PupilsOnRoll).InclusiveBetween(0, 20000);
        RuleFor(school => school.FsmBand).InclusiveBetween(1, 4);
        RuleFor(school => school.OfstedGrade).InclusiveBetween(1, 4);
        RuleFor(school => school.OfstedInspectedOn).NotNull().When(school => school.OfstedGrade is not null)
            .WithMessage("ofstedInspectedOn is required with an ofstedGrade.");
        RuleFor(school => school.OfstedInspectedOn)
            .LessThanOrEqualTo(_ => clock.Today())
            .WithMessage("ofstedInspectedOn cannot be in the future.");
        RuleFor(school => school.Specialisms).Must(specialisms => specialisms is null || specialisms.Length <= 10)
            .WithMessage("At most 10 specialisms.");
        RuleForEach(school => school.Specialisms).NotEmpty().MaximumLength(100);
    }
}

public static class SchoolsApi
{
    public static IEndpointRouteBuilder MapSchoolsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/schools").WithTags("Schools");
        var writes = group.Writes();

        group.MapGet("/", ListAsync)
            .WithName("ListSchools")
            .WithSummary("List schools, filtered by local authority, federation, cluster or phase.")
            .Validate<PageRequest>();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetSchool").WithSummary("Get a school.");
        writes.MapPost("/", RegisterAsync)
            .WithName("RegisterSchool").WithSummary("Register a school (local-authority officers of its authority).")
            .Validate<SchoolRequest>();
        writes.MapPut("/{id:guid}", UpdateAsync)
            .WithName("UpdateSchool").WithSummary("Replace a school's directory entry (local-authority officers of its authority).")
            .Validate<SchoolRequest>();
        return endpoints;
    }

    private static async Task<Ok<Page<SchoolResponse>>> ListAsync(
        SchoolStore store, [AsParameters] SchoolFilter filter, [AsParameters] PageRequest page, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(filter, page, cancellationToken)).Select(SchoolResponse.From));

    private static async Task<Results<Ok<SchoolResponse>, NotFound>> GetAsync(Guid id, SchoolStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } school ? TypedResults.Ok(SchoolResponse.From(school)) : TypedResults.NotFound();

    private static async Task<Results<Created<SchoolResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        SchoolRequest request, SchoolStore store, LocalAuthorityStore localAuthorities, Caller caller, CancellationToken cancellationToken)
    {
        var localAuthorityId = request.LocalAuthorityId!.Value;
        if (!await localAuthorities.ExistsAsync(localAuthorityId, cancellationToken))
        {
            return UnknownLocalAuthority();
        }
        if (await caller.DeniedUnlessAsync(Permission.ManageDirectory, Scope.LocalAuthority(localAuthorityId),
                "Registering a school needs a local-authority officer of its authority.", cancellationToken) is { } denied)
        {
            return denied;
        }
        var school = await store.RegisterAsync(Guid.CreateVersion7(), request.ToDetails(), cancellationToken);
        return TypedResults.Created($"/api/schools/{school.Id}", SchoolResponse.From(school));
    }

    private static async Task<Results<Ok<SchoolResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, SchoolRequest request, SchoolStore store, LocalAuthorityStore localAuthorities, Caller caller, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } current)
        {
            return TypedResults.NotFound();
        }
        var localAuthorityId = request.LocalAuthorityId!.Value;
        if (!await localAuthorities.ExistsAsync(localAuthorityId, cancellationToken))
        {
            return UnknownLocalAuthority();
        }
        if (!await caller.MayAsync(Permission.ManageDirectory, Scope.School(id), cancellationToken)
            || (localAuthorityId != current.LocalAuthorityId
                && !await caller.MayAsync(Permission.ManageDirectory, Scope.LocalAuthority(localAuthorityId), cancellationToken)))
        {
            return Caller.Denied("Changing a school needs a local-authority officer of its authority (and of the new one, to move it).");
        }
        return await store.UpdateAsync(id, request.ToDetails(), cancellationToken) is { } school
            ? TypedResults.Ok(SchoolResponse.From(school))
            : TypedResults.NotFound();
    }

    private static ValidationProblem UnknownLocalAuthority() =>
        FieldErrors.Problem("localAuthorityId", FieldErrors.UnknownId("local authority"));
}

