using Federation.Schools.Data;

namespace Federation.Schools.Api;

/// <summary>A school's (or a local authority's) dates for a school year, and whose they are.</summary>
/// <param name="ScopeId">The school or local authority asked about.</param>
/// <param name="StartYear">2026 for 2026/27.</param>
/// <param name="Name">e.g. "2026/27".</param>
/// <param name="Source">school (it set its own), localAuthority (its authority's dates) or default (the English default: nobody set any).</param>
/// <param name="Terms">Autumn, spring and summer, each with its half-term holiday.</param>
/// <param name="ClosedDays">Other days closed in term: bank holidays, training days.</param>
public sealed record SchoolYearResponse(
    Guid ScopeId, int StartYear, string Name, SchoolYearSource Source, IReadOnlyList<Term> Terms, IReadOnlyList<DateOnly> ClosedDays)
{
    public static SchoolYearResponse From(Guid scopeId, EffectiveSchoolYear effective) => new(
        scopeId, effective.Year.StartYear, effective.Year.ToString(), effective.Source, effective.Year.Terms, effective.Year.ClosedDays);
}

/// <summary>A school year's dates.</summary>
/// <param name="Terms">The autumn, spring and summer terms, in that order.</param>
/// <param name="ClosedDays">Other weekdays in term the schools are closed: bank holidays, training days. Optional.</param>
public sealed record SchoolYearRequest(TermRequest[]? Terms, DateOnly[]? ClosedDays = null)
{
    public SchoolYear ToSchoolYear(int startYear) => new(
        startYear,
        [.. Terms!.Select(term => new Term(term.Term!.Value, term.StartsOn!.Value, term.HalfTermStartsOn!.Value, term.HalfTermEndsOn!.Value, term.EndsOn!.Value))],
        [.. (ClosedDays ?? []).Distinct().Order()]);
}

/// <summary>One term's dates.</summary>
/// <param name="Term">autumn, spring or summer.</param>
/// <param name="StartsOn">The first day of term.</param>
/// <param name="HalfTermStartsOn">The first day of its half-term holiday.</param>
/// <param name="HalfTermEndsOn">The last day of its half-term holiday.</param>
/// <param name="EndsOn">The last day of term.</param>
public sealed record TermRequest(TermName? Term, DateOnly? StartsOn, DateOnly? HalfTermStartsOn, DateOnly? HalfTermEndsOn, DateOnly? EndsOn);

internal sealed class SchoolYearValidator : AbstractValidator<SchoolYearRequest>
{
    public SchoolYearValidator()
    {
        RuleFor(request => request.Terms).NotNull()
            .Must(terms => terms!.Select(term => term?.Term).SequenceEqual([TermName.Autumn, TermName.Spring, TermName.Summer]))
            .When(request => request.Terms is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("Give the autumn, spring and summer terms, in that order.");
        RuleForEach(request => request.Terms).NotNull().ChildRules(term =>
        {
            term.RuleFor(t => t.StartsOn).NotNull();
            term.RuleFor(t => t.HalfTermStartsOn).NotNull()
                .GreaterThan(t => t.StartsOn).When(t => t.StartsOn is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage("The half-term holiday starts after the term does.");
            term.RuleFor(t => t.HalfTermEndsOn).NotNull()
                .GreaterThanOrEqualTo(t => t.HalfTermStartsOn).When(t => t.HalfTermStartsOn is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage("The half-term holiday ends on or after its first day.");
            term.RuleFor(t => t.EndsOn).NotNull()
                .GreaterThan(t => t.HalfTermEndsOn).When(t => t.HalfTermEndsOn is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage("The term ends after its half-term holiday.");
        });
        RuleFor(request => request.Terms).Custom((terms, context) =>
        {
            if (terms is not { Length: 3 } || terms.Any(term => term?.StartsOn is null || term.EndsOn is null))
            {
                return;
            }
            for (var index = 1; index < terms.Length; index++)
            {
                if (terms[index].StartsOn <= terms[index - 1].EndsOn)
                {
                    context.AddFailure($"Terms[{index}].StartsOn", "A term starts after the one before it ends.");
                }
            }
            if (terms[2].EndsOn >= terms[0].StartsOn!.Value.AddYears(1))
            {
                context.AddFailure("Terms[2].EndsOn", "The summer term ends within a year of the autumn term's start.");
            }
        });
        RuleFor(request => request.ClosedDays)
            .Must(days => days!.Length <= 40).When(request => request.ClosedDays is not null)
            .WithMessage("At most 40 closed days.");
        RuleForEach(request => request.ClosedDays)
            .Must((request, day) => request.Terms is not { Length: 3 } terms || terms.Any(term => term?.StartsOn is null)
                || terms[^1]?.EndsOn is null || (day >= terms[0].StartsOn && day <= terms[^1].EndsOn))
            .WithMessage("A closed day falls between the first day of the autumn term and the last of the summer term.");
    }
}

/// <summary>The school calendar: each local authority sets its schools' terms and half-terms for a
/// year, and a school (an academy, say) may set its own instead. A school with neither keeps the
/// English default. Every service replicates it (SchoolYearSet, SchoolYearCleared).</summary>
public static class SchoolYearsApi
{
    private const int FirstYear = 2000;
    private const int LastYear = 2100;

    public static IEndpointRouteBuilder MapSchoolYearsApi(this IEndpointRouteBuilder endpoints)
    {
        Map(endpoints, "/api/local-authorities/{id:guid}/school-years/{startYear:int}", ScopeKind.LocalAuthority, "LocalAuthority",
            Permission.ManageDirectory, "Setting a local authority's school year needs one of its officers.");
        Map(endpoints, "/api/schools/{id:guid}/school-years/{startYear:int}", ScopeKind.School, "School",
            Permission.DecideForSchool, "Setting a school's own school year needs its head or its local authority.");
        return endpoints;
    }

    private static void Map(IEndpointRouteBuilder endpoints, string path, ScopeKind kind, string name, Permission manage, string deniedDetail)
    {
        var group = endpoints.MapGroup(path).WithTags("School calendar");
        var writes = group.Writes();
        var whose = kind == ScopeKind.School ? "a school keeps: its own, else its local authority's, else the English default" : "a local authority's schools keep: its own, else the English default";

        group.MapGet("/", (Guid id, int startYear, ScopeDirectory directory, SchoolCalendars calendars, CancellationToken cancellationToken) =>
                GetAsync(new Scope(kind, id), startYear, directory, calendars, cancellationToken))
            .WithName($"Get{name}SchoolYear").WithSummary($"The school year {whose}.");
        writes.MapPut("/", (Guid id, int startYear, SchoolYearRequest request, ScopeDirectory directory, SchoolYearStore store,
                    SchoolCalendars calendars, Caller caller, CancellationToken cancellationToken) =>
                SetAsync(new Scope(kind, id), startYear, request, manage, deniedDetail, directory, store, calendars, caller, cancellationToken))
            .WithName($"Set{name}SchoolYear").WithSummary($"Set the {(kind == ScopeKind.School ? "school's own" : "local authority's")} terms and half-terms for a year.")
            .Validate<SchoolYearRequest>();
        writes.MapDelete("/", (Guid id, int startYear, ScopeDirectory directory, SchoolYearStore store, Caller caller, CancellationToken cancellationToken) =>
                ClearAsync(new Scope(kind, id), startYear, manage, deniedDetail, directory, store, caller, cancellationToken))
            .WithName($"Clear{name}SchoolYear")
            .WithSummary(kind == ScopeKind.School
                ? "Remove the school's own dates for a year: it keeps its local authority's (or the default) again."
                : "Remove the local authority's dates for a year: its schools keep the default (or their own) again.");
    }

    private static async Task<Results<Ok<SchoolYearResponse>, NotFound, ValidationProblem>> GetAsync(
        Scope scope, int startYear, ScopeDirectory directory, SchoolCalendars calendars, CancellationToken cancellationToken)
    {
        if (!await directory.ExistsAsync(scope, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        if (StartYearProblem(startYear) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(SchoolYearResponse.From(scope.Id, await calendars.YearAsync(scope.Id, startYear, cancellationToken)));
    }

    private static async Task<Results<Ok<SchoolYearResponse>, NotFound, ValidationProblem, ProblemHttpResult>> SetAsync(
        Scope scope, int startYear, SchoolYearRequest request, Permission manage, string deniedDetail, ScopeDirectory directory,
        SchoolYearStore store, SchoolCalendars calendars, Caller caller, CancellationToken cancellationToken)
    {
        if (!await directory.ExistsAsync(scope, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        if (StartYearProblem(startYear) is { } problem)
        {
            return problem;
        }
        var autumnStarts = request.Terms![0].StartsOn!.Value;
        if (autumnStarts.Year != startYear || autumnStarts.Month is not (8 or 9))
        {
            return FieldErrors.Problem("terms[0].startsOn", $"The {startYear}/{(startYear + 1) % 100:D2} year starts in August or September {startYear}.");
        }
        if (await caller.DeniedUnlessAsync(manage, scope, deniedDetail, cancellationToken) is { } denied)
        {
            return denied;
        }
        await store.SetAsync(scope, request.ToSchoolYear(startYear), caller.Email, cancellationToken);
        return TypedResults.Ok(SchoolYearResponse.From(scope.Id, await calendars.YearAsync(scope.Id, startYear, cancellationToken)));
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> ClearAsync(
        Scope scope, int startYear, Permission manage, string deniedDetail, ScopeDirectory directory, SchoolYearStore store, Caller caller,
        CancellationToken cancellationToken)
    {
        if (!await directory.ExistsAsync(scope, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        if (StartYearProblem(startYear) is { } problem)
        {
            return problem;
        }
        if (await caller.DeniedUnlessAsync(manage, scope, deniedDetail, cancellationToken) is { } denied)
        {
            return denied;
        }
        await store.ClearAsync(scope, startYear, cancellationToken);
        return TypedResults.NoContent();
    }

    private static ValidationProblem? StartYearProblem(int startYear) =>
        startYear is < FirstYear or > LastYear
            ? FieldErrors.Problem("startYear", $"A school year starts between {FirstYear} and {LastYear}.")
            : null;
}
