using Federation.Observations.Data;

namespace Federation.Observations.Api;

/// <summary>A school's observation coverage for a half-term (DOMAIN.md rule 6): which teachers have
/// had the observations the school asks for, and whether the senior team walked each week. Counts
/// only, never what a record says.</summary>
/// <param name="HalfTerm">e.g. "2026/27 autumn 2".</param>
/// <param name="StartsOn">The half-term's first day taught.</param>
/// <param name="EndsOn">Its last day taught.</param>
/// <param name="Teachers">How many teach there (a current teacher or head-of-department role) and where they stand.</param>
/// <param name="TeacherRows">Each teacher: for the school's senior leaders and heads of department; null for those who see counts only
/// (cluster chairs, local-authority officers).</param>
/// <param name="Weeks">Each week of the half-term so far (by its Monday): walks logged against the school's threshold.</param>
/// <param name="CrossSchoolReceived">Completed observations of this school's teachers by observers from partner schools.</param>
/// <param name="CrossSchoolGiven">Completed observations in partner schools with an observer from this school.</param>
/// <param name="OpenFollowUps">Support follow-ups of this school's teachers still open (any half-term).</param>
public sealed record CoverageResponse(
    Guid SchoolId, string HalfTerm, DateOnly StartsOn, DateOnly EndsOn, CoverageSettings Settings, CoverageCounts Teachers,
    TeacherCoverage[]? TeacherRows, WeekCoverage[] Weeks, int CrossSchoolReceived, int CrossSchoolGiven, int OpenFollowUps);

public sealed record CoverageCounts(int Total, int Observed, int Scheduled, int Due, int Overdue);

/// <param name="Observed">Observations that count (head of department, cross-school) recorded this half-term.</param>
/// <param name="Status">observed, scheduled, due or overdue.</param>
public sealed record TeacherCoverage(Guid TeacherId, string Name, int Observed, CoverageStatus Status, DateOnly? LastObservedOn);

/// <param name="WeekOf">The week's Monday.</param>
/// <param name="Met">At least the school's walks per week were logged.</param>
public sealed record WeekCoverage(DateOnly WeekOf, int Walks, bool Met);

/// <summary>A school's coverage thresholds.</summary>
/// <param name="ObservationsPerHalfTerm">1 to 6 (default 1).</param>
/// <param name="WalksPerWeek">0 to 5 (default 1).</param>
public sealed record CoverageSettingsRequest(int? ObservationsPerHalfTerm, int? WalksPerWeek);

internal sealed class CoverageSettingsValidator : AbstractValidator<CoverageSettingsRequest>
{
    public CoverageSettingsValidator()
    {
        RuleFor(request => request.ObservationsPerHalfTerm).NotNull().InclusiveBetween(1, 6);
        RuleFor(request => request.WalksPerWeek).NotNull().InclusiveBetween(0, 5);
    }
}

public static class CoverageApi
{
    public static IEndpointRouteBuilder MapCoverageApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/observations/coverage").WithTags("Coverage");
        var writes = group.Writes();

        group.MapGet("/{schoolId:guid}", GetAsync)
            .WithName("GetObservationCoverage")
            .WithSummary("A school's coverage for the half-term of a day (today unless `on` says): each teacher for its senior leaders and heads " +
                         "of department, the counts for others who see its staff.");
        writes.MapPut("/{schoolId:guid}/settings", SetSettingsAsync)
            .WithName("SetCoverageSettings").WithSummary("Set a school's thresholds (its head or executive principal).")
            .Validate<CoverageSettingsRequest>();
        return endpoints;
    }

    private static async Task<Results<Ok<CoverageResponse>, NotFound>> GetAsync(
        Guid schoolId, DateOnly? on, CoverageStore store, ScopeDirectory directory, SchoolCalendars calendars, Caller caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var school = Scope.School(schoolId);
        var seesTeachers = await caller.MayAsync(Permission.ObserveLessons, school, cancellationToken);
        if (!await directory.ExistsAsync(school, cancellationToken)
            || (!seesTeachers && !await caller.MayAsync(Permission.ReadStaff, school, cancellationToken)))
        {
            return TypedResults.NotFound();
        }
        var today = clock.Today();
        var (halfTerm, startsOn, endsOn) = await calendars.HalfTermAsync(schoolId, on ?? today, cancellationToken);
        var data = await store.ReadAsync(schoolId, startsOn, endsOn, today, cancellationToken);
        var teachers = data.Teachers
            .Select(row => new TeacherCoverage(
                row.TeacherId, row.Name, row.Observed, Coverage.StatusOf(row.Observed, row.ScheduledAhead, row.Missed, data.Settings, endsOn, today), row.LastObservedOn))
            .ToArray();
        int Count(CoverageStatus status) => teachers.Count(teacher => teacher.Status == status);
        var weeks = Enumerable.Range(0, ((endsOn.DayNumber - startsOn.DayNumber) / 7) + 1)
            .Select(week => startsOn.AddDays(-(((int)startsOn.DayOfWeek + 6) % 7) + (7 * week)))
            .Where(monday => monday <= today && monday <= endsOn)
            .Select(monday =>
            {
                var walks = data.WalkDays.Count(day => day >= monday && day < monday.AddDays(7));
                return new WeekCoverage(monday, walks, walks >= data.Settings.WalksPerWeek);
            })
            .ToArray();
        return TypedResults.Ok(new CoverageResponse(
            schoolId, halfTerm.ToString(), startsOn, endsOn, data.Settings,
            new CoverageCounts(teachers.Length, Count(CoverageStatus.Observed), Count(CoverageStatus.Scheduled), Count(CoverageStatus.Due),
                Count(CoverageStatus.Overdue)),
            seesTeachers ? teachers : null, weeks, data.CrossSchoolReceived, data.CrossSchoolGiven, data.OpenFollowUps));
    }

    private static async Task<Results<Ok<CoverageSettings>, NotFound, ProblemHttpResult>> SetSettingsAsync(
        Guid schoolId, CoverageSettingsRequest request, CoverageStore store, ScopeDirectory directory, Caller caller, CancellationToken cancellationToken)
    {
        if (!await directory.ExistsAsync(Scope.School(schoolId), cancellationToken))
        {
            return TypedResults.NotFound();
        }
        if (await caller.DeniedUnlessAsync(Permission.LeadObservations, Scope.School(schoolId),
                "A school's thresholds are set by its head or its executive principal.", cancellationToken) is { } denied)
        {
            return denied;
        }
        var settings = new CoverageSettings(request.ObservationsPerHalfTerm!.Value, request.WalksPerWeek!.Value);
        await store.SetSettingsAsync(schoolId, settings, caller.Email, cancellationToken);
        return TypedResults.Ok(settings);
    }
}
