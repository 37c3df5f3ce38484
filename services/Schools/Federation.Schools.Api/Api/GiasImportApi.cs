using Federation.Schools.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Federation.Schools.Api;

/// <summary>What an import of a GIAS file did: the counts, then every row of the file.</summary>
/// <param name="OfstedFromFile">False for files published since April 2025, which have no Ofsted
/// columns: the directory's Ofsted entries were left as they were.</param>
/// <param name="LocalAuthoritiesRegistered">Authorities of the file the directory did not have (administrators' imports only).</param>
/// <param name="FederationsToConfirm">GIAS federations added or changed in the list to confirm (GET /api/federations/to-confirm).</param>
public sealed record GiasImportResponse(
    int Created, int Updated, int Unchanged, int Skipped, int LocalAuthoritiesRegistered, int FederationsToConfirm, bool OfstedFromFile,
    IReadOnlyList<GiasImportedRow> Rows)
{
    public static GiasImportResponse From(GiasImport import, bool ofstedFromFile) => new(
        import.Count(GiasRowOutcome.Created), import.Count(GiasRowOutcome.Updated),
        import.Count(GiasRowOutcome.Unchanged), import.Count(GiasRowOutcome.Skipped),
        import.LocalAuthoritiesRegistered, import.FederationsToConfirm, ofstedFromFile, import.Rows);
}

/// <summary>A federation the national register lists, waiting to be formed on the platform (whether
/// it is hard or soft, its lead school and its governing bodies' decisions: POST /api/federations).</summary>
/// <param name="GiasCode">GIAS "Federations (code)".</param>
public sealed record FederationToConfirmResponse(string GiasCode, string Name, Guid[] SchoolIds, DateTimeOffset ImportedAt);

public static class GiasImportApi
{
    /// <summary>A GIAS "all establishment data" file is tens of megabytes (about 60 for all of England).</summary>
    public const long MaxFileBytes = 200L * 1024 * 1024;

    public static IEndpointRouteBuilder MapGiasImportApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/schools").WithTags("Schools").Writes()
            .MapPost("/imports", ImportAsync)
            .WithName("ImportGiasFile")
            .WithSummary("Import schools from the national register's \"all establishment data\" CSV (GIAS), as published "
                + "(text/csv body, or a multipart form's \"file\"): upserts open establishments by URN, row by row "
                + "(administrators; local-authority officers for the rows of their authority). A bad file changes nothing.")
            .Accepts<string>("text/csv", "multipart/form-data")
            .ProducesValidationProblem()
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes));
        endpoints.MapGroup("/api/federations").WithTags("Federations")
            .MapGet("/to-confirm", ToConfirmAsync)
            .WithName("ListFederationsToConfirm")
            .WithSummary("The federations GIAS lists with a school of the local authority, not yet formed on the platform "
                + "(the authority's officers and administrators).");
        return endpoints;
    }

    private static async Task<Results<Ok<GiasImportResponse>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpRequest request, GiasImportStore store, Caller caller, IOptions<GiasOptions> options, CancellationToken cancellationToken)
    {
        GiasRead file;
        try
        {
            await using var body = await FileAsync(request, cancellationToken);
            file = await GiasFile.ReadAsync(body, options.Value, cancellationToken);
        }
        catch (GiasFileException exception)
        {
            return FieldErrors.Problem("file", exception.Message);
        }
        var authorities = await store.AuthoritiesAsync(file, cancellationToken);
        var managed = new HashSet<Guid>();
        foreach (var id in authorities.Select(authority => authority.Id).OfType<Guid>())
        {
            if (await caller.MayAsync(Permission.ManageDirectory, Scope.LocalAuthority(id), cancellationToken))
            {
                managed.Add(id);
            }
        }
        if (managed.Count == 0 && !caller.IsAdministrator)
        {
            return Caller.Denied("Importing needs a platform administrator, or a local-authority officer of an authority in the file.");
        }
        var import = await store.ImportAsync(file, authorities, managed, caller.IsAdministrator, _ => Guid.CreateVersion7(), cancellationToken);
        return TypedResults.Ok(GiasImportResponse.From(import, file.HasOfsted));
    }

    /// <summary>The uploaded file: a multipart form's "file" (a browser's upload), else the body itself.</summary>
    private static async Task<Stream> FileAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return request.Body;
        }
        var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxFileBytes }, cancellationToken);
        return (form.Files.GetFile("file") ?? throw new GiasFileException("The form has no \"file\".")).OpenReadStream();
    }

    private static async Task<Results<Ok<FederationToConfirmResponse[]>, ValidationProblem, ProblemHttpResult>> ToConfirmAsync(
        Guid? localAuthorityId, GiasImportStore store, Caller caller, CancellationToken cancellationToken)
    {
        if (localAuthorityId is not { } authority)
        {
            return FieldErrors.Problem("localAuthorityId", "localAuthorityId is required.");
        }
        if (await caller.DeniedUnlessAsync(Permission.ManageDirectory, Scope.LocalAuthority(authority),
                "The federations to confirm are for the local authority's officers.", cancellationToken) is { } denied)
        {
            return denied;
        }
        return TypedResults.Ok((await store.ToConfirmAsync(authority, cancellationToken))
            .Select(row => new FederationToConfirmResponse(row.GiasCode, row.Name, row.SchoolIds, row.ImportedAt)).ToArray());
    }
}
