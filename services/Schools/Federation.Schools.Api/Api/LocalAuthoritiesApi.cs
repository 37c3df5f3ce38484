using Federation.BuildingBlocks.Auth;
using Federation.Schools.Data;

namespace Federation.Schools.Api;

/// <summary>A local authority (LA): responsible for the publicly funded schools of its area.</summary>
/// <param name="Name">e.g. "Suffolk".</param>
/// <param name="Region">e.g. "Eastern Region".</param>
/// <param name="Code">Its three-digit code in the national register (GIAS "LA (code)", e.g. 935); null until a GIAS import names it.</param>
public sealed record LocalAuthorityResponse(
    Guid Id, string Name, string Region, int? Code)
{
    public static LocalAuthorityResponse From(LocalAuthorityRow row) => new(
        row.Id, row.Name, row.Region, row.Code);
}

/// <summary>A local authority to add to the directory.</summary>
/// <param name="Name">Unique, e.g. "Suffolk".</param>
/// <param name="Region">e.g. "Eastern Region".</param>
public sealed record CreateLocalAuthorityRequest(string? Name, string? Region);

internal sealed class CreateLocalAuthorityValidator : AbstractValidator<CreateLocalAuthorityRequest>
{
    public CreateLocalAuthorityValidator()
    {
        RuleFor(request => request.Name).NotEmpty().MaximumLength(200);
        RuleFor(request => request.Region).NotEmpty().MaximumLength(200);
    }
}

public static class LocalAuthoritiesApi
{
    public static IEndpointRouteBuilder MapLocalAuthoritiesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/local-authorities").WithTags("Local authorities");
        var writes = group.Writes();

        group.MapGet("/", ListAsync)
            .WithName("ListLocalAuthorities").WithSummary("List local authorities, optionally of one region.")
            .Validate<PageRequest>();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetLocalAuthority").WithSummary("Get a local authority.");
        writes.MapPost("/", CreateAsync)
            .WithName("CreateLocalAuthority").WithSummary("Add a local authority (platform administrators).")
            .RequireAuthorization(Policies.PlatformAdministrator)
            .Validate<CreateLocalAuthorityRequest>();
        return endpoints;
    }

    private static async Task<Ok<Page<LocalAuthorityResponse>>> ListAsync(
        LocalAuthorityStore store, string? region, [AsParameters] PageRequest page, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(region, page, cancellationToken)).Select(LocalAuthorityResponse.From));

    private static async Task<Results<Ok<LocalAuthorityResponse>, NotFound>> GetAsync(
        Guid id, LocalAuthorityStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } authority ? TypedResults.Ok(LocalAuthorityResponse.From(authority)) : TypedResults.NotFound();

    private static async Task<Created<LocalAuthorityResponse>> CreateAsync(
        CreateLocalAuthorityRequest request, LocalAuthorityStore store, CancellationToken cancellationToken)
    {
        var authority = await store.CreateAsync(Guid.CreateVersion7(), request.Name!.Trim(), request.Region!.Trim(), cancellationToken);
        return TypedResults.Created($"/api/local-authorities/{authority.Id}", LocalAuthorityResponse.From(authority));
    }
}
