using Federation.BuildingBlocks.Calendar;
using Federation.Matrix.Domain;

namespace Federation.Matrix.Tests;

/// <summary>A scope's cycles in the default English year of 2026/27: the half-terms, or cycles of a
/// number of weeks from each term's start (no I/O).</summary>
public class CycleCalendarTests
{
    private static readonly SchoolYear Year = EnglishSchoolYear.For(2026);

    [Fact]
    public void By_default_the_cycles_are_the_half_terms()
    {
        var cycles = CycleCalendar.Of(Year, null);

        Assert.Equal(6, cycles.Count);
        Assert.Equal((new DateOnly(2026, 9, 2), new DateOnly(2026, 10, 23)), (cycles[0].StartsOn, cycles[0].EndsOn));
        Assert.Equal((new DateOnly(2026, 11, 2), new DateOnly(2026, 12, 18)), (cycles[1].StartsOn, cycles[1].EndsOn));
        Assert.Equal(["2026-1", "2026-2", "2026-3", "2026-4", "2026-5", "2026-6"], cycles.Select(cycle => cycle.Id));
    }

    [Fact]
    public void Six_week_cycles_start_with_each_term_skip_the_half_term_holiday_and_end_with_the_term()
    {
        var cycles = CycleCalendar.Of(Year, 6);

        // Autumn: 2 September + six weeks; then six weeks with the October half-term week not
        // counted, and the last three weeks (less than half a cycle) joined to it.
        Assert.Equal((new DateOnly(2026, 9, 2), new DateOnly(2026, 10, 13)), (cycles[0].StartsOn, cycles[0].EndsOn));
        Assert.Equal((new DateOnly(2026, 10, 14), new DateOnly(2026, 12, 18)), (cycles[1].StartsOn, cycles[1].EndsOn));
        Assert.Equal(new DateOnly(2027, 1, 4), cycles[2].StartsOn);
        Assert.All(cycles, cycle => Assert.Single(Year.Terms, term => term.StartsOn <= cycle.StartsOn && cycle.EndsOn <= term.EndsOn));
        Assert.All(Year.Terms, term => Assert.Contains(cycles, cycle => cycle.StartsOn == term.StartsOn));
        Assert.All(Year.Terms, term => Assert.Contains(cycles, cycle => cycle.EndsOn == term.EndsOn));
        Assert.All(cycles, cycle => Assert.True(cycle.StartsOn.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)));
        Assert.Equal(Enumerable.Range(1, cycles.Count), cycles.Select(cycle => cycle.Number));
    }

    [Fact]
    public void A_holiday_counts_with_the_cycle_before_it()
    {
        var cycles = CycleCalendar.Of(Year, null);

        Assert.Equal(1, CycleCalendar.Containing(cycles, new DateOnly(2026, 10, 28))!.Number);
        Assert.Equal(2, CycleCalendar.Containing(cycles, new DateOnly(2026, 12, 30))!.Number);
        Assert.Null(CycleCalendar.Containing(cycles, new DateOnly(2026, 8, 20)));
    }
}
