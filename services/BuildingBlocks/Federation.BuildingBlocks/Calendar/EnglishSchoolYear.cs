namespace Federation.BuildingBlocks.Calendar;

/// <summary>The school year a school keeps when neither it nor its local authority has set one:
/// the usual English pattern, three terms each split by a half-term week, close to what most local
/// authorities publish (they differ by a few days; schools and authorities set their own).
/// <list type="bullet">
/// <item>Autumn: from the first Wednesday in September (after two training days) to the last
/// Friday on or before 21 December; half-term is the week of the last Monday in October.</item>
/// <item>Spring: from the first Monday on or after 2 January to the Friday before Palm Sunday
/// week, so that the Easter holiday is the week before Easter Sunday and the week after; half-term
/// is the week of the third Monday in February.</item>
/// <item>Summer: from the Monday after the Easter holiday to 22 July (the Friday before when that
/// falls at a weekend); half-term is the week of the last Monday in May (the spring bank
/// holiday). The early May bank holiday is closed.</item>
/// </list></summary>
public static class EnglishSchoolYear
{
    public static SchoolYear For(int startYear)
    {
        var endYear = startYear + 1;
        var autumnStarts = FirstOnOrAfter(new DateOnly(startYear, 9, 1), DayOfWeek.Wednesday);
        var octoberHalfTerm = LastInMonth(startYear, 10, DayOfWeek.Monday);
        var autumnEnds = LastOnOrBefore(new DateOnly(startYear, 12, 21), DayOfWeek.Friday);

        var springStarts = FirstOnOrAfter(new DateOnly(endYear, 1, 2), DayOfWeek.Monday);
        var februaryHalfTerm = FirstOnOrAfter(new DateOnly(endYear, 2, 1), DayOfWeek.Monday).AddDays(14);
        var easter = EasterSunday(endYear);
        var springEnds = easter.AddDays(-9);
        var summerStarts = easter.AddDays(8);
        var mayHalfTerm = LastInMonth(endYear, 5, DayOfWeek.Monday);
        var summerEnds = LastWeekdayOnOrBefore(new DateOnly(endYear, 7, 22));

        return new SchoolYear(
            startYear,
            [
                new Term(TermName.Autumn, autumnStarts, octoberHalfTerm, octoberHalfTerm.AddDays(4), autumnEnds),
                new Term(TermName.Spring, springStarts, februaryHalfTerm, februaryHalfTerm.AddDays(4), springEnds),
                new Term(TermName.Summer, summerStarts, mayHalfTerm, mayHalfTerm.AddDays(4), summerEnds),
            ],
            [FirstOnOrAfter(new DateOnly(endYear, 5, 1), DayOfWeek.Monday)]);
    }

    /// <summary>The school year <paramref name="date"/> falls in: one starting in September of its
    /// year from August on, else of the year before.</summary>
    public static SchoolYear Containing(DateOnly date) => For(SchoolYear.StartYearOf(date));

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, as in
    /// Meeus, Astronomical Algorithms).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly FirstOnOrAfter(DateOnly date, DayOfWeek day) => date.AddDays(((int)day - (int)date.DayOfWeek + 7) % 7);

    private static DateOnly LastOnOrBefore(DateOnly date, DayOfWeek day) => date.AddDays(-(((int)date.DayOfWeek - (int)day + 7) % 7));

    private static DateOnly LastInMonth(int year, int month, DayOfWeek day) =>
        LastOnOrBefore(new DateOnly(year, month, DateTime.DaysInMonth(year, month)), day);

    private static DateOnly LastWeekdayOnOrBefore(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(-1),
        DayOfWeek.Sunday => date.AddDays(-2),
        _ => date,
    };
}
