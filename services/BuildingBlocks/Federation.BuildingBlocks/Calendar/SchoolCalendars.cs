using System.Text.Json;
using Federation.BuildingBlocks.Data;
using Federation.Contracts.Schools;
using Npgsql;

namespace Federation.BuildingBlocks.Calendar;

/// <summary>Whose dates a school keeps for a year.</summary>
public enum SchoolYearSource
{
    /// <summary>The school set its own (an academy, say).</summary>
    School,

    /// <summary>The school's local authority set them for its schools.</summary>
    LocalAuthority,

    /// <summary>Nobody did: the English default (<see cref="EnglishSchoolYear"/>).</summary>
    Default,
}

/// <summary>A school's (or a local authority's) dates for a year, and whose they are.</summary>
public sealed record EffectiveSchoolYear(SchoolYear Year, SchoolYearSource Source);

/// <summary>The school calendar as this service knows it, from its replica
/// (Data/Migrations/0008_school_years.sql): a school keeps its own dates for a year, else its
/// local authority's, else the English default. Every service asks here what a school day and a
/// half-term are.</summary>
public sealed class SchoolCalendars(NpgsqlDataSource dataSource)
{
    /// <summary>The year starting in September of <paramref name="startYear"/> for a school or a
    /// local authority (<paramref name="scopeId"/>).</summary>
    public async Task<EffectiveSchoolYear> YearAsync(Guid scopeId, int startYear, CancellationToken cancellationToken)
    {
        var row = await dataSource.SingleOrDefaultAsync<SchoolYearRow>(
            """
            select scope_kind, start_year, terms::text as terms, closed_days::text as closed_days
            from access_school_years
            where start_year = @startYear
              and scope_id in (@scopeId, (select local_authority_id from access_schools where id = @scopeId))
            order by scope_kind = 'school' desc
            limit 1
            """,
            new { scopeId, startYear }, cancellationToken);
        return row is null
            ? new EffectiveSchoolYear(EnglishSchoolYear.For(startYear), SchoolYearSource.Default)
            : new EffectiveSchoolYear(row.ToSchoolYear(), row.ScopeKind == "school" ? SchoolYearSource.School : SchoolYearSource.LocalAuthority);
    }

    /// <summary>The school year of <paramref name="schoolId"/> that <paramref name="date"/> falls in.</summary>
    public async Task<SchoolYear> YearContainingAsync(Guid schoolId, DateOnly date, CancellationToken cancellationToken) =>
        (await YearAsync(schoolId, SchoolYear.StartYearOf(date), cancellationToken)).Year;

    /// <summary>The half-term of <paramref name="schoolId"/> that <paramref name="date"/> is counted
    /// in, and its first and last day taught: a holiday counts with the half-term before it (the
    /// summer holiday with summer 2).</summary>
    public async Task<(HalfTerm HalfTerm, DateOnly StartsOn, DateOnly EndsOn)> HalfTermAsync(
        Guid schoolId, DateOnly date, CancellationToken cancellationToken)
    {
        var year = await YearContainingAsync(schoolId, date, cancellationToken);
        var halfTerm = year.HalfTermOf(date)
            ?? new HalfTerm(date < year.Terms[0].StartsOn ? year.StartYear - 1 : year.StartYear, TermName.Summer, 2);
        var yearOfHalfTerm = halfTerm.StartYear == year.StartYear ? year : (await YearAsync(schoolId, halfTerm.StartYear, cancellationToken)).Year;
        var (startsOn, endsOn) = yearOfHalfTerm.DatesOf(halfTerm);
        return (halfTerm, startsOn, endsOn);
    }

    /// <summary>The first school day of <paramref name="schoolId"/> on or after <paramref name="date"/>
    /// (or, going back, the last on or before it).</summary>
    public async Task<DateOnly> SchoolDayFromAsync(Guid schoolId, DateOnly date, bool back, CancellationToken cancellationToken)
    {
        var startYear = SchoolYear.StartYearOf(date);
        return (await YearAsync(schoolId, startYear, cancellationToken)).Year.SchoolDayFrom(date, back)
            ?? (await YearAsync(schoolId, back ? startYear - 1 : startYear + 1, cancellationToken)).Year.SchoolDayFrom(date, back)!.Value;
    }

    private sealed class SchoolYearRow
    {
        public string ScopeKind { get; init; } = "";
        public int StartYear { get; init; }
        public string Terms { get; init; } = "";
        public string ClosedDays { get; init; } = "";

        public SchoolYear ToSchoolYear() => SchoolYearDates.ToSchoolYear(
            StartYear,
            JsonSerializer.Deserialize<SchoolTermDates[]>(Terms, JsonSerializerOptions.Web)!,
            JsonSerializer.Deserialize<DateOnly[]>(ClosedDays, JsonSerializerOptions.Web)!);
    }
}

/// <summary>A school year as the events carry it (<see cref="SchoolYearSet"/>).</summary>
public static class SchoolYearDates
{
    public static SchoolYear ToSchoolYear(int startYear, SchoolTermDates[] terms, DateOnly[] closedDays) => new(
        startYear,
        [.. terms.Select(term => new Term(
            Enum.Parse<TermName>(term.Term, ignoreCase: true), term.StartsOn, term.HalfTermStartsOn, term.HalfTermEndsOn, term.EndsOn))],
        closedDays);

    public static SchoolTermDates[] ToEventTerms(this SchoolYear year) =>
        [.. year.Terms.Select(term => new SchoolTermDates(term.Name.ToEventName(), term.StartsOn, term.HalfTermStartsOn, term.HalfTermEndsOn, term.EndsOn))];
}
