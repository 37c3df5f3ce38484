using Federation.Contracts.Staff;

namespace Federation.Staff.Domain;

/// <summary>How the caller stands to a deployment.</summary>
/// <param name="ManagesHome">They manage the staff of the person's home school.</param>
/// <param name="ManagesHost">They manage the staff of the school that asked for the person.</param>
public sealed record DeploymentActors(bool ManagesHome, bool ManagesHost);

/// <summary>What a step's event is made from.</summary>
/// <param name="WasAgreed">The deployment was agreed before this step.</param>
public sealed record DeploymentStepFacts(StaffDeployment Deployment, bool WasAgreed, DateTimeOffset OccurredAt);

/// <summary>What taking a step comes to for this caller and this deployment, before anything is written.</summary>
public enum DeploymentStepDecision
{
    Go,

    /// <summary>Not for this caller: a 403 saying <see cref="DeploymentStep.WhoMay"/>.</summary>
    Denied,

    /// <summary>The deployment is not in a state the step starts from: a 409 (deployment-transition).</summary>
    WrongState,
}

/// <summary>Each step of a deployment after it is requested, in one table: who may take it, the
/// states it starts from, the state it ends in, and the event it publishes. The API and the store
/// read this table; nothing else says what a step does. (Agreeing an overlapping deployment breaks
/// deployments_person_in_one_place in the database: a 409 naming person-in-one-place.)</summary>
/// <param name="Name">As in the route: POST /api/deployments/{id}/{name}.</param>
/// <param name="WhoMay">Said in the 403 to anyone else.</param>
public sealed record DeploymentStep(
    string Name, DeploymentState To, string WhoMay, Func<DeploymentActors, bool> Who, DeploymentState[] From, Func<DeploymentStepFacts, object> Event)
{
    private const string HomeDecides = "The home school decides: this needs whoever manages its staff.";

    public static readonly DeploymentStep Agree = new(
        "agree", DeploymentState.Agreed, HomeDecides, actors => actors.ManagesHome, [DeploymentState.Requested],
        facts => new StaffDeploymentAgreed(facts.Deployment, facts.OccurredAt));

    public static readonly DeploymentStep Decline = new(
        "decline", DeploymentState.Declined, HomeDecides, actors => actors.ManagesHome, [DeploymentState.Requested],
        facts => new StaffDeploymentDeclined(facts.Deployment, facts.OccurredAt));

    public static readonly DeploymentStep Cancel = new(
        "cancel", DeploymentState.Cancelled, "Cancelling needs whoever manages the staff of the home or the host school.",
        actors => actors.ManagesHome || actors.ManagesHost, [DeploymentState.Requested, DeploymentState.Agreed],
        facts => new StaffDeploymentCancelled(facts.Deployment, facts.WasAgreed, facts.OccurredAt));

    public static readonly IReadOnlyList<DeploymentStep> All = [Agree, Decline, Cancel];

    /// <summary>Whether this caller may take the step on a deployment in <paramref name="state"/>.
    /// The store moves it only from <see cref="From"/>, in one statement, so a deployment moved
    /// meanwhile still answers WrongState.</summary>
    public DeploymentStepDecision Decide(DeploymentActors actors, DeploymentState state) =>
        !Who(actors) ? DeploymentStepDecision.Denied
        : !From.Contains(state) ? DeploymentStepDecision.WrongState
        : DeploymentStepDecision.Go;
}
