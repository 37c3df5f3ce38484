using Federation.Staff.Data;

namespace Federation.Staff.Api;

/// <summary>A person from their home school lent to a host school.</summary>
/// <param name="HomeSchoolId">The person's home school when the deployment was requested: it releases them.</param>
/// <param name="Session">morning, afternoon or wholeDay, on each day from startsOn to endsOn.</param>
/// <param name="State">requested, agreed, declined or cancelled.</param>
/// <param name="Reason">Why it was declined or cancelled, if a reason was given.</param>
/// <param name="RequestedBy">The email of whoever asked for it.</param>
public sealed record DeploymentResponse(
    Guid Id, Guid PersonId, Guid HomeSchoolId, Guid HostSchoolId, DateOnly StartsOn, DateOnly EndsOn, Session Session,
    DeploymentCategory Category, string Purpose, DeploymentState State, string? Reason, string RequestedBy)
{
    public static DeploymentResponse From(DeploymentRow row) => new(
        row.Id, row.PersonId, row.HomeSchoolId, row.HostSchoolId, row.StartsOn, row.EndsOn, row.Session, row.Category, row.Purpose,
        row.State, row.Reason, row.RequestedBy);
}

/// <summary>A host school asking for a person from their home school.</summary>
/// <param name="PersonId">Who is asked for (school staff: their home school releases them).</param>
/// <param name="HostSchoolId">The school they would work at; shares a federation or a cluster with their home school.</param>
/// <param name="StartsOn">The first day.</param>
/// <param name="EndsOn">The last day (at most a year after the first).</param>
/// <param name="Session">morning, afternoon or wholeDay, on each of those days.</param>
/// <param name="Category">subjectExpert, supplyCover, supportStaff or systemLeadershipSupport.</param>
/// <param name="Purpose">What the host needs them for, e.g. "Year 11 physics practicals".</param>
public sealed record RequestDeploymentRequest(
    Guid? PersonId, Guid? HostSchoolId, DateOnly? StartsOn, DateOnly? EndsOn, Session? Session, DeploymentCategory? Category, string? Purpose);

/// <summary>Why a deployment is declined or cancelled.</summary>
/// <param name="Reason">Optional, shown to both schools.</param>
public sealed record DeploymentDecisionRequest(string? Reason = null);

internal sealed class RequestDeploymentValidator : AbstractValidator<RequestDeploymentRequest>
{
    public RequestDeploymentValidator(TimeProvider clock)
    {
        RuleFor(request => request.PersonId).NotEmpty();
        RuleFor(request => request.HostSchoolId).NotEmpty();
        RuleFor(request => request.StartsOn).NotNull()
            .LessThanOrEqualTo(_ => clock.Today().AddYears(2)).WithMessage("A deployment starts at most two years ahead.");
        RuleFor(request => request.EndsOn).NotNull()
            .GreaterThanOrEqualTo(request => request.StartsOn).When(request => request.StartsOn is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("endsOn must be on or after startsOn.")
            .LessThanOrEqualTo(request => request.StartsOn!.Value.AddYears(1)).When(request => request.StartsOn is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("A deployment lasts at most a year; request another for the time after.");
        RuleFor(request => request.Session).NotNull();
        RuleFor(request => request.Category).NotNull();
        RuleFor(request => request.Purpose).NotEmpty().MaximumLength(1000);
    }
}

internal sealed class DeploymentDecisionValidator : AbstractValidator<DeploymentDecisionRequest>
{
    public DeploymentDecisionValidator() => RuleFor(request => request.Reason).MaximumLength(1000);
}

public static class DeploymentsApi
{
    public static IEndpointRouteBuilder MapDeploymentsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/deployments").WithTags("Shared-staff deployments");
        var writes = group.Writes();

        group.MapGet("/", ListAsync)
            .WithName("ListDeployments").WithSummary("List the deployments you may see, filtered by person, school, state or dates.")
            .Validate<PageRequest>();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetDeployment").WithSummary("Get a deployment you may see.");
        writes.MapPost("/", RequestAsync)
            .WithName("RequestDeployment")
            .WithSummary("The host school asks for a person from a partner school (whoever manages the host's staff).")
            .Validate<RequestDeploymentRequest>();
        writes.MapPost($"/{{id:guid}}/{DeploymentStep.Agree.Name}", AgreeAsync)
            .WithName("AgreeDeployment")
            .WithSummary("The home school releases the person (whoever manages its staff). Refused if they are already deployed then.");
        writes.MapPost($"/{{id:guid}}/{DeploymentStep.Decline.Name}", DeclineAsync)
            .WithName("DeclineDeployment").WithSummary("The home school declines the request (whoever manages its staff).")
            .Validate<DeploymentDecisionRequest>();
        writes.MapPost($"/{{id:guid}}/{DeploymentStep.Cancel.Name}", CancelAsync)
            .WithName("CancelDeployment").WithSummary("The home or host school cancels a requested or agreed deployment.")
            .Validate<DeploymentDecisionRequest>();
        return endpoints;
    }

    private static async Task<Ok<Page<DeploymentResponse>>> ListAsync(
        DeploymentStore store, Caller caller, [AsParameters] DeploymentFilter filter, [AsParameters] PageRequest page,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(filter, page, await caller.FilterAsync(Permission.ReadStaff, cancellationToken), cancellationToken))
            .Select(DeploymentResponse.From));

    private static async Task<Results<Ok<DeploymentResponse>, NotFound>> GetAsync(
        Guid id, DeploymentStore store, Caller caller, CancellationToken cancellationToken) =>
        await store.FindAsync(id, await caller.FilterAsync(Permission.ReadStaff, cancellationToken), cancellationToken) is { } deployment
            ? TypedResults.Ok(DeploymentResponse.From(deployment))
            : TypedResults.NotFound();

    private static async Task<Results<Created<DeploymentResponse>, ValidationProblem, ProblemHttpResult>> RequestAsync(
        RequestDeploymentRequest request, DeploymentStore store, PersonStore people, ScopeDirectory directory, Caller caller,
        CancellationToken cancellationToken)
    {
        var hostSchoolId = request.HostSchoolId!.Value;
        if (!await directory.ExistsAsync(Scope.School(hostSchoolId), cancellationToken))
        {
            return FieldErrors.Problem("hostSchoolId", FieldErrors.UnknownId("school"));
        }
        if (await caller.DeniedUnlessAsync(Permission.ManageStaff, Scope.School(hostSchoolId),
                "Asking for staff needs whoever manages the host school's staff.", cancellationToken) is { } denied)
        {
            return denied;
        }
        // The host names someone from a partner school; it need not be able to read that school's staff.
        if (await people.FindAnyoneAsync(request.PersonId!.Value, cancellationToken) is not { } person)
        {
            return FieldErrors.Problem("personId", FieldErrors.UnknownId("person"));
        }
        if (person.HomeSchoolId is not { } homeSchoolId)
        {
            return FieldErrors.Problem("personId", "This person is not school staff: they have no home school to release them.");
        }
        if (homeSchoolId == hostSchoolId)
        {
            return FieldErrors.Problem("hostSchoolId", "This is the person's home school; a deployment is to another school.");
        }
        if (!await directory.ArePartnersAsync(homeSchoolId, hostSchoolId, cancellationToken))
        {
            return StaffRules.HomeAndHostArePartners.Conflict(
                $"The person's home school {homeSchoolId} and school {hostSchoolId} share no federation or cluster.");
        }
        var details = new DeploymentDetails(
            person.Id, homeSchoolId, hostSchoolId, request.StartsOn!.Value, request.EndsOn!.Value, request.Session!.Value, request.Category!.Value,
            request.Purpose!.Trim());
        return await store.RequestAsync(Guid.CreateVersion7(), details, caller.Email, cancellationToken) switch
        {
            DeploymentOutcome.Done done => TypedResults.Created($"/api/deployments/{done.Deployment.Id}", DeploymentResponse.From(done.Deployment)),
            DeploymentOutcome.Overlaps overlaps => StaffRules.PersonInOnePlace.Conflict(
                $"The person is already deployed then (agreed deployment {overlaps.AgreedDeploymentId})."),
            var outcome => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }

    private static Task<Results<Ok<DeploymentResponse>, NotFound, ProblemHttpResult>> AgreeAsync(
        Guid id, DeploymentStore store, Caller caller, CancellationToken cancellationToken) =>
        StepAsync(id, DeploymentStep.Agree, null, store, caller, cancellationToken);

    private static Task<Results<Ok<DeploymentResponse>, NotFound, ProblemHttpResult>> DeclineAsync(
        Guid id, DeploymentDecisionRequest request, DeploymentStore store, Caller caller, CancellationToken cancellationToken) =>
        StepAsync(id, DeploymentStep.Decline, request.Reason, store, caller, cancellationToken);

    private static Task<Results<Ok<DeploymentResponse>, NotFound, ProblemHttpResult>> CancelAsync(
        Guid id, DeploymentDecisionRequest request, DeploymentStore store, Caller caller, CancellationToken cancellationToken) =>
        StepAsync(id, DeploymentStep.Cancel, request.Reason, store, caller, cancellationToken);

    /// <summary>Every step has one shape: find the deployment (404 when the caller may not see it),
    /// then the step's table row (<see cref="DeploymentStep"/>) decides: 403 for the wrong person,
    /// 409 for the wrong state; then the store moves it (409 naming the state when someone moved
    /// it first).</summary>
    private static async Task<Results<Ok<DeploymentResponse>, NotFound, ProblemHttpResult>> StepAsync(
        Guid id, DeploymentStep step, string? reason, DeploymentStore store, Caller caller, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, await caller.FilterAsync(Permission.ReadStaff, cancellationToken), cancellationToken) is not { } deployment)
        {
            return TypedResults.NotFound();
        }
        var actors = new DeploymentActors(
            ManagesHome: await caller.MayAsync(Permission.ManageStaff, Scope.School(deployment.HomeSchoolId), cancellationToken),
            ManagesHost: await caller.MayAsync(Permission.ManageStaff, Scope.School(deployment.HostSchoolId), cancellationToken));
        return step.Decide(actors, deployment.State) switch
        {
            DeploymentStepDecision.Denied => Caller.Denied(step.WhoMay),
            DeploymentStepDecision.WrongState => WrongState(deployment.State, step),
            _ => await store.MoveAsync(id, step, reason?.Trim(), cancellationToken) switch
            {
                DeploymentOutcome.Done done => TypedResults.Ok(DeploymentResponse.From(done.Deployment)),
                DeploymentOutcome.WrongState wrong => WrongState(wrong.State, step),
                var outcome => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
            },
        };
    }

    private static ProblemHttpResult WrongState(DeploymentState state, DeploymentStep step) =>
        StaffRules.DeploymentTransition.Conflict($"The deployment is {state.ToEventName()}; it cannot be {step.To.ToEventName()} now.");
}
