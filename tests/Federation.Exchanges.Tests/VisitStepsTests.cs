using Federation.Contracts.Exchanges;
using Federation.Exchanges.Domain;

namespace Federation.Exchanges.Tests;

/// <summary>The visit step table on its own, without I/O: who may take each step, from which
/// states, on which days, and what it publishes.</summary>
public sealed class VisitStepsTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    /// <param name="actors">How the caller stands to the visit: visitor, home, host, or several joined by '+'.</param>
    /// <param name="visitInDays">The visit's date, counted from today.</param>
    /// <param name="expected">go (with the declining side after a colon), denied, wrongState or wrongDay.</param>
    [Theory]
    [InlineData("approve", "home", VisitState.Requested, 5, "go")]
    [InlineData("approve", "home", VisitState.Approved, 5, "wrongState")]
    [InlineData("approve", "host", VisitState.Requested, 5, "denied")]
    [InlineData("approve", "visitor", VisitState.Requested, 5, "denied")]
    [InlineData("confirm", "host", VisitState.Approved, 5, "go")]
    [InlineData("confirm", "host", VisitState.Requested, 5, "wrongState")]
    [InlineData("confirm", "home", VisitState.Approved, 5, "denied")]
    [InlineData("decline", "home", VisitState.Requested, 5, "go:home")]
    [InlineData("decline", "home", VisitState.Approved, 5, "wrongState")]
    [InlineData("decline", "host", VisitState.Approved, 5, "go:host")]
    [InlineData("decline", "home+host", VisitState.Approved, 5, "go:host")]
    [InlineData("decline", "host", VisitState.Confirmed, 5, "wrongState")]
    [InlineData("decline", "visitor", VisitState.Requested, 5, "denied")]
    [InlineData("cancel", "visitor", VisitState.Confirmed, 1, "go")]
    [InlineData("cancel", "visitor", VisitState.Requested, 1, "go")]
    [InlineData("cancel", "visitor", VisitState.Confirmed, 0, "wrongDay")]
    [InlineData("cancel", "visitor", VisitState.Completed, -1, "wrongState")]
    [InlineData("cancel", "home+host", VisitState.Approved, 5, "denied")]
    [InlineData("complete", "visitor", VisitState.Confirmed, 0, "go")]
    [InlineData("complete", "host", VisitState.Confirmed, -3, "go")]
    [InlineData("complete", "visitor", VisitState.Confirmed, 1, "wrongDay")]
    [InlineData("complete", "home", VisitState.Confirmed, -1, "denied")]
    [InlineData("complete", "visitor", VisitState.Approved, -1, "wrongState")]
    [InlineData("reflection", "visitor", VisitState.Completed, -1, "go")]
    [InlineData("reflection", "visitor", VisitState.Confirmed, -1, "wrongState")]
    [InlineData("reflection", "home+host", VisitState.Completed, -1, "denied")]
    public void A_step_goes_for_the_right_person_from_its_states_on_its_days(string step, string actors, VisitState state, int visitInDays, string expected)
    {
        var decision = Step(step).Decide(Actors(actors), state, Today.AddDays(visitInDays), Today);

        var outcome = decision switch
        {
            VisitStepDecision.Go { Way.DeclinedBy: { } side } => $"go:{side.ToString().ToLowerInvariant()}",
            VisitStepDecision.Go => "go",
            VisitStepDecision.Denied => "denied",
            VisitStepDecision.WrongState => "wrongState",
            VisitStepDecision.WrongDay => "wrongDay",
            _ => decision.ToString(),
        };
        Assert.Equal(expected, outcome);
    }

    [Theory]
    [InlineData("approve", typeof(ExchangeVisitApproved), HostPlaceChange.None, VisitState.Approved)]
    [InlineData("confirm", typeof(ExchangeVisitConfirmed), HostPlaceChange.Take, VisitState.Confirmed)]
    [InlineData("decline", typeof(ExchangeVisitDeclined), HostPlaceChange.None, VisitState.Declined)]
    [InlineData("cancel", typeof(ExchangeVisitCancelled), HostPlaceChange.GiveBackIfConfirmed, VisitState.Cancelled)]
    [InlineData("complete", typeof(ExchangeVisitCompleted), HostPlaceChange.None, VisitState.Completed)]
    [InlineData("reflection", typeof(ExchangeReflectionSubmitted), HostPlaceChange.None, VisitState.Reflected)]
    public void A_step_ends_in_its_state_changes_the_host_places_it_says_and_publishes_its_event(
        string step, Type eventType, HostPlaceChange hostPlaces, VisitState to)
    {
        var visit = new ExchangeVisit(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Today, "morning", ["curriculum"]);

        var row = Step(step);
        var published = row.Event(new VisitStepFacts(visit, VisitSide.Host, WasConfirmed: true, DateTimeOffset.UnixEpoch));

        Assert.Equal(to, row.To);
        Assert.Equal(hostPlaces, row.HostPlaces);
        Assert.IsType(eventType, published);
    }

    [Fact]
    public void A_declined_visit_says_which_school_declined_and_a_cancelled_one_whether_it_held_a_place()
    {
        var visit = new ExchangeVisit(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Today, "morning", ["curriculum"]);

        var declined = Assert.IsType<ExchangeVisitDeclined>(VisitStep.Decline.Event(new VisitStepFacts(visit, VisitSide.Home, false, DateTimeOffset.UnixEpoch)));
        var cancelled = Assert.IsType<ExchangeVisitCancelled>(VisitStep.Cancel.Event(new VisitStepFacts(visit, null, true, DateTimeOffset.UnixEpoch)));

        Assert.Equal("home", declined.DeclinedBy);
        Assert.True(cancelled.WasConfirmed);
    }

    private static VisitStep Step(string name) => VisitStep.All.Single(step => step.Name == name);

    private static VisitActors Actors(string actors)
    {
        var parts = actors.Split('+');
        return new VisitActors(IsVisitor: parts.Contains("visitor"), IsHome: parts.Contains("home"), IsHost: parts.Contains("host"));
    }
}
