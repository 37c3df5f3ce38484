using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Federation.Matrix.Data;
using Federation.Matrix.Events;
using Microsoft.AspNetCore.Mvc;

namespace Federation.Matrix.Api;

/// <summary>A federation's or a cluster's management matrix for one cycle: its member schools side
/// by side (columns) against the strands and rows of ARCHITECTURE.md §9.</summary>
/// <param name="AsOf">When the newest event the matrix has applied happened.</param>
/// <param name="Sources">Per source service, when its newest event happened and arrived: a quiet source shows as stale, not as red.</param>
/// <param name="ClosedAt">When the cycle was closed: its figures are frozen as they stood then. Null while it is open.</param>
public sealed record MatrixResponse(
    MatrixScope Scope, MatrixCycle Cycle, MatrixCycle PreviousCycle, MatrixColumn[] Columns, MatrixStrand[] Strands, DateTimeOffset? AsOf,
    MatrixSource[] Sources, DateTimeOffset? ClosedAt = null);

/// <summary>Thresholds behind the colours of the "teachers observed" cells, as a request carries them:
/// a scope's standing thresholds, or the targets set for a cycle.</summary>
public interface IThresholdsRequest
{
    /// <summary>The share of teachers observed in the cycle from which the cell is green (0 to 1; default 0.8).</summary>
    decimal? ObservedGreen { get; }

    /// <summary>The share from which it is amber (0 to 1, at most observedGreen; default 0.5); below, red.</summary>
    decimal? ObservedAmber { get; }
}

internal sealed class ThresholdsValidator : AbstractValidator<IThresholdsRequest>
{
    public ThresholdsValidator()
    {
        RuleFor(request => request.ObservedGreen).NotNull().InclusiveBetween(0, 1);
        RuleFor(request => request.ObservedAmber).NotNull().InclusiveBetween(0, 1)
            .LessThanOrEqualTo(request => request.ObservedGreen).When(request => request.ObservedGreen is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("observedAmber is at most observedGreen.");
    }
}

/// <summary>A scope's thresholds behind the colours, and its cycle calendar.</summary>
/// <param name="CycleWeeks">The cycle calendar: null for the half-terms of the scope's calendar (the
/// default), or cycles of this many weeks of teaching (2 to 13) from the start of each term.</param>
public sealed record MatrixSettingsRequest(decimal? ObservedGreen, decimal? ObservedAmber, int? CycleWeeks) : IThresholdsRequest;

/// <summary>The targets set for a cycle (DOMAIN.md rule 8): its "teachers observed" cells are judged
/// against them instead of the scope's thresholds.</summary>
public sealed record CycleTargetsRequest(decimal? ObservedGreen, decimal? ObservedAmber) : IThresholdsRequest;

internal sealed class CycleTargetsValidator : AbstractValidator<CycleTargetsRequest>
{
    public CycleTargetsValidator() => Include(new ThresholdsValidator());
}

internal sealed class MatrixSettingsValidator : AbstractValidator<MatrixSettingsRequest>
{
    public MatrixSettingsValidator()
    {
        Include(new ThresholdsValidator());
        RuleFor(request => request.CycleWeeks).InclusiveBetween(2, 13)
            .WithMessage("cycleWeeks is a number of weeks from 2 to 13, or null for the half-terms.");
    }
}

/// <param name="Kind">federation or cluster.</param>
public sealed record MatrixScope(string Kind, Guid Id, string Name);

/// <param name="Id">As <c>?cycle=</c> takes it: "2026-3".</param>
/// <param name="Name">e.g. "2026/27 cycle 3".</param>
public sealed record MatrixCycle(string Id, string Name, int Number, DateOnly StartsOn, DateOnly EndsOn)
{
    public static MatrixCycle From(Cycle cycle) => new(cycle.Id, cycle.Name, cycle.Number, cycle.StartsOn, cycle.EndsOn);

    public Cycle ToCycle() => Cycle.TryParse(Id, out var startYear, out _)
        ? new Cycle(startYear, Number, StartsOn, EndsOn)
        : throw new InvalidOperationException($"'{Id}' is not a cycle.");
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
        writes.MapPost("/rebuild", RebuildAsync)
            .WithName("RebuildMatrix")
            .WithSummary("Administrators: forget the matrix's facts and ask every service to publish its state again (./fed rebuild-matrix). " +
                         "Answers 202 at once; the matrices come back as the events arrive (asOf and the sources say how far).");
        writes.MapPost("/federations/{id:guid}/schools/{schoolId:guid}/adopt-template", AdoptTemplateAsync)
            .WithName("AdoptMatrixTemplate")
            .WithSummary("The executive principal adopts the lead school's rows (its leadership functions) for a member school (scenario 8): " +
                         "its leadership cells are judged from then on, red where it has no owner.");
        foreach (var (kind, path) in new[] { ("federation", "federations"), ("cluster", "clusters") })
        {
            var name = kind == "federation" ? "Federation" : "Cluster";
            group.MapGet($"/{path}/{{id:guid}}", (Guid id, string? cycle, DateOnly? on, [AsParameters] MatrixContext context, CancellationToken cancellationToken) =>
                    GetAsync(id, kind, cycle, on, context, cancellationToken))
                .WithName($"Get{name}Matrix")
                .WithSummary(kind == "federation"
                    ? "A federation's matrix for a cycle (?cycle=2026-3, or the cycle of ?on=, or today's): its executive principal, its schools' heads, " +
                      "their local-authority officers. Accept: text/csv for the governors' CSV."
                    : "A cluster's matrix for a cycle (?cycle=2026-3, or the cycle of ?on=, or today's): its chair, its schools' heads, " +
                      "the local-authority officer. Accept: text/csv for the governors' CSV.")
                .Produces<MatrixResponse>()
                .Produces(StatusCodes.Status200OK, contentType: MatrixCsv.ContentType);
            group.MapGet($"/{path}/{{id:guid}}/changes",
                    (Guid id, [FromHeader(Name = "Last-Event-ID")] string? lastEventId, [AsParameters] MatrixContext context, MatrixDocuments documents,
                        MatrixChangeSignals signals, CancellationToken cancellationToken) =>
                        FollowAsync(id, kind, lastEventId, context, documents, signals, cancellationToken))
                .WithName($"Follow{name}Matrix")
                .WithSummary($"Follow the {kind}'s matrix: server-sent events (text/event-stream), one 'cells' event with the cells that changed " +
                             "each time its figures change; reconnect with Last-Event-ID to miss nothing.")
                .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
            group.MapGet($"/{path}/{{id:guid}}/settings", (Guid id, [AsParameters] MatrixContext context, CancellationToken cancellationToken) =>
                    GetSettingsAsync(id, kind, context, cancellationToken))
                .WithName($"Get{name}MatrixSettings").WithSummary($"The {kind}'s thresholds behind the colours and its cycle calendar (its matrix's readers).");
            writes.MapPut($"/{path}/{{id:guid}}/settings",
                    (Guid id, MatrixSettingsRequest request, [AsParameters] MatrixContext context, CancellationToken cancellationToken) =>
                        SetSettingsAsync(id, kind, request, context, cancellationToken))
                .WithName($"Set{name}MatrixSettings")
                .WithSummary($"Set the {kind}'s thresholds and cycle calendar ({(kind == "federation" ? "its executive principal" : "its chair or the local-authority officer")}).")
                .Validate<MatrixSettingsRequest>();
            group.MapGet($"/{path}/{{id:guid}}/cycles/{{cycle}}/targets",
                    (Guid id, string cycle, [AsParameters] MatrixContext context, CancellationToken cancellationToken) =>
                        GetTargetsAsync(id, kind, cycle, context, cancellationToken))
                .WithName($"Get{name}MatrixCycleTargets")
                .WithSummary($"The targets set for a cycle of the {kind}'s matrix (its matrix's readers); 404 until they are set.");
            writes.MapPut($"/{path}/{{id:guid}}/cycles/{{cycle}}/targets",
                    (Guid id, string cycle, CycleTargetsRequest request, [AsParameters] MatrixContext context, CancellationToken cancellationToken) =>
                        SetTargetsAsync(id, kind, cycle, request, context, cancellationToken))
                .WithName($"Set{name}MatrixCycleTargets")
                .WithSummary($"Set the targets of a cycle of the {kind}'s matrix, which its cells are judged against (who sets the {kind}'s thresholds); " +
                             "a cycle closes only once the next one's are set.")
                .Validate<CycleTargetsRequest>();
            writes.MapPost($"/{path}/{{id:guid}}/cycles/{{cycle}}/close",
                    (Guid id, string cycle, [AsParameters] MatrixContext context, CancellationToken cancellationToken) =>
                        CloseCycleAsync(id, kind, cycle, context, cancellationToken))
                .WithName($"Close{name}MatrixCycle")
                .WithSummary($"Close a cycle of the {kind}'s matrix after its last day, once the next cycle's targets are set: its figures are frozen as they stand, and read the same later.");
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

    /// <summary>The matrix as JSON, or as the governors' CSV when the caller accepts text/csv. Today's
    /// cycle is answered from its materialised figures (one row); another cycle is worked out from
    /// the facts, and a closed one read as it was frozen. The JSON carries an ETag of its figures
    /// (not of asOf, which any event anywhere moves): a client following the matrix asks again with
    /// If-None-Match and gets 304 until a figure of this scope and cycle changes.</summary>
    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, NotFound, ValidationProblem>> GetAsync(
        Guid id, string kind, string? cycleId, DateOnly? on, MatrixContext context, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(id, kind, cycleId, on, context, cancellationToken);
        if (read.Problem is { } problem)
        {
            return problem;
        }
        if (read.Matrix is not { } matrix)
        {
            return TypedResults.NotFound();
        }
        var request = context.Request;
        if (request.GetTypedHeaders().Accept.Any(type => type.MediaType == MatrixCsv.ContentType))
        {
            var response = matrix.Response();
            return TypedResults.File(MatrixCsv.Write(response), $"{MatrixCsv.ContentType}; charset=utf-8", MatrixCsv.FileName(response));
        }
        var etag = $"\"{matrix.Etag}\"";
        request.HttpContext.Response.Headers.ETag = etag;
        return request.Headers.IfNoneMatch.Contains(etag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(matrix.Json(), "application/json");
    }

    /// <summary>Follows a scope's matrix: a server-sent event (<c>cells</c>) each time its figures
    /// change, with the cells that changed (<see cref="MatrixChanges"/>), its id the change's
    /// position, so that a client reconnecting with Last-Event-ID misses nothing kept (a day);
    /// <c>heartbeat</c> every 15 seconds. The caller's right to read the matrix is checked again
    /// at each heartbeat.</summary>
    private static async Task<IResult> FollowAsync(
        Guid id, string kind, string? lastEventId, MatrixContext context, MatrixDocuments documents,
        MatrixChangeSignals signals, CancellationToken cancellationToken)
    {
        if (await ReadableScopeAsync(id, kind, context, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        var after = long.TryParse(lastEventId, out var position) && position >= 0
            ? position
            : await documents.LastPositionAsync(id, cancellationToken);
        var personId = context.Caller.IsAdministrator ? (Guid?)null : (await context.Caller.PersonAsync(cancellationToken))?.Id;
        return TypedResults.ServerSentEvents(Stream(cancellationToken));

        async IAsyncEnumerable<SseItem<string>> Stream([EnumeratorCancellation] CancellationToken stopping)
        {
            yield return new SseItem<string>(after.ToString(CultureInfo.InvariantCulture), "following") { ReconnectionInterval = TimeSpan.FromSeconds(2) };
            while (!stopping.IsCancellationRequested)
            {
                var next = signals.Next(id);
                var changes = await documents.ChangesAfterAsync(id, after, stopping);
                foreach (var change in changes)
                {
                    after = change.Position;
                    yield return new SseItem<string>(change.Changes, "cells") { EventId = change.Position.ToString(CultureInfo.InvariantCulture) };
                }
                if (changes.Count > 0)
                {
                    continue;
                }
                if (await next.WaitAsync(Heartbeat, stopping).ContinueWith(wait => wait.IsCompletedSuccessfully, TaskScheduler.Default))
                {
                    continue;
                }
                if (personId is { } person && !await context.Access.MayReadAsync(person, id, context.Clock.Today(), stopping))
                {
                    yield break;
                }
                yield return new SseItem<string>("", "heartbeat");
            }
        }
    }

    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    private static ValidationProblem BadCycle => FieldErrors.Problem("cycle", "A cycle is a school year's start and its number in that year, e.g. 2026-3.");

    private static ValidationProblem NoSuchCycle(string? cycleId) =>
        FieldErrors.Problem("cycle", $"The scope's cycle calendar has no cycle {cycleId} (see its settings: the half-terms, or cycles of a number of weeks).");

    /// <summary>The matrix the caller asked for: null when they may not read it (404), a 400 for a bad cycle.</summary>
    private static async Task<(MatrixRead? Matrix, ValidationProblem? Problem)> ReadAsync(
        Guid id, string kind, string? cycleId, DateOnly? on, MatrixContext context, CancellationToken cancellationToken)
    {
        if (cycleId is not null && !Cycle.TryParse(cycleId, out _, out _))
        {
            return (null, BadCycle);
        }
        if (await ReadableAsync(id, kind, context, cancellationToken) is not { } readable)
        {
            return (null, null);
        }
        var (scope, today) = (readable.Scope, context.Clock.Today());
        if (on is null && await context.Documents.TodaysAsync(id, today, cancellationToken) is { } document && (cycleId is null || cycleId == document.CycleId))
        {
            return (new MatrixRead(document.Figures, document.Etag, readable), null);
        }
        if (await context.Builder.CyclesAsync(scope, cycleId, on ?? today, cancellationToken) is not { } cycles)
        {
            return (null, NoSuchCycle(cycleId));
        }
        var (cycle, previous) = cycles;
        if (await context.Settings.ClosedAsync<MatrixResponse>(scope.Id, cycle.Id, cancellationToken) is { } frozen)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(frozen, ScopeSettingsStore.Json);
            return (new MatrixRead(json, MatrixFigures.TagOf(json), readable, frozen), null);
        }
        var figures = (await context.Builder.FiguresAsync(scope, cycle, previous, today, cancellationToken)).ToJson();
        if (cycleId is null && on is null)
        {
            // Today's matrix is not worked out yet (a new day, a scope just formed): the materialiser does it next.
            await context.Materialiser.MarkChangedAsync(id, cancellationToken);
        }
        return (new MatrixRead(figures, MatrixFigures.TagOf(figures), readable), null);
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
        if (resolution.Matrix is not var (_, cycle, columns, today) || !CellRecordStore.IsRow(row) || columns.All(column => column.SchoolId != schoolId))
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

    private static async Task<Results<Accepted, ProblemHttpResult>> RebuildAsync(
        Caller caller, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!caller.IsAdministrator)
        {
            return Caller.Denied("Only platform administrators rebuild the matrix.");
        }
        await dataSource.InTransactionAsync(async session =>
        {
            await MatrixFacts.RebuildAsync(session, clock.GetUtcNow());
            return true;
        }, cancellationToken);
        return TypedResults.Accepted((string?)null);
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
        await context.Materialiser.MaterialiseNowAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MatrixSettings>, NotFound>> GetSettingsAsync(
        Guid id, string kind, MatrixContext context, CancellationToken cancellationToken) =>
        await ReadableScopeAsync(id, kind, context, cancellationToken) is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(await context.Settings.SettingsAsync(id, cancellationToken));

    private static async Task<Results<Ok<MatrixSettings>, NotFound, ProblemHttpResult>> SetSettingsAsync(
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
        var settings = new MatrixSettings(request.ObservedGreen!.Value, request.ObservedAmber!.Value, request.CycleWeeks);
        await context.Settings.SetAsync(id, settings, context.Caller.Email, cancellationToken);
        await context.Materialiser.MaterialiseNowAsync(id, cancellationToken);
        return TypedResults.Ok(settings);
    }

    private static async Task<Results<Ok<MatrixThresholds>, NotFound, ValidationProblem>> GetTargetsAsync(
        Guid id, string kind, string cycleId, MatrixContext context, CancellationToken cancellationToken)
    {
        var resolution = await ResolveAsync(id, kind, cycleId, null, context, cancellationToken);
        if (resolution.Problem is { } problem)
        {
            return problem;
        }
        return resolution.Matrix is { } matrix && await context.Settings.TargetsAsync(id, matrix.Cycle.Id, cancellationToken) is { } targets
            ? TypedResults.Ok(targets)
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<MatrixThresholds>, NotFound, ValidationProblem, ProblemHttpResult>> SetTargetsAsync(
        Guid id, string kind, string cycleId, CycleTargetsRequest request, MatrixContext context, CancellationToken cancellationToken)
    {
        var resolution = await ResolveAsync(id, kind, cycleId, null, context, cancellationToken);
        if (resolution.Problem is { } problem)
        {
            return problem;
        }
        if (resolution.Matrix is not { } matrix)
        {
            return TypedResults.NotFound();
        }
        if (await DeniedUnlessManagerAsync(id, kind, context, cancellationToken) is { } denied)
        {
            return denied;
        }
        if (await context.Settings.ClosedAsync<MatrixResponse>(id, matrix.Cycle.Id, cancellationToken) is { } frozen)
        {
            return MatrixRules.CycleClosed.Conflict($"{frozen.Cycle.Name} was closed at {frozen.ClosedAt:u}: its targets stay as they were.");
        }
        var targets = new MatrixThresholds(request.ObservedGreen!.Value, request.ObservedAmber!.Value);
        await context.Settings.SetTargetsAsync(id, matrix.Cycle.Id, targets, context.Caller.Email, cancellationToken);
        await context.Materialiser.MaterialiseNowAsync(id, cancellationToken);
        return TypedResults.Ok(targets);
    }

    private static async Task<Results<Ok<MatrixResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CloseCycleAsync(
        Guid id, string kind, string cycleId, MatrixContext context, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(id, kind, cycleId, null, context, cancellationToken);
        if (read.Problem is { } problem)
        {
            return problem;
        }
        if (read.Matrix is null)
        {
            return TypedResults.NotFound();
        }
        var matrix = read.Matrix.Response();
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
        var next = await context.Builder.NextAsync(read.Matrix.Scope.Scope, matrix.Cycle.ToCycle(), cancellationToken);
        if (await context.Settings.TargetsAsync(id, next.Id, cancellationToken) is null)
        {
            return MatrixRules.NextCycleTargets.Conflict($"Set the targets of {next.Name} ({next.Id}) before closing {matrix.Cycle.Name}.");
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

    /// <summary>The federation or cluster, with the sources' times, when the caller may read its matrix (null: answer 404):
    /// one query, unless the caller's token is new to the platform (then they are bound to their person first).</summary>
    private static async Task<ScopeRead?> ReadableAsync(Guid id, string kind, MatrixContext context, CancellationToken cancellationToken)
    {
        var (caller, today) = (context.Caller, context.Clock.Today());
        var read = await context.Access.ReadAsync(id, kind, caller.Subject, today, cancellationToken);
        return read switch
        {
            null => null,
            { MayRead: true } => read,
            _ when caller.IsAdministrator => read,
            _ => (await caller.PersonAsync(cancellationToken))?.Id is { } personId && await context.Access.MayReadAsync(personId, id, today, cancellationToken)
                ? read
                : null,
        };
    }

    private static async Task<ScopeRow?> ReadableScopeAsync(Guid id, string kind, MatrixContext context, CancellationToken cancellationToken) =>
        (await ReadableAsync(id, kind, context, cancellationToken))?.Scope;

    /// <summary>The scope the caller may read (none: 404), the cycle asked for (a bad one: 400), and the schools that were members in it.</summary>
    private static async Task<Resolution> ResolveAsync(
        Guid id, string kind, string? cycleId, DateOnly? on, MatrixContext context, CancellationToken cancellationToken)
    {
        if (cycleId is not null && !Cycle.TryParse(cycleId, out _, out _))
        {
            return new Resolution(null, BadCycle);
        }
        if (await ReadableScopeAsync(id, kind, context, cancellationToken) is not { } scope)
        {
            return new Resolution(null, null);
        }
        var today = context.Clock.Today();
        if (await context.Builder.CyclesAsync(scope, cycleId, on ?? today, cancellationToken) is not { } cycles)
        {
            return new Resolution(null, NoSuchCycle(cycleId));
        }
        var cycle = cycles.Cycle;
        var columns = await context.Store.ColumnsAsync(scope, cycle.StartsOn, cycle.EndsOn, cancellationToken);
        return new Resolution(new ResolvedMatrix(scope, cycle, columns, today), null);
    }
}

/// <summary>A matrix as read: its figures' JSON (a closed cycle's: the whole frozen matrix), their
/// ETag, and the scope as read with the sources' times.</summary>
internal sealed record MatrixRead(byte[] Figures, string Etag, ScopeRead Scope, MatrixResponse? Frozen = null)
{
    /// <summary>The JSON answered: a frozen matrix as it was; otherwise the figures with asOf and
    /// the sources as they stand now, spliced in front of the figures' properties.</summary>
    public byte[] Json()
    {
        if (Frozen is not null)
        {
            return Figures;
        }
        var head = Encoding.UTF8.GetBytes(
            $"{{\"asOf\":{JsonSerializer.Serialize(Scope.AsOf, ScopeSettingsStore.Json)},\"sources\":{Scope.Sources},\"closedAt\":null,");
        return [.. head, .. Figures.AsSpan(1)];
    }

    public MatrixResponse Response()
    {
        if (Frozen is not null)
        {
            return Frozen;
        }
        var figures = MatrixFigures.FromJson(Figures);
        return new MatrixResponse(figures.Scope, figures.Cycle, figures.PreviousCycle, figures.Columns, figures.Strands, Scope.AsOf,
            JsonSerializer.Deserialize<MatrixSource[]>(Scope.Sources, ScopeSettingsStore.Json)!);
    }
}

/// <summary>A scope, its cycle, its columns in the cycle, and today.</summary>
internal sealed record ResolvedMatrix(ScopeRow Scope, Cycle Cycle, List<ColumnRow> Columns, DateOnly Today);

/// <summary>What finding a matrix came to: the matrix, or a 400, or (neither) a 404.</summary>
internal sealed record Resolution(ResolvedMatrix? Matrix, ValidationProblem? Problem);

/// <summary>What reading a matrix works with.</summary>
internal sealed record MatrixContext(
    MatrixStore Store, MatrixDocuments Documents, MatrixBuilder Builder, MatrixMaterialiser Materialiser, ScopeSettingsStore Settings,
    MatrixAccess Access, Caller Caller, TimeProvider Clock, HttpRequest Request);
