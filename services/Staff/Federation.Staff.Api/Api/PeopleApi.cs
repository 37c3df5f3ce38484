using Federation.Contracts.Staff;
using Federation.Staff.Data;

namespace Federation.Staff.Api;

/// <summary>A person on the platform.</summary>
/// <param name="Email">How a signed-in token maps to this person (unique, any case).</param>
/// <param name="HomeSchoolId">The school that employs them; null for people who are not school staff.</param>
/// <param name="Specialisms">Subject specialisms, e.g. ["Physics"].</param>
public sealed record PersonResponse(
    Guid Id, string Name, string Email, Guid? HomeSchoolId, StaffType StaffType, string[] Specialisms)
{
    public static PersonResponse From(PersonRow row) => new(
        row.Id, row.Name, row.Email, row.HomeSchoolId, row.StaffType, row.Specialisms);
}

/// <summary>A person to register (POST) or their details to replace (PUT).</summary>
/// <param name="Name">Full name, e.g. "Daniel Hughes".</param>
/// <param name="Email">Unique (any case): how their sign-in maps to them.</param>
/// <param name="HomeSchoolId">The school that employs them; required for teaching and support staff.</param>
/// <param name="StaffType">teaching, support or other (not school staff: a local-authority officer, say).</param>
/// <param name="Specialisms">Subject specialisms, e.g. ["Physics"].</param>
public sealed record PersonRequest(string? Name, string? Email, Guid? HomeSchoolId, StaffType? StaffType, string[]? Specialisms = null)
{
    internal PersonDetails ToDetails() => new(
        Name!.Trim(), Email!.Trim(), HomeSchoolId, StaffType!.Value,
        Specialisms?.Select(specialism => specialism.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray() ?? []);
}

internal sealed class PersonRequestValidator : AbstractValidator<PersonRequest>
{
    public PersonRequestValidator()
    {
        RuleFor(person => person.Name).NotEmpty().MaximumLength(200);
        RuleFor(person => person.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(person => person.StaffType).NotNull();
        RuleFor(person => person.HomeSchoolId).NotEmpty()
            .When(person => person.StaffType is not null and not StaffType.Other)
            .WithMessage("homeSchoolId is required for teaching and support staff.");
        RuleFor(person => person.Specialisms).Must(specialisms => specialisms is null || specialisms.Length <= 20)
            .WithMessage("At most 20 specialisms.");
        RuleForEach(person => person.Specialisms).NotEmpty().MaximumLength(100);
    }
}

public static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/people").WithTags("People");
        var writes = group.Writes();

        group.MapGet("/", ListAsync)
            .WithName("ListPeople").WithSummary("List the people you may see, filtered by home school or email.")
            .Validate<PageRequest>();
        group.MapGet("/me", MeAsync).WithName("GetMe").WithSummary("The person you are signed in as.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetPerson").WithSummary("Get a person you may see.");
        writes.MapPost("/", RegisterAsync)
            .WithName("RegisterPerson")
            .WithSummary("Register a person (whoever manages the staff of their home school; platform administrators for people who are not school staff).")
            .Validate<PersonRequest>();
        writes.MapPut("/{id:guid}", UpdateAsync)
            .WithName("UpdatePerson").WithSummary("Replace a person's details (whoever manages the staff of their home school).")
            .Validate<PersonRequest>();
        return endpoints;
    }

    private static async Task<Ok<Page<PersonResponse>>> ListAsync(
        PersonStore store, Caller caller, [AsParameters] PersonFilter filter, [AsParameters] PageRequest page, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(filter, page, await caller.FilterAsync(Permission.ReadStaff, cancellationToken), cancellationToken))
            .Select(PersonResponse.From));

    private static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> MeAsync(
        PersonStore store, Caller caller, CancellationToken cancellationToken) =>
        await caller.PersonAsync(cancellationToken) is { } me && await store.FindAnyoneAsync(me.Id, cancellationToken) is { } person
            ? TypedResults.Ok(PersonResponse.From(person))
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, title: "Not registered", detail: $"No person is registered with the email {caller.Email}.");

    private static async Task<Results<Ok<PersonResponse>, NotFound>> GetAsync(
        Guid id, PersonStore store, Caller caller, CancellationToken cancellationToken) =>
        await store.FindAsync(id, await caller.FilterAsync(Permission.ReadStaff, cancellationToken), cancellationToken) is { } person
            ? TypedResults.Ok(PersonResponse.From(person))
            : TypedResults.NotFound();

    private static async Task<Results<Created<PersonResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        PersonRequest request, PersonStore store, ScopeDirectory directory, Caller caller, CancellationToken cancellationToken)
    {
        if (await CheckHomeSchoolAsync(request.HomeSchoolId, directory, caller, cancellationToken) is { } refused)
        {
            return refused;
        }
        var person = await store.RegisterAsync(Guid.CreateVersion7(), request.ToDetails(), cancellationToken);
        return TypedResults.Created($"/api/people/{person.Id}", PersonResponse.From(person));
    }

    private static async Task<Results<Ok<PersonResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, PersonRequest request, PersonStore store, RoleAssignmentStore roles, ScopeDirectory directory, Caller caller,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, await caller.FilterAsync(Permission.ReadStaff, cancellationToken), cancellationToken) is not { } current)
        {
            return TypedResults.NotFound();
        }
        if (await CheckHomeSchoolAsync(current.HomeSchoolId, directory, caller, cancellationToken) is { } refusedNow)
        {
            return refusedNow;
        }
        if (request.HomeSchoolId != current.HomeSchoolId
            && await CheckHomeSchoolAsync(request.HomeSchoolId, directory, caller, cancellationToken) is { } refusedNew)
        {
            return refusedNew;
        }
        if (!string.Equals(request.Email!.Trim(), current.Email, StringComparison.OrdinalIgnoreCase))
        {
            // An email is how a person is first recognised at sign-in, so it is changed only by
            // someone who manages staff wherever the person holds or will hold a role.
            foreach (var scope in await roles.ScopesHeldAsync(id, cancellationToken))
            {
                if (!await caller.MayAsync(Permission.ManageStaff, scope, cancellationToken))
                {
                    return Caller.Denied(
                        $"This person holds a role at a {scope.Kind.ToEventName()} whose staff you do not manage; their email is changed by someone who manages every place they hold a role.");
                }
            }
        }
        return TypedResults.Ok(PersonResponse.From(await store.UpdateAsync(id, request.ToDetails(), cancellationToken)));
    }

    /// <summary>The home school must be known, and the caller must manage its staff; only
    /// administrators look after people who are not school staff.</summary>
    private static async Task<ProblemHttpResult?> CheckHomeSchoolAsync(
        Guid? homeSchoolId, ScopeDirectory directory, Caller caller, CancellationToken cancellationToken)
    {
        if (homeSchoolId is not { } schoolId)
        {
            return caller.IsAdministrator ? null : Caller.Denied("People who are not school staff are registered by platform administrators.");
        }
        if (!await directory.ExistsAsync(Scope.School(schoolId), cancellationToken))
        {
            return FieldErrors.ProblemResult("homeSchoolId", FieldErrors.UnknownId("school"));
        }
        return await caller.MayAsync(Permission.ManageStaff, Scope.School(schoolId), cancellationToken)
            ? null
            : Caller.Denied("Registering or changing a school's staff needs its headteacher or head of school, its executive principal or a local-authority officer.");
    }
}
