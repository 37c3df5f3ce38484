namespace Federation.Matrix.Domain;

/// <summary>An evaluation cycle (DOMAIN.md §1.4) of a scope's cycle calendar (<see cref="CycleCalendar"/>).</summary>
/// <param name="Number">1, 2... within the school year.</param>
public sealed record Cycle(int StartYear, int Number, DateOnly StartsOn, DateOnly EndsOn)
{
    /// <summary>As the API takes it in <c>?cycle=</c>: "2026-3" for the third cycle of 2026/27.</summary>
    public string Id => $"{StartYear}-{Number}";

    public string Name => $"{StartYear}/{(StartYear + 1) % 100:D2} cycle {Number}";

    /// <summary>"2026-3" as a start year and a number; false for anything else.</summary>
    public static bool TryParse(string? text, out int startYear, out int number)
    {
        startYear = number = 0;
        var parts = text?.Split('-') ?? [];
        return parts.Length == 2 && int.TryParse(parts[0], out startYear) && startYear is >= 2000 and <= 2100
            && int.TryParse(parts[1], out number) && number is >= 1 and <= MaxPerYear;
    }

    /// <summary>The most cycles a year can have (two-week cycles).</summary>
    public const int MaxPerYear = 30;
}

/// <summary>A scope's cycles (DOMAIN.md §1.4: six-week evaluation cycles running through the year),
/// aligned to its calendar's terms (a federation's lead school's, a cluster's local authority's).
/// By default they are the half-terms: six a year, autumn 1 the first, each about six weeks of
/// teaching. A scope may set a number of weeks instead: cycles of that many weeks from the first
/// day of each term, the half-term holiday not counted, the last of a term ending with it (a
/// remainder shorter than half a cycle joins the cycle before it). A holiday counts with the cycle
/// before it, so every day of the year is in one.</summary>
public static class CycleCalendar
{
    /// <summary>The cycles of <paramref name="year"/>, numbered from 1.</summary>
    public static IReadOnlyList<Cycle> Of(SchoolYear year, int? weeks)
    {
        var spans = new List<(DateOnly StartsOn, DateOnly EndsOn)>();
        foreach (var term in year.Terms)
        {
            if (weeks is not { } length)
            {
                spans.Add(year.DatesOf(new HalfTerm(year.StartYear, term.Name, 1)));
                spans.Add(year.DatesOf(new HalfTerm(year.StartYear, term.Name, 2)));
                continue;
            }
            for (var startsOn = term.StartsOn; startsOn <= term.EndsOn;)
            {
                var endsOn = EndOf(term, startsOn, length * 7);
                if (endsOn >= term.EndsOn || EndOf(term, endsOn.AddDays(1), length * 7 / 2) >= term.EndsOn)
                {
                    endsOn = term.EndsOn;
                }
                spans.Add((startsOn, SchoolYear.Weekday(endsOn, -1)));
                startsOn = endsOn.AddDays(1);
                if (term.InHalfTermHoliday(startsOn))
                {
                    startsOn = term.HalfTermEndsOn.AddDays(1);
                }
                startsOn = SchoolYear.Weekday(startsOn, 1);
            }
        }
        return [.. spans.Select((span, index) => new Cycle(year.StartYear, index + 1, span.StartsOn, span.EndsOn))];
    }

    /// <summary>The cycle <paramref name="day"/> is counted in among <paramref name="cycles"/> (a
    /// year's): the last that starts on or before it; null before the first.</summary>
    public static Cycle? Containing(IReadOnlyList<Cycle> cycles, DateOnly day) => cycles.LastOrDefault(cycle => cycle.StartsOn <= day);

    /// <summary>The last day of <paramref name="days"/> days of the term from <paramref name="startsOn"/>,
    /// the half-term holiday not counted.</summary>
    private static DateOnly EndOf(Term term, DateOnly startsOn, int days)
    {
        var endsOn = startsOn.AddDays(days - 1);
        return startsOn <= term.HalfTermEndsOn && endsOn >= term.HalfTermStartsOn
            ? endsOn.AddDays(term.HalfTermEndsOn.DayNumber - Max(startsOn, term.HalfTermStartsOn).DayNumber + 1)
            : endsOn;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
