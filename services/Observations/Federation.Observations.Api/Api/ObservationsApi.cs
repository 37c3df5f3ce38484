using Federation.Observations.Data;

namespace Federation.Observations.Api;

/// <summary>A lesson observation: developmental feedback for the teacher, never a grade. Only the
/// observed teacher, its observers and the observed school's leaders (its head, its federation's
/// executive principal) can read it; anyone else gets 404.</summary>
/// <param name="Observers">One to three, with their home schools.</param>
/// <param name="Kind">headOfDepartment, seniorTeamWalk, peer, mentor or crossSchool.</param>
/// <param name="Focus">teaching, learning and/or behaviour.</param>
/// <param name="StartsAt">When the lesson starts, on the school's clock (London time).</param>
/// <param name="Lesson">e.g. "Year 9 set 2, room S4".</param>
/// <param name="CrossSchool">An observer comes from another school of the federation or cluster.</param>
/// <param name="State">proposed (cross-school, waiting for the observed school's head), scheduled, completed, cancelled or declined.</param>
/// <param name="DecidedBy">Who accepted or declined a cross-school observation.</param>
/// <param name="Reason">Why it was declined or cancelled.</param>
/// <param name="Record">The observers' record, once completed.</param>
public sealed record ObservationResponse(
    Guid Id, Guid SchoolId, string SchoolName, Guid TeacherId, string TeacherName, ObserverResponse[] Observers, ObservationKind Kind,
    ObservationFocus[] Focus, DateOnly ObserveOn, TimeOnly StartsAt, string? Lesson, bool CrossSchool, ObservationState State, string ScheduledBy,
    string? DecidedBy, string? Reason, ObservationRecord? Record)
{
    public static ObservationResponse From(ObservationRow row) => new(
        row.Id, row.SchoolId, row.SchoolName, row.TeacherId, row.TeacherName,
        [.. row.ObserverIds.Select((id, index) => new ObserverResponse(id, row.ObserverNames[index], row.ObserverSchoolIds[index]))],
        row.Kind, row.Focus, row.ObserveOn, row.StartsAt, row.Lesson, row.CrossSchool, row.State, row.ScheduledBy, row.DecidedBy, row.Reason,
        row.State == ObservationState.Completed
            ? new ObservationRecord(row.Strengths!, row.NextSteps!, row.SupportNeeded!.Value, row.SupportKind, row.RecordedBy!, row.RecordedAt!.Value)
            : null);
}

/// <param name="SchoolId">Their home school when the observation was scheduled.</param>
public sealed record ObserverResponse(Guid PersonId, string Name, Guid SchoolId);

/// <summary>What the observers recorded: strengths, next steps, and whether support is needed. No grade.</summary>
/// <param name="SupportKind">coach, peer or advancedSkillsTeacher, when support is needed.</param>
public sealed record ObservationRecord(
    string Strengths, string NextSteps, bool SupportNeeded, SupportKind? SupportKind, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An observation to schedule, or (an observer from a partner school) to propose.</summary>
/// <param name="SchoolId">The observed school.</param>
/// <param name="TeacherId">The observed teacher: a teacher whose home school is the observed school.</param>
/// <param name="ObserverIds">One to three observers; leave out to observe yourself. An observer from another
/// school must come from one that shares a federation or cluster with the observed school.</param>
/// <param name="Kind">headOfDepartment, seniorTeamWalk, peer, mentor or crossSchool.</param>
/// <param name="Focus">One or more of teaching, learning, behaviour.</param>
/// <param name="ObserveOn">A school day of the observed school, from 60 days ago to a year ahead.</param>
/// <param name="StartsAt">When the lesson starts, e.g. "09:10".</param>
/// <param name="Lesson">Optional, e.g. "Year 9 set 2, room S4".</param>
public sealed record ScheduleObservationRequest(
    Guid? SchoolId, Guid? TeacherId, Guid[]? ObserverIds, ObservationKind? Kind, ObservationFocus[]? Focus, DateOnly? ObserveOn,
    TimeOnly? StartsAt, string? Lesson = null);

/// <summary>The observers' record: developmental, confidential, no grade.</summary>
/// <param name="Strengths">What went well.</param>
/// <param name="NextSteps">What the teacher works on next.</param>
/// <param name="SupportNeeded">Whether the teacher needs support (the school's leaders then open a follow-up).</param>
/// <param name="SupportKind">coach, peer or advancedSkillsTeacher: required when support is needed, left out otherwise.</param>
public sealed record RecordObservationRequest(string? Strengths, string? NextSteps, bool? SupportNeeded, SupportKind? SupportKind = null);

/// <summary>Why a cross-school observation is declined.</summary>
/// <param name="Reason">Required: the observers are told.</param>
public sealed record DeclineObservationRequest(string? Reason);

/// <summary>Why an observation is cancelled.</summary>
/// <param name="Reason">Optional.</param>
public sealed record CancelObservationRequest(string? Reason = null);

internal sealed class ScheduleObservationValidator : AbstractValidator<ScheduleObservationRequest>
{
    public const int MostObservers = 3;

    public ScheduleObservationValidator(TimeProvider clock)
    {
        RuleFor(request => request.SchoolId).NotEmpty();
        RuleFor(request => request.TeacherId).NotEmpty();
        RuleFor(request => request.ObserverIds)
            .Must(ids => ids!.Length is >= 1 and <= MostObservers).WithMessage($"Name one to {MostObservers} observers.")
            .Must(ids => ids!.Distinct().Count() == ids!.Length).WithMessage("Name each observer once.")
            .Must((request, ids) => !ids!.Contains(request.TeacherId ?? Guid.Empty)).WithMessage("A teacher does not observe their own lesson.")
            .When(request => request.ObserverIds is not null);
        RuleForEach(request => request.ObserverIds).NotEmpty();
        RuleFor(request => request.Kind).NotNull();
        RuleFor(request => request.Focus).NotEmpty()
            .Must(focus => focus!.Distinct().Count() == focus!.Length).When(request => request.Focus is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("Name each focus once.");
        RuleFor(request => request.ObserveOn).NotNull()
            .Must(day => day >= clock.Today().AddDays(-60)).When(request => request.ObserveOn is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("Choose a day at most 60 days ago.")
            .Must(day => day <= clock.Today().AddYears(1)).When(request => request.ObserveOn is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("Choose a day at most a year ahead.");
        RuleFor(request => request.StartsAt).NotNull();
        RuleFor(request => request.Lesson).MaximumLength(200);
    }
}

internal sealed class RecordObservationValidator : AbstractValidator<RecordObservationRequest>
{
    public RecordObservationValidator()
    {
        RuleFor(request => request.Strengths).NotEmpty().MaximumLength(8000);
        RuleFor(request => request.NextSteps).NotEmpty().MaximumLength(8000);
        RuleFor(request => request.SupportNeeded).NotNull();
        RuleFor(request => request.SupportKind).NotNull().When(request => request.SupportNeeded == true)
            .WithMessage("Say which support is needed: coach, peer or advancedSkillsTeacher.");
        RuleFor(request => request.SupportKind).Null().When(request => request.SupportNeeded == false)
            .WithMessage("Leave supportKind out when no support is needed.");
    }
}

internal sealed class DeclineObservationValidator : AbstractValidator<DeclineObservationRequest>
{
    public DeclineObservationValidator() => RuleFor(request => request.Reason).NotEmpty().MaximumLength(2000);
}

internal sealed class CancelObservationValidator : AbstractValidator<CancelObservationRequest>
{
    public CancelObservationValidator() => RuleFor(request => request.Reason).MaximumLength(2000);
}

public static class ObservationsApi
{
    public static IEndpointRouteBuilder MapObservationsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/observations").WithTags("Observations");
        var writes = group.Writes();

        group.MapGet("/", ListAsync)
            .WithName("ListObservations")
            .WithSummary("List the observations you may read: yours as the teacher or an observer, and those of the schools whose observations you lead.")
            .Validate<PageRequest>();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetObservation")
            .WithSummary("Get an observation and its record (404 unless you may read it); reading a record is written in the audit log.");
        writes.MapPost("/", ScheduleAsync)
            .WithName("ScheduleObservation")
            .WithSummary("Schedule an observation (the school's heads of department and senior leaders), or propose a cross-school one " +
                         "as an observer from a partner school: it waits for the observed school's head.")
            .Validate<ScheduleObservationRequest>();
        MapStep(writes, ObservationStep.Accept, "AcceptObservation", "The observed school's head accepts a proposed cross-school observation.",
            AcceptAsync);
        MapStep(writes, ObservationStep.Decline, "DeclineObservation", "The observed school's head declines a proposed cross-school observation.",
            DeclineAsync).Validate<DeclineObservationRequest>();
        MapStep(writes, ObservationStep.Record, "RecordObservation",
            "An observer records strengths, next steps and whether support is needed (on or after the day; no grade).", RecordAsync)
            .Validate<RecordObservationRequest>();
        MapStep(writes, ObservationStep.Cancel, "CancelObservation", "An observer or the observed school's head cancels an observation.", CancelAsync)
            .Validate<CancelObservationRequest>();
        return endpoints;
    }

    private static RouteHandlerBuilder MapStep(RouteGroupBuilder writes, ObservationStep step, string name, string summary, Delegate handler) =>
        writes.MapPost($"/{{id:guid}}/{step.Name}", handler).WithName(name).WithSummary(summary);

    private static async Task<Ok<Page<ObservationResponse>>> ListAsync(
        ObservationStore store, Caller caller, [AsParameters] ObservationFilter filter, [AsParameters] PageRequest page, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(filter, page, await ObservationReader.ForAsync(caller, cancellationToken), cancellationToken))
            .Select(ObservationResponse.From));

    private static async Task<Results<Ok<ObservationResponse>, NotFound>> GetAsync(
        Guid id, ObservationStore store, Caller caller, CancellationToken cancellationToken) =>
        await store.GetAsync(id, await ObservationReader.ForAsync(caller, cancellationToken), cancellationToken) is { } observation
            ? TypedResults.Ok(ObservationResponse.From(observation))
            : TypedResults.NotFound();

    private static async Task<Results<Created<ObservationResponse>, ProblemHttpResult>> ScheduleAsync(
        ScheduleObservationRequest request, ObservationStore store, PersonDirectory people, ScopeDirectory directory, SchoolCalendars calendars,
        Caller caller, CancellationToken cancellationToken)
    {
        var schoolId = request.SchoolId!.Value;
        var me = await caller.PersonAsync(cancellationToken);
        if (!await directory.ExistsAsync(Scope.School(schoolId), cancellationToken))
        {
            return FieldErrors.ProblemResult("schoolId", FieldErrors.UnknownId("school"));
        }
        if (await people.FindAsync(request.TeacherId!.Value, cancellationToken) is not { } teacher)
        {
            return FieldErrors.ProblemResult("teacherId", FieldErrors.UnknownId("person"));
        }
        if (teacher.HomeSchoolId != schoolId)
        {
            return FieldErrors.ProblemResult("teacherId", "The teacher's home school is not the observed school.");
        }
        var observerIds = request.ObserverIds ?? (me is null ? [] : [me.Id]);
        if (observerIds.Length == 0)
        {
            return Caller.Denied("You are not in the staff directory, so you cannot observe; name the observers instead.");
        }
        var known = (await people.FindAllAsync(observerIds, cancellationToken)).ToDictionary(person => person.Id);
        for (var index = 0; index < observerIds.Length; index++)
        {
            if (!known.TryGetValue(observerIds[index], out var observer) || observer.HomeSchoolId is null)
            {
                return FieldErrors.ProblemResult($"observerIds[{index}]",
                    observer is null ? FieldErrors.UnknownId("person") : "This person is not school staff, so does not observe lessons.");
            }
        }
        var observers = observerIds.Select(id => (PersonId: id, SchoolId: known[id].HomeSchoolId!.Value)).ToArray();
        var crossSchool = observers.Any(observer => observer.SchoolId != schoolId);
        if (request.Kind == ObservationKind.CrossSchool && !crossSchool)
        {
            return FieldErrors.ProblemResult("kind", "A cross-school observation has an observer from another school.");
        }

        var leadsObservedSchool = await caller.MayAsync(Permission.LeadObservations, Scope.School(schoolId), cancellationToken);
        var proposesFromPartner = crossSchool && me?.HomeSchoolId is { } myHome && myHome != schoolId && observerIds.Contains(me.Id)
            && await caller.MayAsync(Permission.ObserveLessons, Scope.School(myHome), cancellationToken);
        if (!leadsObservedSchool && !proposesFromPartner && !await caller.MayAsync(Permission.ObserveLessons, Scope.School(schoolId), cancellationToken))
        {
            return Caller.Denied("Observations are scheduled by a school's heads of department and senior leaders, or proposed by an observer " +
                                 "from a partner school who observes in their own.");
        }
        foreach (var partnerSchool in observers.Select(observer => observer.SchoolId).Where(id => id != schoolId).Distinct())
        {
            if (!await directory.ArePartnersAsync(schoolId, partnerSchool, cancellationToken))
            {
                return ObservationRules.PartnerObservers.Conflict("An observer's school shares no federation or cluster with the observed school.");
            }
        }
        var observeOn = request.ObserveOn!.Value;
        if ((await calendars.YearContainingAsync(schoolId, observeOn, cancellationToken)).WhyClosedOn(observeOn) is { } why)
        {
            return ObservationRules.SchoolDay.Conflict($"{observeOn:yyyy-MM-dd} is {why} at the observed school.");
        }

        var details = new ObservationDetails(
            schoolId, teacher.Id, observers, request.Kind!.Value, request.Focus!, observeOn, request.StartsAt!.Value, request.Lesson?.Trim(), crossSchool);
        var state = crossSchool && !leadsObservedSchool ? ObservationState.Proposed : ObservationState.Scheduled;
        var observation = await store.ScheduleAsync(Guid.CreateVersion7(), details, state, caller.Email, cancellationToken);
        return TypedResults.Created($"/api/observations/{observation.Id}", ObservationResponse.From(observation));
    }

    private static Task<Results<Ok<ObservationResponse>, NotFound, ProblemHttpResult>> AcceptAsync(
        Guid id, [AsParameters] ObservationContext context, CancellationToken cancellationToken) =>
        StepAsync(id, ObservationStep.Accept, new ObservationChange(context.Caller.Email), context, cancellationToken);

    private static Task<Results<Ok<ObservationResponse>, NotFound, ProblemHttpResult>> DeclineAsync(
        Guid id, DeclineObservationRequest request, [AsParameters] ObservationContext context, CancellationToken cancellationToken) =>
        StepAsync(id, ObservationStep.Decline, new ObservationChange(context.Caller.Email, Reason: request.Reason!.Trim()), context, cancellationToken);

    private static Task<Results<Ok<ObservationResponse>, NotFound, ProblemHttpResult>> RecordAsync(
        Guid id, RecordObservationRequest request, [AsParameters] ObservationContext context, CancellationToken cancellationToken) =>
        StepAsync(id, ObservationStep.Record, new ObservationChange(
            context.Caller.Email, Strengths: request.Strengths!.Trim(), NextSteps: request.NextSteps!.Trim(), SupportNeeded: request.SupportNeeded,
            SupportKind: request.SupportKind), context, cancellationToken);

    private static Task<Results<Ok<ObservationResponse>, NotFound, ProblemHttpResult>> CancelAsync(
        Guid id, CancelObservationRequest request, [AsParameters] ObservationContext context, CancellationToken cancellationToken) =>
        StepAsync(id, ObservationStep.Cancel, new ObservationChange(context.Caller.Email, Reason: request.Reason?.Trim()), context, cancellationToken);

    /// <summary>Every step has one shape: find the observation (404 when the caller may not read it),
    /// then the step's row (<see cref="ObservationStep"/>) decides: 403 for the wrong person, 409 for
    /// the wrong state or day; then the store moves it (409 when someone moved it first).</summary>
    private static async Task<Results<Ok<ObservationResponse>, NotFound, ProblemHttpResult>> StepAsync(
        Guid id, ObservationStep step, ObservationChange change, ObservationContext context, CancellationToken cancellationToken)
    {
        var (store, caller, clock) = context;
        var reader = await ObservationReader.ForAsync(caller, cancellationToken);
        if (await store.FindAsync(id, reader, cancellationToken) is not { } observation)
        {
            return TypedResults.NotFound();
        }
        var decision = step.Decide(ObservationStore.ActorsOf(observation, reader), observation.State, observation.ObserveOn, clock.Today());
        if (decision == ObservationStepDecision.Go && await store.MoveAsync(id, step, change, cancellationToken) is { } moved)
        {
            return TypedResults.Ok(ObservationResponse.From(moved));
        }
        return decision switch
        {
            ObservationStepDecision.Denied => Caller.Denied(step.WhoMay),
            ObservationStepDecision.TooEarly => ObservationRules.ObservationDate.Conflict(
                $"The observation is on {observation.ObserveOn:yyyy-MM-dd}: it is recorded on or after that day."),
            _ => ObservationRules.ObservationTransition.Conflict(
                $"The observation is {(await store.FindAsync(id, reader, cancellationToken))!.State.ToEventName()}; it cannot be {step.To.ToEventName()} now."),
        };
    }
}

/// <summary>What every step on an observation works with.</summary>
internal sealed record ObservationContext(ObservationStore Store, Caller Caller, TimeProvider Clock);
