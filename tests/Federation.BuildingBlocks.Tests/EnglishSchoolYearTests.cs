using Federation.BuildingBlocks.Calendar;

namespace Federation.BuildingBlocks.Tests;

/// <summary>The default English school year, on dates a school in England would recognise (the
/// 2025/26 and 2026/27 years of a typical local authority), without I/O.</summary>
public sealed class EnglishSchoolYearTests
{
    [Theory]
    [InlineData("2026-03-10", true)]   // a Tuesday in the spring term
    [InlineData("2026-03-14", false)]  // a Saturday
    [InlineData("2026-12-30", false)]  // the Christmas holiday (the demo's open day fell here)
    [InlineData("2025-10-27", false)]  // October half-term
    [InlineData("2025-10-24", true)]   // the Friday before it
    [InlineData("2026-01-05", true)]   // the first day of the spring term
    [InlineData("2026-02-16", false)]  // February half-term
    [InlineData("2026-03-27", true)]   // the last day of the spring term
    [InlineData("2026-04-06", false)]  // Easter Monday, in the Easter holiday
    [InlineData("2026-04-13", true)]   // the first day of the summer term
    [InlineData("2026-05-04", false)]  // the early May bank holiday
    [InlineData("2026-05-25", false)]  // May half-term (the spring bank holiday)
    [InlineData("2026-07-22", true)]   // the last day of the year
    [InlineData("2026-07-23", false)]  // the summer holiday
    [InlineData("2026-09-01", false)]  // before the autumn term
    [InlineData("2026-09-02", true)]   // its first day
    [InlineData("2026-12-18", true)]   // its last day
    [InlineData("2026-12-21", false)]
    public void A_day_is_a_school_day_inside_a_term_outside_its_holidays(string date, bool schoolDay)
    {
        var day = DateOnly.Parse(date);

        Assert.Equal(schoolDay, EnglishSchoolYear.Containing(day).IsSchoolDay(day));
    }

    [Theory]
    [InlineData("2025-09-03", "2025/26 autumn 1")]
    [InlineData("2025-10-29", "2025/26 autumn 1")] // the half-term holiday counts with the half before it
    [InlineData("2025-11-03", "2025/26 autumn 2")]
    [InlineData("2025-12-29", "2025/26 autumn 2")]
    [InlineData("2026-02-23", "2025/26 spring 2")]
    [InlineData("2026-06-01", "2025/26 summer 2")]
    public void A_day_belongs_to_the_half_term_observations_are_counted_in(string date, string expected)
    {
        var day = DateOnly.Parse(date);

        Assert.Equal(expected, EnglishSchoolYear.Containing(day).HalfTermOf(day)?.ToString());
    }

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    public void Easter_falls_where_the_church_calendar_puts_it(int year, string sunday)
    {
        Assert.Equal(DateOnly.Parse(sunday), EnglishSchoolYear.EasterSunday(year));
    }

    [Theory]
    [InlineData("2026-12-19", false, "2027-01-04")] // a Saturday after the autumn term: the first day of spring
    [InlineData("2026-12-19", true, "2026-12-18")]  // going back: the last day of autumn
    [InlineData("2026-10-28", false, "2026-11-02")] // October half-term
    [InlineData("2026-10-28", true, "2026-10-23")]
    [InlineData("2026-08-10", false, "2026-09-02")] // the summer holiday, in the year it leads into
    [InlineData("2026-03-10", false, "2026-03-10")] // a school day is its own answer
    public void The_nearest_school_day_skips_weekends_holidays_and_closed_days(string date, bool back, string expected)
    {
        var day = DateOnly.Parse(date);

        Assert.Equal(DateOnly.Parse(expected), EnglishSchoolYear.Containing(day).SchoolDayFrom(day, back));
    }

    [Fact]
    public void A_year_has_no_school_day_after_its_summer_term_nor_before_its_autumn_term()
    {
        var year = EnglishSchoolYear.For(2026);

        Assert.Null(year.SchoolDayFrom(new DateOnly(2027, 7, 26)));
        Assert.Null(year.SchoolDayFrom(new DateOnly(2026, 8, 20), back: true));
    }

    [Theory]
    [InlineData("2026-12-30", "outside the terms of 2026/27")]
    [InlineData("2026-10-28", "in the autumn half-term holiday")]
    [InlineData("2027-05-03", "a day the school is closed (a bank holiday or training day)")]
    [InlineData("2026-11-28", "a Saturday")]
    [InlineData("2026-11-27", null)]
    public void A_closed_day_says_why(string date, string? why)
    {
        var day = DateOnly.Parse(date);

        Assert.Equal(why, EnglishSchoolYear.Containing(day).WhyClosedOn(day));
    }

    [Theory]
    [InlineData("autumn", 1, "2026-09-02", "2026-10-23")]
    [InlineData("autumn", 2, "2026-11-02", "2026-12-18")]  // from the Monday after the October half-term week
    [InlineData("spring", 1, "2027-01-04", "2027-02-12")]
    [InlineData("summer", 2, "2027-06-07", "2027-07-22")]
    public void A_half_term_runs_from_its_first_weekday_taught_to_its_last(string term, int half, string startsOn, string endsOn)
    {
        var halfTerm = new HalfTerm(2026, Enum.Parse<TermName>(term, ignoreCase: true), half);

        Assert.Equal((DateOnly.Parse(startsOn), DateOnly.Parse(endsOn)), EnglishSchoolYear.For(2026).DatesOf(halfTerm));
    }

    [Theory]
    [InlineData(2026, "autumn", 1, 2025, "summer", 2)]
    [InlineData(2026, "spring", 1, 2026, "autumn", 2)]
    [InlineData(2026, "summer", 2, 2026, "summer", 1)]
    public void The_half_term_before_autumn_1_is_the_last_summer_2(int year, string term, int half, int beforeYear, string beforeTerm, int beforeHalf)
    {
        var halfTerm = new HalfTerm(year, Enum.Parse<TermName>(term, ignoreCase: true), half);

        Assert.Equal(new HalfTerm(beforeYear, Enum.Parse<TermName>(beforeTerm, ignoreCase: true), beforeHalf), halfTerm.Previous());
    }
}
