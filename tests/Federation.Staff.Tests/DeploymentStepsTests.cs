using Federation.Contracts.Staff;
using Federation.Staff.Domain;

namespace Federation.Staff.Tests;

/// <summary>The deployment step table on its own, without I/O: who may take each step, from which
/// states, and what it publishes.</summary>
public sealed class DeploymentStepsTests
{
    /// <param name="actors">Whose staff the caller manages: home, host, both (home+host) or none.</param>
    [Theory]
    [InlineData("agree", "home", DeploymentState.Requested, DeploymentStepDecision.Go)]
    [InlineData("agree", "host", DeploymentState.Requested, DeploymentStepDecision.Denied)]
    [InlineData("agree", "home", DeploymentState.Agreed, DeploymentStepDecision.WrongState)]
    [InlineData("agree", "home", DeploymentState.Cancelled, DeploymentStepDecision.WrongState)]
    [InlineData("decline", "home", DeploymentState.Requested, DeploymentStepDecision.Go)]
    [InlineData("decline", "host", DeploymentState.Requested, DeploymentStepDecision.Denied)]
    [InlineData("decline", "home", DeploymentState.Agreed, DeploymentStepDecision.WrongState)]
    [InlineData("cancel", "home", DeploymentState.Requested, DeploymentStepDecision.Go)]
    [InlineData("cancel", "host", DeploymentState.Agreed, DeploymentStepDecision.Go)]
    [InlineData("cancel", "home+host", DeploymentState.Agreed, DeploymentStepDecision.Go)]
    [InlineData("cancel", "none", DeploymentState.Requested, DeploymentStepDecision.Denied)]
    [InlineData("cancel", "host", DeploymentState.Declined, DeploymentStepDecision.WrongState)]
    public void A_step_goes_for_the_right_school_from_its_states(string step, string actors, DeploymentState state, DeploymentStepDecision expected)
    {
        var parts = actors.Split('+');

        var decision = Step(step).Decide(new DeploymentActors(ManagesHome: parts.Contains("home"), ManagesHost: parts.Contains("host")), state);

        Assert.Equal(expected, decision);
    }

    [Theory]
    [InlineData("agree", DeploymentState.Agreed, typeof(StaffDeploymentAgreed))]
    [InlineData("decline", DeploymentState.Declined, typeof(StaffDeploymentDeclined))]
    [InlineData("cancel", DeploymentState.Cancelled, typeof(StaffDeploymentCancelled))]
    public void A_step_ends_in_its_state_and_publishes_its_event(string step, DeploymentState to, Type eventType)
    {
        var row = Step(step);

        Assert.Equal(to, row.To);
        Assert.IsType(eventType, row.Event(Facts(wasAgreed: false)));
    }

    [Fact]
    public void A_cancelled_deployment_says_whether_it_had_been_agreed()
    {
        var cancelled = Assert.IsType<StaffDeploymentCancelled>(DeploymentStep.Cancel.Event(Facts(wasAgreed: true)));

        Assert.True(cancelled.WasAgreed);
    }

    private static DeploymentStep Step(string name) => DeploymentStep.All.Single(step => step.Name == name);

    private static DeploymentStepFacts Facts(bool wasAgreed) => new(
        new StaffDeployment(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
            new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 6), "wholeDay", "cover"),
        wasAgreed, DateTimeOffset.UnixEpoch);
}
