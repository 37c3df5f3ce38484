using Federation.Observations.Domain;

namespace Federation.Observations.Tests;

/// <summary>The step table and the coverage rule, without I/O.</summary>
public sealed class ObservationStepsTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Theory]
    [InlineData("accept", false, true, ObservationState.Proposed, 0, ObservationStepDecision.Go)]
    [InlineData("accept", true, false, ObservationState.Proposed, 0, ObservationStepDecision.Denied)]    // an observer does not accept their own proposal
    [InlineData("accept", false, true, ObservationState.Scheduled, 0, ObservationStepDecision.WrongState)]
    [InlineData("decline", false, true, ObservationState.Proposed, 0, ObservationStepDecision.Go)]
    [InlineData("record", true, false, ObservationState.Scheduled, 0, ObservationStepDecision.Go)]
    [InlineData("record", true, false, ObservationState.Scheduled, 1, ObservationStepDecision.TooEarly)]
    [InlineData("record", false, true, ObservationState.Scheduled, 0, ObservationStepDecision.Denied)]   // the head reads it, the observers write it
    [InlineData("record", true, false, ObservationState.Proposed, 0, ObservationStepDecision.WrongState)]
    [InlineData("cancel", true, false, ObservationState.Proposed, 3, ObservationStepDecision.Go)]
    [InlineData("cancel", false, true, ObservationState.Scheduled, 3, ObservationStepDecision.Go)]
    [InlineData("cancel", false, false, ObservationState.Scheduled, 3, ObservationStepDecision.Denied)]
    [InlineData("cancel", true, false, ObservationState.Completed, 0, ObservationStepDecision.WrongState)]
    public void Each_step_is_taken_by_its_actors_from_its_states(
        string step, bool isObserver, bool leadsSchool, ObservationState state, int daysAhead, ObservationStepDecision expected)
    {
        var row = ObservationStep.All.Single(candidate => candidate.Name == step);

        Assert.Equal(expected, row.Decide(new ObservationActors(isObserver, leadsSchool), state, Today.AddDays(daysAhead), Today));
    }

    [Theory]
    [InlineData(1, 0, 0, 20, CoverageStatus.Observed)]
    [InlineData(1, 0, 1, 20, CoverageStatus.Observed)]
    [InlineData(0, 1, 0, 20, CoverageStatus.Scheduled)]
    [InlineData(0, 1, 1, 20, CoverageStatus.Scheduled)]   // missed, but booked again
    [InlineData(0, 0, 0, 20, CoverageStatus.Due)]
    [InlineData(0, 0, 1, 20, CoverageStatus.Overdue)]     // its day went by unrecorded
    [InlineData(0, 0, 0, 6, CoverageStatus.Overdue)]      // scenario 9: the last week of the half-term
    [InlineData(0, 1, 0, 3, CoverageStatus.Scheduled)]
    [InlineData(0, 1, 0, -1, CoverageStatus.Overdue)]     // the half-term is over
    public void A_teacher_is_overdue_when_an_observation_was_missed_or_in_the_last_week_of_a_half_term_without_one(
        int observed, int scheduledAhead, int missed, int daysToTheEnd, CoverageStatus expected)
    {
        Assert.Equal(expected, Coverage.StatusOf(observed, scheduledAhead, missed, CoverageSettings.Default, Today.AddDays(daysToTheEnd), Today));
    }
}
