using Federation.Contracts.Exchanges;
using Federation.Exchanges.Data;

namespace Federation.Exchanges.Api;

/// <summary>A day (or half-day) a visitor spends in a host school to learn how it is led.</summary>
/// <param name="VisitorId">The deputy, assistant head or aspiring leader who visits.</param>
/// <param name="HomeSchoolId">The visitor's home school: its head approves the visit.</param>
/// <param name="Session">morning, afternoon or wholeDay.</param>
/// <param name="Purpose">What the visitor goes to learn (every visit has one: DOMAIN.md rule 5).</param>
/// <param name="State">requested, approved, confirmed, completed, reflected, declined or cancelled.</param>
/// <param name="RequestedBy">The email of whoever asked for it (the visitor, or the head who named them).</param>
/// <param name="DeclinedBy">home or host, when declined.</param>
/// <param name="Reason">Why it was declined or cancelled.</param>
/// <param name="ReflectionSubmitted">True once the visitor has recorded their reflection (shown to everyone who sees the visit).</param>
/// <param name="Reflection">The reflection itself: only for the visitor, their home head and executive principal.</param>
public sealed record ExchangeVisitResponse(
    Guid Id, Guid VisitorId, string VisitorName, Guid HomeSchoolId, string HomeSchoolName, Guid HostSchoolId, string HostSchoolName,
    DateOnly VisitOn, Session Session, string Purpose, FocusTheme[] Themes, VisitState State, string RequestedBy, string? ApprovedBy,
    string? ConfirmedBy, VisitSide? DeclinedBy, string? Reason, bool ReflectionSubmitted, VisitReflection? Reflection)
{
    public static ExchangeVisitResponse From(ExchangeVisitRow row) => new(
        row.Id, row.VisitorId, row.VisitorName, row.HomeSchoolId, row.HomeSchoolName, row.HostSchoolId, row.HostSchoolName, row.VisitOn,
        row.Session, row.Purpose, row.Themes, row.State, row.RequestedBy, row.ApprovedBy, row.ConfirmedBy, row.DeclinedBy, row.Reason,
        row.ReflectionSubmitted, row.Learned is null ? null : new VisitReflection(row.Learned, row.TakeHome ?? "", row.ReflectedAt!.Value));
}

/// <summary>What the visitor learned and will take home.</summary>
public sealed record VisitReflection(string Learned, string TakeHome, DateTimeOffset SubmittedAt);

/// <summary>Asking to visit a host school.</summary>
/// <param name="HostSchoolId">The school to visit: any school in the directory other than the visitor's own.</param>
/// <param name="VisitOn">A school day of the host after today, at most a year ahead (409 host-school-day on a day its calendar closes it).</param>
/// <param name="Session">morning, afternoon or wholeDay.</param>
/// <param name="Purpose">What the visitor goes to learn, e.g. "How the federation shares one leadership team".</param>
/// <param name="Themes">One or more focus themes.</param>
/// <param name="VisitorId">Leave out to visit yourself (deputies, assistant heads, heads). A head names an
/// aspiring leader of their school here.</param>
public sealed record RequestVisitRequest(
    Guid? HostSchoolId, DateOnly? VisitOn, Session? Session, string? Purpose, FocusTheme[]? Themes, Guid? VisitorId = null);

/// <summary>Why a visit is declined.</summary>
/// <param name="Reason">Required: the visitor is told.</param>
public sealed record DeclineVisitRequest(string? Reason);

/// <summary>Why a visit is cancelled.</summary>
/// <param name="Reason">Optional.</param>
public sealed record CancelVisitRequest(string? Reason = null);

/// <summary>The visitor's reflection on a completed visit.</summary>
/// <param name="Learned">What they learned about how the host school is led.</param>
/// <param name="TakeHome">What they will take back to their own school.</param>
public sealed record ReflectionRequest(string? Learned, string? TakeHome);

internal sealed class RequestVisitValidator : AbstractValidator<RequestVisitRequest>
{
    public RequestVisitValidator(TimeProvider clock)
    {
        RuleFor(request => request.HostSchoolId).NotEmpty();
        RuleFor(request => request.VisitOn).NotNull().DayAhead(clock);
        RuleFor(request => request.Session).NotNull();
        RuleFor(request => request.Purpose).NotEmpty().MaximumLength(2000);
        RuleFor(request => request.Themes).NotEmpty()
            .Must(themes => themes!.Distinct().Count() == themes!.Length).When(request => request.Themes is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("Name each theme once.");
        RuleFor(request => request.VisitorId).NotEqual(Guid.Empty);
    }
}

internal sealed class DeclineVisitValidator : AbstractValidator<DeclineVisitRequest>
{
    public DeclineVisitValidator() => RuleFor(request => request.Reason).NotEmpty().MaximumLength(2000);
}

internal sealed class CancelVisitValidator : AbstractValidator<CancelVisitRequest>
{
    public CancelVisitValidator() => RuleFor(request => request.Reason).MaximumLength(2000);
}

internal sealed class ReflectionValidator : AbstractValidator<ReflectionRequest>
{
    public ReflectionValidator()
    {
        RuleFor(request => request.Learned).NotEmpty().MaximumLength(8000);
        RuleFor(request => request.TakeHome).NotEmpty().MaximumLength(8000);
    }
}

public static class ExchangeVisitsApi
{
    public static IEndpointRouteBuilder MapExchangeVisitsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/exchange-visits").WithTags("Exchange visits");
        var writes = group.Writes();

        group.MapGet("/", ListAsync)
            .WithName("ListExchangeVisits").WithSummary("List the visits you may see, filtered by school, visitor, state or dates.")
            .Validate<PageRequest>();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetExchangeVisit").WithSummary("Get a visit you may see.");
        writes.MapPost("/", RequestAsync)
            .WithName("RequestExchangeVisit")
            .WithSummary("Ask to visit a host school (deputies, assistant heads and heads), or name an aspiring leader of your school to visit.")
            .Validate<RequestVisitRequest>();
        MapStep(writes, VisitStep.Approve, "ApproveExchangeVisit", "The visitor's home head approves a requested visit.", ApproveAsync);
        MapStep(writes, VisitStep.Confirm, "ConfirmExchangeVisit",
            "The host (its head or a named host contact) confirms an approved visit, taking one of its places that day.", ConfirmAsync);
        MapStep(writes, VisitStep.Decline, "DeclineExchangeVisit",
            "The home head declines a requested visit, or the host a requested or approved one, with a reason.", DeclineAsync)
            .Validate<DeclineVisitRequest>();
        MapStep(writes, VisitStep.Cancel, "CancelExchangeVisit", "The visitor cancels the visit before its date.", CancelAsync)
            .Validate<CancelVisitRequest>();
        MapStep(writes, VisitStep.Complete, "CompleteExchangeVisit", "The visitor or the host records that a confirmed visit took place (on or after its date).",
            CompleteAsync);
        MapStep(writes, VisitStep.Reflect, "SubmitExchangeReflection", "The visitor records what they learned and will take home.", ReflectAsync)
            .Validate<ReflectionRequest>();
        return endpoints;
    }

    private static RouteHandlerBuilder MapStep(RouteGroupBuilder writes, VisitStep step, string name, string summary, Delegate handler) =>
        writes.MapPost($"/{{id:guid}}/{step.Name}", handler)
            .WithName(name).WithSummary(summary);

    private static async Task<Ok<Page<ExchangeVisitResponse>>> ListAsync(
        ExchangeVisitStore store, Caller caller, [AsParameters] ExchangeVisitFilter filter, [AsParameters] PageRequest page,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(filter, page, await VisitReader.ForAsync(caller, cancellationToken), cancellationToken))
            .Select(ExchangeVisitResponse.From));

    private static async Task<Results<Ok<ExchangeVisitResponse>, NotFound>> GetAsync(
        Guid id, ExchangeVisitStore store, Caller caller, CancellationToken cancellationToken) =>
        await store.FindAsync(id, await VisitReader.ForAsync(caller, cancellationToken), cancellationToken) is { } visit
            ? TypedResults.Ok(ExchangeVisitResponse.From(visit))
            : TypedResults.NotFound();

    private static async Task<Results<Created<ExchangeVisitResponse>, ProblemHttpResult>> RequestAsync(
        RequestVisitRequest request, ExchangeVisitStore store, PersonDirectory people, ScopeDirectory directory, SchoolCalendars calendars,
        Caller caller, CancellationToken cancellationToken)
    {
        var (visitor, problem) = await Participants.ResolveAsync(request.VisitorId, "visitorId", people, caller, cancellationToken);
        if (visitor is null)
        {
            return problem!;
        }
        if (visitor.HomeSchoolId is not { } homeSchoolId)
        {
            return FieldErrors.ProblemResult("visitorId", "The visitor has no home school: exchange visits are for school staff.");
        }
        var hostSchoolId = request.HostSchoolId!.Value;
        if (!await directory.ExistsAsync(Scope.School(hostSchoolId), cancellationToken))
        {
            return FieldErrors.ProblemResult("hostSchoolId", FieldErrors.UnknownId("school"));
        }
        if (hostSchoolId == homeSchoolId)
        {
            return FieldErrors.ProblemResult("hostSchoolId", "This is the visitor's own school; an exchange visit is to another school.");
        }
        // Asking for oneself needs the role, whether or not the request names oneself as the visitor.
        if (visitor.Id == (await caller.PersonAsync(cancellationToken))?.Id
            && !await caller.MayAsync(Permission.RequestExchangeVisit, Scope.School(homeSchoolId), cancellationToken))
        {
            return Caller.Denied("Exchange visits are requested by deputies, assistant heads and heads; ask your head to name you as an aspiring leader.");
        }
        if (await calendars.HostClosedAsync(hostSchoolId, request.VisitOn!.Value, cancellationToken) is { } closed)
        {
            return closed;
        }
        var details = new VisitDetails(
            visitor.Id, homeSchoolId, hostSchoolId, request.VisitOn!.Value, request.Session!.Value, request.Purpose!.Trim(), request.Themes!);
        var visit = await store.RequestAsync(
            Guid.CreateVersion7(), details, caller.Email, await VisitReader.ForAsync(caller, cancellationToken), cancellationToken);
        return TypedResults.Created($"/api/exchange-visits/{visit.Id}", ExchangeVisitResponse.From(visit));
    }

    private static Task<Results<Ok<ExchangeVisitResponse>, NotFound, ProblemHttpResult>> ApproveAsync(
        Guid id, [AsParameters] VisitContext context, CancellationToken cancellationToken) =>
        StepAsync(id, VisitStep.Approve, new VisitNotes(), context, cancellationToken);

    private static Task<Results<Ok<ExchangeVisitResponse>, NotFound, ProblemHttpResult>> ConfirmAsync(
        Guid id, [AsParameters] VisitContext context, CancellationToken cancellationToken) =>
        StepAsync(id, VisitStep.Confirm, new VisitNotes(), context, cancellationToken);

    private static Task<Results<Ok<ExchangeVisitResponse>, NotFound, ProblemHttpResult>> DeclineAsync(
        Guid id, DeclineVisitRequest request, [AsParameters] VisitContext context, CancellationToken cancellationToken) =>
        StepAsync(id, VisitStep.Decline, new VisitNotes(Reason: request.Reason!.Trim()), context, cancellationToken);

    private static Task<Results<Ok<ExchangeVisitResponse>, NotFound, ProblemHttpResult>> CancelAsync(
        Guid id, CancelVisitRequest request, [AsParameters] VisitContext context, CancellationToken cancellationToken) =>
        StepAsync(id, VisitStep.Cancel, new VisitNotes(Reason: request.Reason?.Trim()), context, cancellationToken);

    private static Task<Results<Ok<ExchangeVisitResponse>, NotFound, ProblemHttpResult>> CompleteAsync(
        Guid id, [AsParameters] VisitContext context, CancellationToken cancellationToken) =>
        StepAsync(id, VisitStep.Complete, new VisitNotes(), context, cancellationToken);

    private static Task<Results<Ok<ExchangeVisitResponse>, NotFound, ProblemHttpResult>> ReflectAsync(
        Guid id, ReflectionRequest request, [AsParameters] VisitContext context, CancellationToken cancellationToken) =>
        StepAsync(id, VisitStep.Reflect, new VisitNotes(Learned: request.Learned!.Trim(), TakeHome: request.TakeHome!.Trim()), context,
            cancellationToken);

    /// <summary>Every step has one shape: find the visit (404 when the caller may not see it), then
    /// the step's table row (<see cref="VisitStep"/>) decides: 403 for the wrong person, 409 for
    /// the wrong state or day; then the store moves it (409 naming the state when someone moved it
    /// first).</summary>
    private static async Task<Results<Ok<ExchangeVisitResponse>, NotFound, ProblemHttpResult>> StepAsync(
        Guid id, VisitStep step, VisitNotes notes, VisitContext context, CancellationToken cancellationToken)
    {
        var (store, caller, clock) = context;
        var reader = await VisitReader.ForAsync(caller, cancellationToken);
        if (await store.FindAsync(id, reader, cancellationToken) is not { } visit)
        {
            return TypedResults.NotFound();
        }
        var actors = await store.ActorsAsync(visit, await caller.FilterAsync(Permission.LeadExchanges, cancellationToken), cancellationToken);
        var decision = step.Decide(actors, visit.State, visit.VisitOn, clock.Today());
        var outcome = decision is VisitStepDecision.Go go
            ? await store.MoveAsync(id, step, go.Way, new VisitChange(caller.Email, notes), reader, cancellationToken)
            : null;
        return (decision, outcome) switch
        {
            (VisitStepDecision.Denied, _) => Caller.Denied(step.WhoMay),
            (VisitStepDecision.WrongDay wrongDay, _) => ExchangeRules.VisitDate.Conflict(wrongDay.Detail),
            (_, VisitOutcome.Done done) => TypedResults.Ok(ExchangeVisitResponse.From(done.Visit)),
            (_, VisitOutcome.WrongState wrong) => WrongState(wrong.State, step),
            (VisitStepDecision.WrongState, _) => WrongState(visit.State, step),
            _ => throw new InvalidOperationException($"Unexpected decision {decision} and outcome {outcome}."),
        };
    }

    private static ProblemHttpResult WrongState(VisitState state, VisitStep step) =>
        ExchangeRules.VisitTransition.Conflict($"The visit is {state.ToEventName()}; it cannot be {step.To.ToEventName()} now.");
}

/// <summary>What every step on a visit works with.</summary>
internal sealed record VisitContext(ExchangeVisitStore Store, Caller Caller, TimeProvider Clock);
