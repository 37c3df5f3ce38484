using Federation.Observations.Data;

namespace Federation.Observations.Api;

/// <summary>The senior team's weekly walk of a school's classrooms (school B's "walk around"): who
/// walked, when, which classrooms, and praise or help noted per teacher. Read by its walkers and the
/// school's leaders; it counts towards the school's week in coverage.</summary>
public sealed record SeniorTeamWalkResponse(
    Guid Id, Guid SchoolId, string SchoolName, DateOnly WalkedOn, WalkerResponse[] Walkers, string[] Classrooms, WalkNoteResponse[] Notes,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public static SeniorTeamWalkResponse From(SeniorTeamWalkRow row) => new(
        row.Id, row.SchoolId, row.SchoolName, row.WalkedOn,
        [.. row.WalkerIds.Select((id, index) => new WalkerResponse(id, row.WalkerNames[index]))], row.Classrooms,
        [.. row.NoteRows.Select(note => new WalkNoteResponse(note.TeacherId, note.TeacherName, note.Note, note.Comment))], row.RecordedBy, row.RecordedAt);
}

public sealed record WalkerResponse(Guid PersonId, string Name);

/// <param name="Note">praise or help.</param>
public sealed record WalkNoteResponse(Guid TeacherId, string TeacherName, WalkNote Note, string? Comment);

/// <summary>A walk to record.</summary>
/// <param name="WalkedOn">A school day of the school, today or in the last 60 days.</param>
/// <param name="WalkerIds">Who walked; leave out for yourself alone.</param>
/// <param name="Classrooms">Which classrooms, e.g. "S4", "Design studio".</param>
/// <param name="Notes">Praise or help noted per teacher of the school (optional).</param>
public sealed record RecordWalkRequest(Guid? SchoolId, DateOnly? WalkedOn, string[]? Classrooms, Guid[]? WalkerIds = null, WalkNoteRequest[]? Notes = null);

/// <param name="Note">praise or help.</param>
/// <param name="Comment">Optional, a sentence at most.</param>
public sealed record WalkNoteRequest(Guid? TeacherId, WalkNote? Note, string? Comment = null);

internal sealed class RecordWalkValidator : AbstractValidator<RecordWalkRequest>
{
    public RecordWalkValidator(TimeProvider clock)
    {
        RuleFor(request => request.SchoolId).NotEmpty();
        RuleFor(request => request.WalkedOn).NotNull()
            .Must(day => day <= clock.Today() && day >= clock.Today().AddDays(-60)).When(request => request.WalkedOn is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("Record a walk of today or of the last 60 days.");
        RuleFor(request => request.Classrooms).NotEmpty()
            .Must(rooms => rooms!.Length <= 60).When(request => request.Classrooms is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("At most 60 classrooms.");
        RuleForEach(request => request.Classrooms).NotEmpty().MaximumLength(100);
        RuleFor(request => request.WalkerIds)
            .Must(ids => ids!.Length is >= 1 and <= 6 && ids.Distinct().Count() == ids.Length).When(request => request.WalkerIds is not null)
            .WithMessage("Name one to six walkers, each once.");
        RuleFor(request => request.Notes)
            .Must(notes => notes!.Length <= 100 && notes.Select(note => note?.TeacherId).Distinct().Count() == notes.Length)
            .When(request => request.Notes is not null)
            .WithMessage("Note each teacher once (at most 100).");
        RuleForEach(request => request.Notes).NotNull().ChildRules(note =>
        {
            note.RuleFor(n => n.TeacherId).NotEmpty();
            note.RuleFor(n => n.Note).NotNull();
            note.RuleFor(n => n.Comment).MaximumLength(500);
        });
    }
}

public static class SeniorTeamWalksApi
{
    public static IEndpointRouteBuilder MapSeniorTeamWalksApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/observations/walks").WithTags("Senior-team walks");
        var writes = group.Writes();

        group.MapGet("/", ListAsync)
            .WithName("ListSeniorTeamWalks").WithSummary("List the walks you may read: yours as a walker, and those of the schools you lead.")
            .Validate<PageRequest>();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetSeniorTeamWalk").WithSummary("Get a walk (404 unless you may read it).");
        writes.MapPost("/", RecordAsync)
            .WithName("RecordSeniorTeamWalk").WithSummary("Record the senior team's walk of a school's classrooms (its senior leaders).")
            .Validate<RecordWalkRequest>();
        return endpoints;
    }

    private static async Task<Ok<Page<SeniorTeamWalkResponse>>> ListAsync(
        SeniorTeamWalkStore store, Caller caller, Guid? schoolId, DateOnly? from, DateOnly? to, [AsParameters] PageRequest page,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(schoolId, from, to, page, await ObservationReader.ForAsync(caller, cancellationToken), cancellationToken))
            .Select(SeniorTeamWalkResponse.From));

    private static async Task<Results<Ok<SeniorTeamWalkResponse>, NotFound>> GetAsync(
        Guid id, SeniorTeamWalkStore store, Caller caller, CancellationToken cancellationToken) =>
        await store.FindAsync(id, await ObservationReader.ForAsync(caller, cancellationToken), cancellationToken) is { } walk
            ? TypedResults.Ok(SeniorTeamWalkResponse.From(walk))
            : TypedResults.NotFound();

    private static async Task<Results<Created<SeniorTeamWalkResponse>, ProblemHttpResult>> RecordAsync(
        RecordWalkRequest request, SeniorTeamWalkStore store, PersonDirectory people, ScopeDirectory directory, SchoolCalendars calendars,
        Caller caller, CancellationToken cancellationToken)
    {
        var schoolId = request.SchoolId!.Value;
        if (!await directory.ExistsAsync(Scope.School(schoolId), cancellationToken))
        {
            return FieldErrors.ProblemResult("schoolId", FieldErrors.UnknownId("school"));
        }
        if (await caller.DeniedUnlessAsync(Permission.WalkClassrooms, Scope.School(schoolId),
                "A school's walks are recorded by its senior leaders.", cancellationToken) is { } denied)
        {
            return denied;
        }
        var walkerIds = request.WalkerIds ?? ((await caller.PersonAsync(cancellationToken))?.Id is { } me ? [me] : []);
        if (walkerIds.Length == 0)
        {
            return FieldErrors.ProblemResult("walkerIds", "Name the walkers: you are not in the staff directory.");
        }
        var known = (await people.FindAllAsync(walkerIds, cancellationToken)).Select(person => person.Id).ToHashSet();
        if (Array.FindIndex(walkerIds, id => !known.Contains(id)) is var unknownWalker and >= 0)
        {
            return FieldErrors.ProblemResult($"walkerIds[{unknownWalker}]", FieldErrors.UnknownId("person"));
        }
        var notes = request.Notes ?? [];
        var teachers = (await people.FindAllAsync([.. notes.Select(note => note.TeacherId!.Value)], cancellationToken))
            .Where(person => person.HomeSchoolId == schoolId).Select(person => person.Id).ToHashSet();
        if (Array.FindIndex(notes, note => !teachers.Contains(note.TeacherId!.Value)) is var stranger and >= 0)
        {
            return FieldErrors.ProblemResult($"notes[{stranger}].teacherId", "No teacher of this school has this id.");
        }
        var walkedOn = request.WalkedOn!.Value;
        if ((await calendars.YearContainingAsync(schoolId, walkedOn, cancellationToken)).WhyClosedOn(walkedOn) is { } why)
        {
            return ObservationRules.SchoolDay.Conflict($"{walkedOn:yyyy-MM-dd} is {why} at the school.");
        }
        var walk = await store.RecordAsync(Guid.CreateVersion7(), new WalkDetails(
            schoolId, walkedOn, walkerIds, [.. request.Classrooms!.Select(room => room.Trim())],
            [.. notes.Select(note => (note.TeacherId!.Value, note.Note!.Value, note.Comment?.Trim()))]), caller.Email, cancellationToken);
        return TypedResults.Created($"/api/observations/walks/{walk.Id}", SeniorTeamWalkResponse.From(walk));
    }
}
