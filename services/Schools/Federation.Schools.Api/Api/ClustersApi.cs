using Federation.Schools.Data;

namespace Federation.Schools.Api;

/// <summary>A cluster (network) of schools and its current members.</summary>
/// <param name="ChairPersonId">The cluster chair today: the person (staff service) holding the clusterChair role here, if anyone does. The chair is assigned through /api/role-assignments.</param>
public sealed record ClusterResponse(
    Guid Id, string Name, Guid LocalAuthorityId, Guid? ChairPersonId, MeetingCadence MeetingCadence,
    IReadOnlyList<ClusterMemberResponse> Members)
{
    public static ClusterResponse From(ClusterRow row) => new(
        Id: row.Id,
        Name: row.Name,
        LocalAuthorityId: row.LocalAuthorityId,
        ChairPersonId: row.ChairPersonId,
        MeetingCadence: row.MeetingCadence,
        Members: row.Members
            .Select(member => new ClusterMemberResponse { SchoolId = member.SchoolId, SchoolName = member.SchoolName, JoinedOn = member.JoinedOn })
            .ToList());
}

/// <summary>A current member of a cluster.</summary>
public sealed record ClusterMemberResponse
{
    public Guid SchoolId { get; init; }

    public string SchoolName { get; init; } = "";

    public DateOnly JoinedOn { get; init; }
}

/// <summary>A cluster to form, or (PUT, without members) its new settings.</summary>
/// <param name="Name">e.g. "Suffolk Learning Gateway".</param>
/// <param name="LocalAuthorityId">The local authority the cluster belongs to.</param>
/// <param name="MeetingCadence">weekly, fortnightly, monthly, halfTermly, termly, annually or adHoc.</param>
/// <param name="MemberSchoolIds">Founding members (POST only); a school may be in several clusters.</param>
public sealed record ClusterRequest(string? Name, Guid? LocalAuthorityId, MeetingCadence? MeetingCadence, Guid[]? MemberSchoolIds = null);

/// <summary>A school joining a cluster.</summary>
/// <param name="SchoolId">The joining school.</param>
/// <param name="JoinedOn">Defaults to today.</param>
public sealed record JoinClusterRequest(Guid? SchoolId, DateOnly? JoinedOn = null);

internal sealed class ClusterRequestValidator : AbstractValidator<ClusterRequest>
{
    public ClusterRequestValidator()
    {
        RuleFor(request => request.Name).NotEmpty().MaximumLength(200);
        RuleFor(request => request.LocalAuthorityId).NotEmpty();
        RuleFor(request => request.MeetingCadence).NotNull();
        RuleForEach(request => request.MemberSchoolIds).NotEmpty();
    }
}

internal sealed class JoinClusterValidator : AbstractValidator<JoinClusterRequest>
{
    public JoinClusterValidator() => RuleFor(request => request.SchoolId).NotEmpty();
}

public static class ClustersApi
{
    public static IEndpointRouteBuilder MapClustersApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/clusters").WithTags("Clusters");
        var writes = group.Writes();

        group.MapGet("/", ListAsync)
            .WithName("ListClusters").WithSummary("List clusters, filtered by local authority or member school.")
            .Validate<PageRequest>();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCluster").WithSummary("Get a cluster and its members.");
        writes.MapPost("/", FormAsync)
            .WithName("FormCluster").WithSummary("Form a cluster (local-authority officers of its authority).")
            .Validate<ClusterRequest>();
        writes.MapPut("/{id:guid}", UpdateAsync)
            .WithName("UpdateCluster")
            .WithSummary("Change a cluster's name or meeting cadence (its chair, or local-authority officers) or its authority (local-authority officers).")
            .Validate<ClusterRequest>();
        writes.MapPost("/{id:guid}/members", JoinAsync)
            .WithName("JoinCluster")
            .WithSummary("A school joins the cluster (local-authority officers of its authority), with the school's consent: recorded at /api/schools/{id}/membership-consents, or given by a caller who decides for the school.")
            .Validate<JoinClusterRequest>();
        writes.MapDelete("/{id:guid}/members/{schoolId:guid}", LeaveAsync)
            .WithName("LeaveCluster").WithSummary("A school leaves the cluster (local-authority officers of its authority).");
        return endpoints;
    }

    private static async Task<Ok<Page<ClusterResponse>>> ListAsync(
        ClusterStore store, Guid? localAuthorityId, Guid? schoolId, [AsParameters] PageRequest page, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(localAuthorityId, schoolId, page, cancellationToken)).Select(ClusterResponse.From));

    private static async Task<Results<Ok<ClusterResponse>, NotFound>> GetAsync(Guid id, ClusterStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } cluster ? TypedResults.Ok(ClusterResponse.From(cluster)) : TypedResults.NotFound();

    private static async Task<Results<Created<ClusterResponse>, ValidationProblem, ProblemHttpResult>> FormAsync(
        ClusterRequest request, ClusterStore store, SchoolStore schools, LocalAuthorityStore localAuthorities, Caller caller, CancellationToken cancellationToken)
    {
        if (await UnknownReferencesAsync(request, schools, localAuthorities, cancellationToken) is { } problem)
        {
            return problem;
        }
        if (await caller.DeniedUnlessAsync(Permission.ManageDirectory, Scope.LocalAuthority(request.LocalAuthorityId!.Value),
                "Forming a cluster needs a local-authority officer of its authority.", cancellationToken) is { } denied)
        {
            return denied;
        }
        foreach (var schoolId in request.MemberSchoolIds ?? [])
        {
            // A cluster that does not exist yet has no recorded consents: its founding members are
            // schools the caller decides for (their own authority's); others join afterwards.
            if (!await caller.MayAsync(Permission.DecideForSchool, Scope.School(schoolId), cancellationToken))
            {
                return SchoolRules.JoiningSchoolConsents.Conflict(
                    $"School {schoolId} is not one you decide for: form the cluster without it, and it joins once its consent is recorded.");
            }
        }
        var cluster = await store.FormAsync(
            Guid.CreateVersion7(), Settings(request), request.MemberSchoolIds?.Distinct().ToArray() ?? [], cancellationToken);
        return TypedResults.Created($"/api/clusters/{cluster.Id}", ClusterResponse.From(cluster));
    }

    private static async Task<Results<Ok<ClusterResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, ClusterRequest request, ClusterStore store, SchoolStore schools, LocalAuthorityStore localAuthorities, Caller caller,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } current)
        {
            return TypedResults.NotFound();
        }
        if (request.MemberSchoolIds is not null)
        {
            return FieldErrors.Problem("memberSchoolIds", "Members change through POST and DELETE on /api/clusters/{id}/members.");
        }
        if (await UnknownReferencesAsync(request, schools, localAuthorities, cancellationToken) is { } problem)
        {
            return problem;
        }
        var localAuthorityId = request.LocalAuthorityId!.Value;
        var permitted = localAuthorityId == current.LocalAuthorityId
            ? await caller.MayAsync(Permission.ManageClusterSettings, Scope.Cluster(id), cancellationToken)
            : await caller.MayAsync(Permission.ManageDirectory, Scope.Cluster(id), cancellationToken)
              && await caller.MayAsync(Permission.ManageDirectory, Scope.LocalAuthority(localAuthorityId), cancellationToken);
        if (!permitted)
        {
            return Caller.Denied("A cluster's settings are changed by its chair or a local-authority officer; moving it to another authority, by officers of both.");
        }
        return await store.UpdateAsync(id, Settings(request), cancellationToken) is { } cluster ? TypedResults.Ok(ClusterResponse.From(cluster)) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<ClusterResponse>, NotFound, ValidationProblem, ProblemHttpResult>> JoinAsync(
        Guid id, JoinClusterRequest request, ClusterStore store, SchoolStore schools, MembershipConsentStore consents, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        if (await caller.DeniedUnlessAsync(Permission.ManageDirectory, Scope.Cluster(id),
                MembersManagedByLocalAuthority, cancellationToken) is { } denied)
        {
            return denied;
        }
        var schoolId = request.SchoolId!.Value;
        var (refusal, consent) = await JoiningSchool.CheckAsync(schoolId, null, id, schools, consents, caller, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        return TypedResults.Ok(ClusterResponse.From(await store.JoinAsync(id, schoolId, request.JoinedOn ?? clock.Today(), consent?.Id, cancellationToken)));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> LeaveAsync(
        Guid id, Guid schoolId, DateOnly? leftOn, ClusterStore store, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        if (await caller.DeniedUnlessAsync(Permission.ManageDirectory, Scope.Cluster(id),
                MembersManagedByLocalAuthority, cancellationToken) is { } denied)
        {
            return denied;
        }
        return (await store.LeaveAsync(id, schoolId, leftOn ?? clock.Today(), cancellationToken)).ToResult();
    }

    private const string MembersManagedByLocalAuthority = "A cluster's members are changed by a local-authority officer of its authority.";

    private static ClusterSettings Settings(ClusterRequest request) =>
        new(request.Name!.Trim(), request.LocalAuthorityId!.Value, request.MeetingCadence!.Value);

    private static async Task<ValidationProblem?> UnknownReferencesAsync(
        ClusterRequest request, SchoolStore schools, LocalAuthorityStore localAuthorities, CancellationToken cancellationToken)
    {
        var errors = await schools.UnknownSchoolsAsync(request.MemberSchoolIds ?? [], index => $"memberSchoolIds[{index}]", cancellationToken);
        if (!await localAuthorities.ExistsAsync(request.LocalAuthorityId!.Value, cancellationToken))
        {
            errors["localAuthorityId"] = [FieldErrors.UnknownId("local authority")];
        }
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }
}
