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
    /// <summary>The half-term before this one (autumn 1's is the summer 2 of the year before).</summary>
    public HalfTerm Previous() => (Term, Half) switch
    {
        (_, 2) => this with { Half = 1 },
        (TermName.Autumn, _) => new HalfTerm(StartYear - 1, TermName.Summer, 2),
        _ => new HalfTerm(StartYear, Term - 1, 2),
    };

    public override string ToString() => $"{StartYear}/{(StartYear + 1) % 100:D2} {Term.ToString().ToLowerInvariant()} {Half}";
}

/// <summary>A school year's terms (September to July) and the other days a school is closed within
/// them (bank holidays, training days). A school day is a weekday inside a term, outside its
/// half-term holiday, and not closed.</summary>
/// <param name="StartYear">The calendar year the school year starts in: 2026 for 2026/27.</param>
public sealed record SchoolYear(int StartYear, IReadOnlyList<Term> Terms, IReadOnlyList<DateOnly> ClosedDays)
{
    public bool IsSchoolDay(DateOnly date) => WhyClosedOn(date) is null;

    /// <summary>Why the school is closed on <paramref name="date"/>, in words that finish "... is"
    /// ("a Saturday", "in the autumn half-term holiday"); null on a school day.</summary>
    public string? WhyClosedOn(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return $"a {date.DayOfWeek}";
        }
        if (Terms.FirstOrDefault(term => term.Contains(date)) is not { } term)
        {
            return $"outside the terms of {this}";
        }
        if (term.InHalfTermHoliday(date))
        {
            return $"in the {term.Name.ToString().ToLowerInvariant()} half-term holiday";
        }
        return ClosedDays.Contains(date) ? "a day the school is closed (a bank holiday or training day)" : null;
    }

    /// <summary>The first and last weekday taught in <paramref name="halfTerm"/> (of this year): from
    /// the term's start to the last weekday before its half-term holiday, or from the first weekday
    /// after it to the term's end.</summary>
    public (DateOnly StartsOn, DateOnly EndsOn) DatesOf(HalfTerm halfTerm)
    {
        var term = Terms.Single(term => term.Name == halfTerm.Term);
        return halfTerm.Half == 1
            ? (term.StartsOn, Weekday(term.HalfTermStartsOn.AddDays(-1), -1))
            : (Weekday(term.HalfTermEndsOn.AddDays(1), 1), term.EndsOn);
    }

    /// <summary><paramref name="date"/>, or the nearest weekday from it in the direction of <paramref name="step"/>.</summary>
    public static DateOnly Weekday(DateOnly date, int step)
    {
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            date = date.AddDays(step);
        }
        return date;
    }

    /// <summary>The first school day of this year on or after <paramref name="date"/> (or, going
    /// back, the last on or before it); null when the year has none that way.</summary>
    public DateOnly? SchoolDayFrom(DateOnly date, bool back = false)
    {
        var (first, last) = (Terms[0].StartsOn, Terms[^1].EndsOn);
        for (var day = back ? Min(date, last) : Max(date, first); day >= first && day <= last; day = day.AddDays(back ? -1 : 1))
        {
            if (IsSchoolDay(day))
            {
                return day;
            }
        }
        return null;
    }

    /// <summary>The school year <paramref name="date"/> is counted in: one starting in September of
    /// its year from August on, else of the year before.</summary>
    public static int StartYearOf(DateOnly date) => date.Month >= 8 ? date.Year : date.Year - 1;

    public override string ToString() => $"{StartYear}/{(StartYear + 1) % 100:D2}";

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

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
