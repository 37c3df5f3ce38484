using Federation.BuildingBlocks;
using Federation.BuildingBlocks.Api;
using Federation.BuildingBlocks.Auth;
using Federation.Schools.Data;
using Federation.Schools.Domain;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Federation.Schools.Api;

/// <summary>A cluster (network) of schools and its current members.</summary>
public sealed record ClusterResponse
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    public Guid LocalAuthorityId { get; init; }

    /// <summary>The cluster chair (a person id from the staff service), if one is named.</summary>
    public Guid? ChairPersonId { get; init; }

    public MeetingCadence MeetingCadence { get; init; }

    public IReadOnlyList<ClusterMemberResponse> Members { get; init; } = [];
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
/// <param name="ChairPersonId">Optional: the cluster chair's person id.</param>
/// <param name="MemberSchoolIds">Founding members (POST only); a school may be in several clusters.</param>
public sealed record ClusterRequest(
    string? Name, Guid? LocalAuthorityId, MeetingCadence? MeetingCadence, Guid? ChairPersonId = null, Guid[]? MemberSchoolIds = null);

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
        RuleFor(request => request.ChairPersonId).NotEqual(Guid.Empty);
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

        group.MapGet("/", ListAsync)
            .WithName("ListClusters").WithSummary("List clusters, filtered by local authority or member school.")
            .Validate<PageRequest>();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCluster").WithSummary("Get a cluster and its members.");
        group.MapPost("/", FormAsync)
            .WithName("FormCluster").WithSummary("Form a cluster (platform administrators).")
            .RequireAuthorization(Policies.PlatformAdministrator)
            .Validate<ClusterRequest>();
        group.MapPut("/{id:guid}", UpdateAsync)
            .WithName("UpdateCluster").WithSummary("Change a cluster's name, chair or meeting cadence (platform administrators).")
            .RequireAuthorization(Policies.PlatformAdministrator)
            .Validate<ClusterRequest>();
        group.MapPost("/{id:guid}/members", JoinAsync)
            .WithName("JoinCluster").WithSummary("A school joins the cluster (platform administrators).")
            .RequireAuthorization(Policies.PlatformAdministrator)
            .Validate<JoinClusterRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}/members/{schoolId:guid}", LeaveAsync)
            .WithName("LeaveCluster").WithSummary("A school leaves the cluster (platform administrators).")
            .RequireAuthorization(Policies.PlatformAdministrator);
        return endpoints;
    }

    private static async Task<Ok<Page<ClusterResponse>>> ListAsync(
        ClusterStore store, Guid? localAuthorityId, Guid? schoolId, [AsParameters] PageRequest page, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(localAuthorityId, schoolId, page, cancellationToken));

    private static async Task<Results<Ok<ClusterResponse>, NotFound>> GetAsync(Guid id, ClusterStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } cluster ? TypedResults.Ok(cluster) : TypedResults.NotFound();

    private static async Task<Results<Created<ClusterResponse>, ValidationProblem>> FormAsync(
        ClusterRequest request, ClusterStore store, SchoolStore schools, LocalAuthorityStore localAuthorities, CancellationToken cancellationToken)
    {
        if (await UnknownReferencesAsync(request, schools, localAuthorities, cancellationToken) is { } problem)
        {
            return problem;
        }
        var cluster = await store.FormAsync(
            Guid.CreateVersion7(), Settings(request), request.MemberSchoolIds?.Distinct().ToArray() ?? [], cancellationToken);
        return TypedResults.Created($"/api/clusters/{cluster.Id}", cluster);
    }

    private static async Task<Results<Ok<ClusterResponse>, NotFound, ValidationProblem>> UpdateAsync(
        Guid id, ClusterRequest request, ClusterStore store, SchoolStore schools, LocalAuthorityStore localAuthorities, CancellationToken cancellationToken)
    {
        if (request.MemberSchoolIds is not null)
        {
            return FieldErrors.Problem("memberSchoolIds", "Members change through POST and DELETE on /api/clusters/{id}/members.");
        }
        if (await UnknownReferencesAsync(request, schools, localAuthorities, cancellationToken) is { } problem)
        {
            return problem;
        }
        return await store.UpdateAsync(id, Settings(request), cancellationToken) is { } cluster ? TypedResults.Ok(cluster) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<ClusterResponse>, NotFound, ValidationProblem>> JoinAsync(
        Guid id, JoinClusterRequest request, ClusterStore store, SchoolStore schools, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        var schoolId = request.SchoolId!.Value;
        if (await schools.UnknownSchoolsAsync([schoolId], _ => "schoolId", cancellationToken) is { Count: > 0 } unknown)
        {
            return TypedResults.ValidationProblem(unknown);
        }
        return TypedResults.Ok(await store.JoinAsync(id, schoolId, request.JoinedOn ?? clock.Today(), cancellationToken));
    }

    private static async Task<Results<NoContent, NotFound>> LeaveAsync(
        Guid id, Guid schoolId, DateOnly? leftOn, ClusterStore store, TimeProvider clock, CancellationToken cancellationToken) =>
        await store.LeaveAsync(id, schoolId, leftOn ?? clock.Today(), cancellationToken) is MembershipChange.Done
            ? TypedResults.NoContent()
            : TypedResults.NotFound();

    private static ClusterSettings Settings(ClusterRequest request) =>
        new(request.Name!.Trim(), request.LocalAuthorityId!.Value, request.ChairPersonId, request.MeetingCadence!.Value);

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
