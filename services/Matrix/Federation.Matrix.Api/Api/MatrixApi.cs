using System.Security.Cryptography;
using System.Text.Json;
using Federation.Matrix.Data;

namespace Federation.Matrix.Api;

/// <summary>A federation's or a cluster's management matrix for one cycle: its member schools side
/// by side (columns) against the strands and rows of ARCHITECTURE.md §9.</summary>
/// <param name="AsOf">When the newest event the matrix has applied happened.</param>
/// <param name="Sources">Per source service, when its newest event happened and arrived: a quiet source shows as stale, not as red.</param>
/// <param name="ClosedAt">When the cycle was closed: its figures are frozen as they stood then. Null while it is open.</param>
public sealed record MatrixResponse(
    MatrixScope Scope, MatrixCycle Cycle, MatrixCycle PreviousCycle, MatrixColumn[] Columns, MatrixStrand[] Strands, DateTimeOffset? AsOf,
    MatrixSource[] Sources, DateTimeOffset? ClosedAt = null);

/// <summary>A scope's thresholds behind the colours.</summary>
/// <param name="ObservedGreen">The share of teachers observed this half-term that is green (0 to 1; default 0.8).</param>
/// <param name="ObservedAmber">Below it, red (0 to 1, at most ObservedGreen; default 0.5).</param>
public sealed record MatrixSettingsRequest(decimal? ObservedGreen, decimal? ObservedAmber);

internal sealed class MatrixSettingsValidator : AbstractValidator<MatrixSettingsRequest>
{
    public MatrixSettingsValidator()
    {
        RuleFor(request => request.ObservedGreen).NotNull().InclusiveBetween(0, 1);
        RuleFor(request => request.ObservedAmber).NotNull().InclusiveBetween(0, 1)
            .LessThanOrEqualTo(request => request.ObservedGreen).When(request => request.ObservedGreen is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("observedAmber is at most observedGreen.");
    }
}

/// <param name="Kind">federation or cluster.</param>
public sealed record MatrixScope(string Kind, Guid Id, string Name);

/// <param name="Id">As <c>?cycle=</c> takes it: "2026-3".</param>
/// <param name="Name">e.g. "2026/27 cycle 3".</param>
public sealed record MatrixCycle(string Id, string Name, int Number, DateOnly StartsOn, DateOnly EndsOn)
{
    public static MatrixCycle From(Cycle cycle) => new(cycle.Id, cycle.Name, cycle.Number, cycle.StartsOn, cycle.EndsOn);
}

public sealed record MatrixColumn(Guid SchoolId, string Name);

public sealed record MatrixStrand(Strand Strand, MatrixRowResponse[] Rows);

public sealed record MatrixRowResponse(string Key, string Label, MatrixCell[] Cells);

/// <summary>One school's cell.</summary>
/// <param name="Value">The figure, when it is a number.</param>
/// <param name="Text">The figure, when it is words (a lead's name, a phase).</param>
/// <param name="Denominator">Out of how many, where it is a share ("12 of 15 teachers observed").</param>
/// <param name="Status">green, amber, red or grey.</param>
/// <param name="Rule">The rule that gave the status, in words ("red: no safeguarding and wellbeing lead").</param>
/// <param name="Change">Against the previous cycle, for a number.</param>
/// <param name="ChangedAt">When the facts behind the cell's strand last changed for this school.</param>
public sealed record MatrixCell(
    Guid SchoolId, decimal? Value, string? Text, int? Denominator, CellStatus Status, string Rule, decimal? Change, DateTimeOffset? ChangedAt);

/// <summary>A record behind a cell.</summary>
/// <param name="Kind">observation, followUp, deployment, visit or role.</param>
/// <param name="Person">The teacher observed or supported, the person deployed, the visitor, the lead.</param>
/// <param name="OtherSchoolId">The other school of a deployment, a visit, or an observation given.</param>
/// <param name="State">The record's state (for a role, the role).</param>
public sealed record CellRecord(
    Guid Id, string Kind, string? Person, Guid? OtherSchoolId, string? OtherSchoolName, DateOnly? StartsOn, DateOnly? EndsOn, string State)
{
    public static CellRecord From(CellRecordRow row) => new(
        row.Id, row.Kind, row.Person, row.OtherSchoolId, row.OtherSchoolName, row.StartsOn, row.EndsOn, row.State);
}

/// <param name="Service">schools, staff, observations or exchanges.</param>
public sealed record MatrixSource(string Service, DateTimeOffset LastEventAt, DateTimeOffset LastReceivedAt);

public static class MatrixApi
{
    public static IEndpointRouteBuilder MapMatrixApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/matrix").WithTags("Management matrix");
        var writes = group.Writes();
        group.MapGet("/federations/{id:guid}", (Guid id, string? cycle, DateOnly? on, [AsParameters] MatrixContext context, CancellationToken cancellationToken) =>
                GetAsync(id, "federation", cycle, on, context, cancellationToken))
            .WithName("GetFederationMatrix")
            .WithSummary("A federation's matrix for a cycle (?cycle=2026-3, or the cycle of ?on=, or today's): its executive principal, its schools' heads, " +
                         "their local-authority officers. Accept: text/csv for the governors' CSV.")
            .Produces(StatusCodes.Status200OK, contentType: MatrixCsv.ContentType);
        group.MapGet("/clusters/{id:guid}", (Guid id, string? cycle, DateOnly? on, [AsParameters] MatrixContext context, CancellationToken cancellationToken) =>
                GetAsync(id, "cluster", cycle, on, context, cancellationToken))
            .WithName("GetClusterMatrix")
            .WithSummary("A cluster's matrix for a cycle: its chair, its schools' heads, the local-authority officer. Accept: text/csv for a CSV.")
            .Produces(StatusCodes.Status200OK, contentType: MatrixCsv.ContentType);
        writes.MapPost("/federations/{id:guid}/schools/{schoolId:guid}/adopt-template", AdoptTemplateAsync)
            .WithName("AdoptMatrixTemplate")
            .WithSummary("The executive principal adopts the lead school's rows (its leadership functions) for a member school (scenario 8): " +
                         "its leadership cells are judged from then on, red where it has no owner.");
        foreach (var (kind, path) in new[] { ("federation", "federations"), ("cluster", "clusters") })
        {
            var name = kind == "federation" ? "Federation" : "Cluster";
            group.MapGet($"/{path}/{{id:guid}}/settings", (Guid id, [AsParameters] MatrixContext context, CancellationToken cancellationToken) =>
                    GetSettingsAsync(id, kind, context, cancellationToken))
                .WithName($"Get{name}MatrixSettings").WithSummary($"The {kind}'s thresholds behind the colours (its matrix's readers).");
            writes.MapPut($"/{path}/{{id:guid}}/settings",
                    (Guid id, MatrixSettingsRequest request, [AsParameters] MatrixContext context, CancellationToken cancellationToken) =>
                        SetSettingsAsync(id, kind, request, context, cancellationToken))
                .WithName($"Set{name}MatrixSettings")
                .WithSummary($"Set the {kind}'s thresholds ({(kind == "federation" ? "its executive principal" : "its chair or the local-authority officer")}).")
                .Validate<MatrixSettingsRequest>();
            writes.MapPost($"/{path}/{{id:guid}}/cycles/{{cycle}}/close",
                    (Guid id, string cycle, [AsParameters] MatrixContext context, CancellationToken cancellationToken) =>
                        CloseCycleAsync(id, kind, cycle, context, cancellationToken))
                .WithName($"Close{name}MatrixCycle")
                .WithSummary($"Close a cycle of the {kind}'s matrix after its last day: its figures are frozen as they stand, and read the same later.");
            group.MapGet($"/{path}/{{id:guid}}/rows/{{row}}/schools/{{schoolId:guid}}",
                    (Guid id, string row, Guid schoolId, string? cycle, DateOnly? on, [AsParameters] PageRequest page, [AsParameters] MatrixContext context,
                        CellRecordStore records, CancellationToken cancellationToken) =>
                        RecordsAsync(id, kind, row, schoolId, cycle, on, page, context, records, cancellationToken))
                .WithName(kind == "federation" ? "ListFederationCellRecords" : "ListClusterCellRecords")
                .WithSummary($"The records behind a school's cell of the {kind}'s matrix (e.g. row observation.teachersObserved): ids, names, " +
                             "dates and states, never an observation's notes; for the school's head and executive principal.")
                .Validate<PageRequest>();
        }
        return endpoints;
    }

    /// <summary>The matrix as JSON, or as the governors' CSV when the caller accepts text/csv. The
    /// JSON carries an ETag of its figures (not of asOf, which any event anywhere moves): a client
    /// following the matrix asks again with If-None-Match and gets 304 until a figure of this scope
    /// and cycle changes.</summary>
    private static async Task<Results<Ok<MatrixResponse>, FileContentHttpResult, StatusCodeHttpResult, NotFound, ValidationProblem>> GetAsync(
        Guid id, string kind, string? cycleId, DateOnly? on, MatrixContext context, CancellationToken cancellationToken)
    {
        var built = (await BuildAsync(id, kind, cycleId, on, context, cancellationToken)).Result;
        if (built is not Ok<MatrixResponse> { Value: { } matrix })
        {
            return built is NotFound notFound ? notFound : (ValidationProblem)built;
        }
        if (context.Request.GetTypedHeaders().Accept.Any(type => type.MediaType == MatrixCsv.ContentType))
        {
            return TypedResults.File(MatrixCsv.Write(matrix), $"{MatrixCsv.ContentType}; charset=utf-8", MatrixCsv.FileName(matrix));
        }
        var etag = $"\"{FiguresTag(matrix)}\"";
        context.Request.HttpContext.Response.Headers.ETag = etag;
        return context.Request.Headers.IfNoneMatch.Contains(etag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(matrix);
    }

    /// <summary>A hash of what the matrix shows: scope, cycle, columns and every cell.</summary>
    private static string FiguresTag(MatrixResponse matrix) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(
            new { matrix.Scope, matrix.Cycle, matrix.Columns, matrix.Strands }, JsonSerializerOptions.Web)))[..32];

    private static async Task<Results<Ok<MatrixResponse>, NotFound, ValidationProblem>> BuildAsync(
        Guid id, string kind, string? cycleId, DateOnly? on, MatrixContext context, CancellationToken cancellationToken)
    {
        var resolution = await ResolveAsync(id, kind, cycleId, on, context, cancellationToken);
        if (resolution.Problem is { } problem)
        {
            return problem;
        }
        if (resolution.Matrix is not var (scope, cycle, previous, columns, today))
        {
            return TypedResults.NotFound();
        }
        if (await context.Settings.ClosedAsync<MatrixResponse>(scope.Id, cycle.Id, cancellationToken) is { } frozen)
        {
            return TypedResults.Ok(frozen);
        }
        var store = context.Store;
        var schools = columns.Select(column => column.SchoolId).ToArray();
        var asOf = today < cycle.EndsOn ? today : cycle.EndsOn;
        var awaitingTemplate = await store.AwaitingTemplateAsync(scope, schools, cancellationToken);
        var figures = await store.FiguresAsync(schools, cycle.StartsOn, cycle.EndsOn, asOf, awaitingTemplate, cancellationToken);
        var before = await store.FiguresAsync(schools, previous.StartsOn, previous.EndsOn, previous.EndsOn, awaitingTemplate, cancellationToken);
        var thresholds = await context.Settings.ThresholdsAsync(scope.Id, cancellationToken);
        var strands = MatrixRow.All.GroupBy(row => row.Strand).Select(strand => new MatrixStrand(strand.Key, [.. strand.Select(row => new MatrixRowResponse(
            row.Key, row.Label, [.. schools.Select(school =>
            {
                var figure = row.Cell(figures[school], thresholds);
                var earlier = row.Cell(before[school], thresholds);
                return new MatrixCell(school, figure.Value, figure.Text, figure.Denominator, figure.Status, figure.Rule,
                    figure.Value - earlier.Value, figures[school].ChangedAt.TryGetValue(row.Strand, out var changedAt) ? changedAt : null);
            })]))])).ToArray();
        var sources = await store.SourcesAsync(cancellationToken);
        return TypedResults.Ok(new MatrixResponse(
            new MatrixScope(scope.Kind, scope.Id, scope.Name), MatrixCycle.From(cycle), MatrixCycle.From(previous),
            [.. columns.Select(column => new MatrixColumn(column.SchoolId, column.Name))], strands,
            sources.Count == 0 ? null : sources.Max(source => source.LastEventAt),
            [.. sources.Select(source => new MatrixSource(source.Service, source.LastEventAt, source.LastReceivedAt))]));
    }

    /// <summary>The records behind a school's cell for a cycle, a page at a time: for the school's
    /// leaders (its head, its federation's executive principal) and administrators; others who read
    /// the matrix get 403 (DOMAIN.md §4: drilling down is for the school's leadership).</summary>
    private static async Task<Results<Ok<Page<CellRecord>>, NotFound, ValidationProblem, ProblemHttpResult>> RecordsAsync(
        Guid id, string kind, string row, Guid schoolId, string? cycleId, DateOnly? on, PageRequest page, MatrixContext context,
        CellRecordStore records, CancellationToken cancellationToken)
    {
        var resolution = await ResolveAsync(id, kind, cycleId, on, context, cancellationToken);
        if (resolution.Problem is { } problem)
        {
            return problem;
        }
        if (resolution.Matrix is not var (_, cycle, _, columns, today) || !CellRecordStore.IsRow(row) || columns.All(column => column.SchoolId != schoolId))
        {
            return TypedResults.NotFound();
        }
        if (!context.Caller.IsAdministrator
            && ((await context.Caller.PersonAsync(cancellationToken))?.Id is not { } personId
                || !await context.Access.LeadsSchoolAsync(personId, schoolId, today, cancellationToken)))
        {
            return Caller.Denied("The records behind a school's cells are for its head and its executive principal.");
        }
        var asOf = today < cycle.EndsOn ? today : cycle.EndsOn;
        return TypedResults.Ok((await records.ListAsync(row, schoolId, cycle.StartsOn, cycle.EndsOn, asOf, page, cancellationToken)).Select(CellRecord.From));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> AdoptTemplateAsync(
        Guid id, Guid schoolId, [AsParameters] MatrixContext context, CancellationToken cancellationToken)
    {
        if (await ReadableScopeAsync(id, "federation", context, cancellationToken) is not { } scope)
        {
            return TypedResults.NotFound();
        }
        if (await DeniedUnlessManagerAsync(id, "federation", context, cancellationToken) is { } denied)
        {
            return denied;
        }
        if (schoolId == scope.LeadSchoolId || !await context.Store.IsMemberAsync(id, schoolId, cancellationToken))
        {
            return MatrixRules.TemplateForMembers.Conflict("The school is the lead school, or not a member of the federation now.");
        }
        await context.Store.AdoptTemplateAsync(scope, schoolId, context.Caller.Email, context.Clock.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MatrixThresholds>, NotFound>> GetSettingsAsync(
        Guid id, string kind, MatrixContext context, CancellationToken cancellationToken) =>
        await ReadableScopeAsync(id, kind, context, cancellationToken) is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(await context.Settings.ThresholdsAsync(id, cancellationToken));

    private static async Task<Results<Ok<MatrixThresholds>, NotFound, ProblemHttpResult>> SetSettingsAsync(
        Guid id, string kind, MatrixSettingsRequest request, MatrixContext context, CancellationToken cancellationToken)
    {
        if (await ReadableScopeAsync(id, kind, context, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        if (await DeniedUnlessManagerAsync(id, kind, context, cancellationToken) is { } denied)
        {
            return denied;
        }
        var thresholds = new MatrixThresholds(request.ObservedGreen!.Value, request.ObservedAmber!.Value);
        await context.Settings.SetThresholdsAsync(id, thresholds, context.Caller.Email, cancellationToken);
        return TypedResults.Ok(thresholds);
    }

    private static async Task<Results<Ok<MatrixResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CloseCycleAsync(
        Guid id, string kind, string cycleId, MatrixContext context, CancellationToken cancellationToken)
    {
        var built = (await BuildAsync(id, kind, cycleId, null, context, cancellationToken)).Result;
        if (built is not Ok<MatrixResponse> { Value: { } matrix })
        {
            return built is NotFound notFound ? notFound : (ValidationProblem)built;
        }
        if (await DeniedUnlessManagerAsync(id, kind, context, cancellationToken) is { } denied)
        {
            return denied;
        }
        if (matrix.ClosedAt is not null)
        {
            return MatrixRules.CycleClosed.Conflict($"{matrix.Cycle.Name} was closed at {matrix.ClosedAt:u}.");
        }
        if (matrix.Cycle.EndsOn >= context.Clock.Today())
        {
            return MatrixRules.CycleNotEnded.Conflict($"{matrix.Cycle.Name} runs to {matrix.Cycle.EndsOn:yyyy-MM-dd}; close it after that day.");
        }
        var closed = matrix with { ClosedAt = context.Clock.GetUtcNow() };
        return await context.Settings.CloseAsync(id, kind, matrix.Cycle.Id, matrix.Cycle.StartsOn, matrix.Cycle.EndsOn, closed, context.Caller.Email, cancellationToken)
            ? TypedResults.Ok(closed)
            : MatrixRules.CycleClosed.Conflict($"{matrix.Cycle.Name} was closed meanwhile.");
    }

    /// <summary>403 unless the caller manages the scope: a federation's executive principal, a cluster's chair or officer.</summary>
    private static Task<ProblemHttpResult?> DeniedUnlessManagerAsync(Guid id, string kind, MatrixContext context, CancellationToken cancellationToken) =>
        kind == "federation"
            ? context.Caller.DeniedUnlessAsync(Permission.ManageFederation, Scope.Federation(id), "A federation's matrix is set by its executive principal.", cancellationToken)
            : context.Caller.DeniedUnlessAsync(Permission.ManageClusterSettings, Scope.Cluster(id),
                "A cluster's matrix is set by its chair or its local-authority officer.", cancellationToken);

    /// <summary>The federation or cluster, when the caller may read its matrix (null: answer 404).</summary>
    private static async Task<ScopeRow?> ReadableScopeAsync(Guid id, string kind, MatrixContext context, CancellationToken cancellationToken) =>
        await context.Store.ScopeAsync(id, kind, cancellationToken) is { } scope
        && (context.Caller.IsAdministrator
            || ((await context.Caller.PersonAsync(cancellationToken))?.Id is { } personId
                && await context.Access.MayReadAsync(personId, id, context.Clock.Today(), cancellationToken)))
            ? scope
            : null;

    /// <summary>The scope the caller may read (none: 404), the cycle asked for (a bad one: 400) and the
    /// one before, and the schools that were members in it.</summary>
    private static async Task<Resolution> ResolveAsync(
        Guid id, string kind, string? cycleId, DateOnly? on, MatrixContext context, CancellationToken cancellationToken)
    {
        var (store, _, access, calendars, _, clock, _) = context;
        var today = clock.Today();
        if (await ReadableScopeAsync(id, kind, context, cancellationToken) is not { } scope)
        {
            return new Resolution(null, null);
        }
        var calendar = await access.CalendarOfAsync(scope, cancellationToken) ?? Guid.Empty;
        HalfTerm halfTerm;
        if (cycleId is not null)
        {
            if (!Cycle.TryParse(cycleId, out var startYear, out var number))
            {
                return new Resolution(null, FieldErrors.Problem("cycle", "A cycle is a school year's start and a number from 1 to 6, e.g. 2026-3."));
            }
            halfTerm = Cycle.HalfTermOf(startYear, number);
        }
        else
        {
            halfTerm = (await calendars.HalfTermAsync(calendar, on ?? today, cancellationToken)).HalfTerm;
        }
        var cycle = await CycleAsync(calendars, calendar, halfTerm, cancellationToken);
        var previous = await CycleAsync(calendars, calendar, halfTerm.Previous(), cancellationToken);
        var columns = await store.ColumnsAsync(scope, cycle.StartsOn, cycle.EndsOn, cancellationToken);
        return new Resolution(new ResolvedMatrix(scope, cycle, previous, columns, today), null);
    }

    private static async Task<Cycle> CycleAsync(SchoolCalendars calendars, Guid calendar, HalfTerm halfTerm, CancellationToken cancellationToken)
    {
        var (startsOn, endsOn) = (await calendars.YearAsync(calendar, halfTerm.StartYear, cancellationToken)).Year.DatesOf(halfTerm);
        return new Cycle(halfTerm.StartYear, Cycle.NumberOf(halfTerm), startsOn, endsOn);
    }
}

/// <summary>A scope, its cycle and the one before, its columns in the cycle, and today.</summary>
internal sealed record ResolvedMatrix(ScopeRow Scope, Cycle Cycle, Cycle Previous, List<ColumnRow> Columns, DateOnly Today);

/// <summary>What finding a matrix came to: the matrix, or a 400, or (neither) a 404.</summary>
internal sealed record Resolution(ResolvedMatrix? Matrix, ValidationProblem? Problem);

/// <summary>What reading a matrix works with.</summary>
internal sealed record MatrixContext(
    MatrixStore Store, ScopeSettingsStore Settings, MatrixAccess Access, SchoolCalendars Calendars, Caller Caller, TimeProvider Clock, HttpRequest Request);
