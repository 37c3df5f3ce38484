namespace Federation.BuildingBlocks.Calendar;

/// <summary>autumn, spring or summer: the three terms of an English school year.</summary>
public enum TermName
{
    Autumn,
    Spring,
    Summer,
}

/// <summary>One term: from its first day to its last, with its half-term holiday (a week, Monday
/// to Friday, usually) between the two halves.</summary>
public sealed record Term(TermName Name, DateOnly StartsOn, DateOnly HalfTermStartsOn, DateOnly HalfTermEndsOn, DateOnly EndsOn)
{
    public bool Contains(DateOnly date) => date >= StartsOn && date <= EndsOn;

    public bool InHalfTermHoliday(DateOnly date) => date >= HalfTermStartsOn && date <= HalfTermEndsOn;
}

/// <summary>Which half of which term a school day falls in ("autumn 1" is the first half of the
/// autumn term): the span over which observations are counted (DOMAIN.md rule 6).</summary>
public sealed record HalfTerm(int StartYear, TermName Term, int Half)
{
    public override string ToString() => $"{StartYear}/{(StartYear + 1) % 100:D2} {Term.ToString().ToLowerInvariant()} {Half}";
}

/// <summary>A school year's terms (September to July) and the other days a school is closed within
/// them (bank holidays, training days). A school day is a weekday inside a term, outside its
/// half-term holiday, and not closed.</summary>
/// <param name="StartYear">The calendar year the school year starts in: 2026 for 2026/27.</param>
public sealed record SchoolYear(int StartYear, IReadOnlyList<Term> Terms, IReadOnlyList<DateOnly> ClosedDays)
{
    public bool IsSchoolDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && Terms.Any(term => term.Contains(date) && !term.InHalfTermHoliday(date))
        && !ClosedDays.Contains(date);

    /// <summary>The half-term <paramref name="date"/> belongs to, holidays included (a half-term
    /// holiday and the holiday after a term belong to the half before them); null before the
    /// first term or after the last.</summary>
    public HalfTerm? HalfTermOf(DateOnly date)
    {
        for (var index = 0; index < Terms.Count; index++)
        {
            var term = Terms[index];
            var until = index + 1 < Terms.Count ? Terms[index + 1].StartsOn.AddDays(-1) : term.EndsOn;
            if (date >= term.StartsOn && date <= until)
            {
                return new HalfTerm(StartYear, term.Name, date <= term.HalfTermEndsOn ? 1 : 2);
            }
        }
        return null;
    }
}
