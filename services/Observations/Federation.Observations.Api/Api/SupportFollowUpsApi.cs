using Federation.Observations.Data;

namespace Federation.Observations.Api;

/// <summary>Support for a teacher after an observation or a walk showed a need for help (scenario
/// 10): who gives it, and its outcome once closed. Read by the teacher, the person giving it and
/// the school's leaders; anyone else gets 404.</summary>
/// <param name="ObservationId">The observation it was opened from, or null.</param>
/// <param name="WalkId">The senior-team walk it was opened from, or null.</param>
/// <param name="SupportKind">coach, peer or advancedSkillsTeacher.</param>
/// <param name="AssigneeId">Who gives the support.</param>
/// <param name="State">open or closed.</param>
public sealed record SupportFollowUpResponse(
    Guid Id, Guid SchoolId, string SchoolName, Guid TeacherId, string TeacherName, Guid? ObservationId, Guid? WalkId, SupportKind SupportKind,
    Guid AssigneeId, string AssigneeName, FollowUpState State, string? Note, string? Outcome, string OpenedBy, DateTimeOffset OpenedAt,
    string? ClosedBy, DateTimeOffset? ClosedAt)
{
    public static SupportFollowUpResponse From(SupportFollowUpRow row) => new(
        row.Id, row.SchoolId, row.SchoolName, row.TeacherId, row.TeacherName, row.ObservationId, row.WalkId, row.SupportKind, row.AssigneeId,
        row.AssigneeName, row.State, row.Note, row.Outcome, row.OpenedBy, row.OpenedAt, row.ClosedBy, row.ClosedAt);
}

/// <summary>Support to open for a teacher.</summary>
/// <param name="SupportKind">coach, peer or advancedSkillsTeacher.</param>
/// <param name="AssigneeId">Who gives it: staff of the school or of a partner school.</param>
/// <param name="TeacherId">For a walk: the teacher the walk noted as needing help. Left out for an observation.</param>
/// <param name="Note">Optional: what the support should work on.</param>
public sealed record OpenFollowUpRequest(SupportKind? SupportKind, Guid? AssigneeId, Guid? TeacherId = null, string? Note = null);

/// <summary>How the support ended.</summary>
/// <param name="Outcome">Required, e.g. "Behaviour routines embedded; next observation in the spring".</param>
public sealed record CloseFollowUpRequest(string? Outcome);

internal sealed class OpenFollowUpValidator : AbstractValidator<OpenFollowUpRequest>
{
    public OpenFollowUpValidator()
    {
        RuleFor(request => request.SupportKind).NotNull();
        RuleFor(request => request.AssigneeId).NotEmpty();
        RuleFor(request => request.TeacherId).NotEqual(Guid.Empty);
        RuleFor(request => request.Note).MaximumLength(2000);
    }
}

internal sealed class CloseFollowUpValidator : AbstractValidator<CloseFollowUpRequest>
{
    public CloseFollowUpValidator() => RuleFor(request => request.Outcome).NotEmpty().MaximumLength(4000);
}

public static class SupportFollowUpsApi
{
    public static IEndpointRouteBuilder MapSupportFollowUpsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/observations").WithTags("Support follow-ups");
        var writes = group.Writes();

        group.MapGet("/follow-ups", ListAsync)
            .WithName("ListSupportFollowUps")
            .WithSummary("List the follow-ups you may read: yours as the teacher or the person giving support, and those of the schools you lead.")
            .Validate<PageRequest>();
        group.MapGet("/follow-ups/{id:guid}", GetAsync).WithName("GetSupportFollowUp").WithSummary("Get a follow-up (404 unless you may read it).");
        writes.MapPost("/{id:guid}/follow-ups", OpenFromObservationAsync)
            .WithName("OpenFollowUpFromObservation")
            .WithSummary("The school's leaders open support for the teacher of a recorded observation that needs it.")
            .Validate<OpenFollowUpRequest>();
        writes.MapPost("/walks/{walkId:guid}/follow-ups", OpenFromWalkAsync)
            .WithName("OpenFollowUpFromWalk")
            .WithSummary("The school's leaders open support for a teacher a senior-team walk noted as needing help.")
            .Validate<OpenFollowUpRequest>();
        writes.MapPost("/follow-ups/{id:guid}/close", CloseAsync)
            .WithName("CloseSupportFollowUp").WithSummary("The person giving the support, or the school's leaders, close it with its outcome.")
            .Validate<CloseFollowUpRequest>();
        return endpoints;
    }

    private static async Task<Ok<Page<SupportFollowUpResponse>>> ListAsync(
        SupportFollowUpStore store, Caller caller, [AsParameters] SupportFollowUpFilter filter, [AsParameters] PageRequest page,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(filter, page, await ObservationReader.ForAsync(caller, cancellationToken), cancellationToken))
            .Select(SupportFollowUpResponse.From));

    private static async Task<Results<Ok<SupportFollowUpResponse>, NotFound>> GetAsync(
        Guid id, SupportFollowUpStore store, Caller caller, CancellationToken cancellationToken) =>
        await store.FindAsync(id, await ObservationReader.ForAsync(caller, cancellationToken), cancellationToken) is { } followUp
            ? TypedResults.Ok(SupportFollowUpResponse.From(followUp))
            : TypedResults.NotFound();

    private static async Task<Results<Created<SupportFollowUpResponse>, NotFound, ProblemHttpResult>> OpenFromObservationAsync(
        Guid id, OpenFollowUpRequest request, ObservationStore observations, [AsParameters] FollowUpContext context, CancellationToken cancellationToken)
    {
        var reader = await ObservationReader.ForAsync(context.Caller, cancellationToken);
        if (await observations.FindAsync(id, reader, cancellationToken) is not { } observation)
        {
            return TypedResults.NotFound();
        }
        if (request.TeacherId is { } teacherId && teacherId != observation.TeacherId)
        {
            return FieldErrors.ProblemResult("teacherId", "Support from an observation is for its teacher; leave teacherId out.");
        }
        if (observation.State != ObservationState.Completed || observation.SupportNeeded != true)
        {
            return ObservationRules.SupportNeeded.Conflict("This observation has no record that says the teacher needs support.");
        }
        return await OpenAsync(new FollowUpSource(observation.SchoolId, observation.TeacherId, observation.Id, null), request, reader, context, cancellationToken);
    }

    private static async Task<Results<Created<SupportFollowUpResponse>, NotFound, ProblemHttpResult>> OpenFromWalkAsync(
        Guid walkId, OpenFollowUpRequest request, SeniorTeamWalkStore walks, [AsParameters] FollowUpContext context, CancellationToken cancellationToken)
    {
        var reader = await ObservationReader.ForAsync(context.Caller, cancellationToken);
        if (await walks.FindAsync(walkId, reader, cancellationToken) is not { } walk)
        {
            return TypedResults.NotFound();
        }
        if (request.TeacherId is not { } teacherId)
        {
            return FieldErrors.ProblemResult("teacherId", "Name the teacher the walk noted as needing help.");
        }
        if (!await walks.NotedHelpAsync(walkId, teacherId, cancellationToken))
        {
            return ObservationRules.SupportNeeded.Conflict("The walk did not note that this teacher needs help.");
        }
        return await OpenAsync(new FollowUpSource(walk.SchoolId, teacherId, null, walk.Id), request, reader, context, cancellationToken);
    }

    /// <summary>The school's leaders open it, for someone of the school or a partner school.</summary>
    private static async Task<Results<Created<SupportFollowUpResponse>, NotFound, ProblemHttpResult>> OpenAsync(
        FollowUpSource source, OpenFollowUpRequest request, ObservationReader reader, FollowUpContext context, CancellationToken cancellationToken)
    {
        if (!reader.Access.Granted.Contains(source.SchoolId))
        {
            return Caller.Denied("Support is opened by the school's head or its executive principal.");
        }
        if (await context.People.FindAsync(request.AssigneeId!.Value, cancellationToken) is not { HomeSchoolId: { } assigneeSchool } assignee)
        {
            return FieldErrors.ProblemResult("assigneeId", "No member of school staff has this id.");
        }
        if (assigneeSchool != source.SchoolId && !await context.Directory.ArePartnersAsync(source.SchoolId, assigneeSchool, cancellationToken))
        {
            return ObservationRules.PartnerObservers.Conflict("The person giving support comes from a school that shares no federation or cluster with the teacher's.");
        }
        var followUp = await context.Store.OpenAsync(
            Guid.CreateVersion7(), source, request.SupportKind!.Value, assignee.Id, request.Note?.Trim(), context.Caller.Email, cancellationToken);
        return TypedResults.Created($"/api/observations/follow-ups/{followUp.Id}", SupportFollowUpResponse.From(followUp));
    }

    private static async Task<Results<Ok<SupportFollowUpResponse>, NotFound, ProblemHttpResult>> CloseAsync(
        Guid id, CloseFollowUpRequest request, [AsParameters] FollowUpContext context, CancellationToken cancellationToken)
    {
        var reader = await ObservationReader.ForAsync(context.Caller, cancellationToken);
        if (await context.Store.FindAsync(id, reader, cancellationToken) is not { } followUp)
        {
            return TypedResults.NotFound();
        }
        if (followUp.AssigneeId != reader.Access.CallerPersonId && !reader.Access.Granted.Contains(followUp.SchoolId))
        {
            return Caller.Denied("A follow-up is closed by the person giving the support or the school's leaders.");
        }
        return await context.Store.CloseAsync(id, request.Outcome!.Trim(), context.Caller.Email, cancellationToken) is { } closed
            ? TypedResults.Ok(SupportFollowUpResponse.From(closed))
            : ObservationRules.FollowUpClosed.Conflict("This follow-up is closed already.");
    }
}

/// <summary>What opening and closing follow-ups work with.</summary>
internal sealed record FollowUpContext(SupportFollowUpStore Store, PersonDirectory People, ScopeDirectory Directory, Caller Caller);
