using Federation.Contracts.Staff;
using Federation.Staff.Data;

namespace Federation.Staff.Api;

/// <summary>A person's role in a school, federation, cluster or local authority.</summary>
/// <param name="PersonName">The person's name as it stands today.</param>
/// <param name="ScopeKind">school, federation, cluster or localAuthority: follows from the role.</param>
/// <param name="EndsOn">The last day in the role; null while open-ended.</param>
public sealed record RoleAssignmentResponse(
    Guid Id, Guid PersonId, string PersonName, Role Role, ScopeKind ScopeKind, Guid ScopeId, DateOnly StartsOn, DateOnly? EndsOn, AssignmentKind Kind,
    LeadershipFunction? LeadershipFunction)
{
    public static RoleAssignmentResponse From(RoleAssignmentRow row) => new(
        row.Id, row.PersonId, row.PersonName, row.Role, row.ScopeKind, row.ScopeId, row.StartsOn, row.EndsOn, row.Kind, row.LeadershipFunction);
}

/// <summary>A role to assign.</summary>
/// <param name="PersonId">Who takes the role.</param>
/// <param name="Role">executivePrincipal (held in a federation), headteacher, headOfSchool, deputyHead, assistantHead,
/// headOfDepartment, teacher, governor (a school), clusterChair (a cluster) or localAuthorityOfficer (a local authority).</param>
/// <param name="ScopeId">The school, federation, cluster or local authority, as the role requires.</param>
/// <param name="StartsOn">The first day in the role.</param>
/// <param name="EndsOn">The last day; required for an internal secondment, one to two years on for a rotation.</param>
/// <param name="Kind">substantive (default), rotation or internalSecondment.</param>
/// <param name="LeadershipFunction">Optional: curriculum, teachingAndTeacherDevelopment, behaviourAndInclusion,
/// safeguardingAndWellbeing or financeAndOperations.</param>
public sealed record AssignRoleRequest(
    Guid? PersonId,
    Role? Role,
    Guid? ScopeId,
    DateOnly? StartsOn,
    DateOnly? EndsOn = null,
    AssignmentKind? Kind = null,
    LeadershipFunction? LeadershipFunction = null)
{
    internal AssignmentKind KindOrDefault => Kind ?? AssignmentKind.Substantive;

    internal AssignmentDetails ToDetails() =>
        new(PersonId!.Value, Role!.Value, ScopeId!.Value, StartsOn!.Value, EndsOn, KindOrDefault, LeadershipFunction);
}

/// <summary>When a role ends.</summary>
/// <param name="EndsOn">The last day in the role; omit to end it now (yesterday becomes its last day).</param>
public sealed record EndRoleRequest(DateOnly? EndsOn = null);

internal sealed class AssignRoleValidator : AbstractValidator<AssignRoleRequest>
{
    public AssignRoleValidator(TimeProvider clock)
    {
        RuleFor(request => request.PersonId).NotEmpty();
        RuleFor(request => request.Role).NotNull();
        RuleFor(request => request.ScopeId).NotEmpty();
        RuleFor(request => request.StartsOn).NotNull()
            .LessThanOrEqualTo(_ => clock.Today().AddYears(2)).WithMessage("A role is assigned at most two years before it starts.");
        RuleFor(request => request.EndsOn).GreaterThanOrEqualTo(request => request.StartsOn)
            .When(request => request.StartsOn is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("endsOn must be on or after startsOn.");
        RuleFor(request => request.EndsOn).Custom((endsOn, context) =>
        {
            var request = context.InstanceToValidate;
            if (request.StartsOn is { } startsOn && AssignmentRules.CheckTerm(request.KindOrDefault, startsOn, endsOn) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
    }
}

public static class RoleAssignmentsApi
{
    public static IEndpointRouteBuilder MapRoleAssignmentsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/role-assignments").WithTags("Role assignments");
        var writes = group.Writes();

        group.MapGet("/", ListAsync)
            .WithName("ListRoleAssignments").WithSummary("List the role assignments you may see, filtered by person, scope (or within a federation, cluster or local authority), role or day.")
            .Validate<PageRequest>();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetRoleAssignment").WithSummary("Get a role assignment you may see.");
        writes.MapPost("/", AssignAsync)
            .WithName("AssignRole")
            .WithSummary("Assign a role (in a school: its headteacher or head of school, its executive principal or a local-authority officer; " +
                         "in a federation: its executive principal; in a cluster or local authority: a local-authority officer).")
            .Validate<AssignRoleRequest>();
        writes.MapPost("/{id:guid}/end", EndAsync)
            .WithName("EndRole").WithSummary("End a role assignment (whoever may assign it): it stops granting access after its last day.");
        return endpoints;
    }

    private static async Task<Ok<Page<RoleAssignmentResponse>>> ListAsync(
        RoleAssignmentStore store, Caller caller, [AsParameters] RoleAssignmentFilter filter, [AsParameters] PageRequest page,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(filter, page, await caller.FilterAsync(Permission.ReadStaff, cancellationToken), cancellationToken))
            .Select(RoleAssignmentResponse.From));

    private static async Task<Results<Ok<RoleAssignmentResponse>, NotFound>> GetAsync(
        Guid id, RoleAssignmentStore store, Caller caller, CancellationToken cancellationToken) =>
        await store.FindAsync(id, await caller.FilterAsync(Permission.ReadStaff, cancellationToken), cancellationToken) is { } assignment
            ? TypedResults.Ok(RoleAssignmentResponse.From(assignment))
            : TypedResults.NotFound();

    private static async Task<Results<Created<RoleAssignmentResponse>, ValidationProblem, ProblemHttpResult>> AssignAsync(
        AssignRoleRequest request, RoleAssignmentStore store, PersonStore people, ScopeDirectory directory, Caller caller,
        CancellationToken cancellationToken)
    {
        var scope = new Scope(request.Role!.Value.ScopeKind(), request.ScopeId!.Value);
        if (!await directory.ExistsAsync(scope, cancellationToken))
        {
            return FieldErrors.Problem("scopeId",
                $"No {scope.Kind.ToEventName()} has this id (a {request.Role.Value.ToEventName()} is held in a {scope.Kind.ToEventName()}).");
        }
        if (await caller.DeniedUnlessAsync(Permission.ManageStaff, scope,
                $"You may not assign roles in this {scope.Kind.ToEventName()}.", cancellationToken) is { } denied)
        {
            return denied;
        }
        // A person the caller may not see is, to them, no person at all.
        if (await people.FindAsync(request.PersonId!.Value, await caller.FilterAsync(Permission.ReadStaff, cancellationToken), cancellationToken) is null)
        {
            return FieldErrors.Problem("personId", FieldErrors.UnknownId("person"));
        }
        var assignment = await store.AssignAsync(Guid.CreateVersion7(), request.ToDetails(), cancellationToken);
        return TypedResults.Created($"/api/role-assignments/{assignment.Id}", RoleAssignmentResponse.From(assignment));
    }

    private static async Task<Results<Ok<RoleAssignmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> EndAsync(
        Guid id, EndRoleRequest? request, RoleAssignmentStore store, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, await caller.FilterAsync(Permission.ReadStaff, cancellationToken), cancellationToken) is not { } assignment)
        {
            return TypedResults.NotFound();
        }
        if (await caller.DeniedUnlessAsync(Permission.ManageStaff, new Scope(assignment.ScopeKind, assignment.ScopeId),
                $"You may not end roles in this {assignment.ScopeKind.ToEventName()}.", cancellationToken) is { } denied)
        {
            return denied;
        }
        var endsOn = request?.EndsOn ?? clock.Today().AddDays(-1);
        if (endsOn < assignment.StartsOn.AddDays(-1))
        {
            return FieldErrors.Problem("endsOn", $"The role starts on {assignment.StartsOn:yyyy-MM-dd}; it can end on the day before at the earliest.");
        }
        return await store.EndAsync(id, endsOn, cancellationToken) switch
        {
            EndOutcome.Ended ended => TypedResults.Ok(RoleAssignmentResponse.From(ended.Assignment)),
            EndOutcome.AlreadyEnded already => StaffRules.RoleAlreadyEnded.Conflict($"The role already ends on {already.EndsOn:yyyy-MM-dd}."),
            var outcome => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }
}
