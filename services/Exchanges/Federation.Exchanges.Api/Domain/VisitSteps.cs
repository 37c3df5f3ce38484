namespace Federation.Exchanges.Domain;

/// <summary>How the caller stands to a visit.</summary>
/// <param name="IsVisitor">They are the visitor.</param>
/// <param name="IsHome">They lead the home school's exchanges (its head, its executive principal).</param>
/// <param name="IsHost">They lead the host school's exchanges, or are one of its named host contacts.</param>
public sealed record VisitActors(bool IsVisitor, bool IsHome, bool IsHost);

/// <summary>A step the caller may take: the states it starts from, and for a decline, which school declines.</summary>
public sealed record VisitMove(VisitState[] From, VisitSide? DeclinedBy = null);

/// <summary>Each step of a visit, who may take it, and the state it leads to.</summary>
/// <param name="To">The state the step leads to.</param>
/// <param name="WhoMay">Said in the 403 to anyone else.</param>
/// <param name="Resolve">The move the caller may make, or null when they may not take this step.</param>
public sealed record VisitStep(VisitState To, string WhoMay, Func<VisitActors, VisitMove?> Resolve)
{
    public static readonly VisitStep Approve = new(
        VisitState.Approved, "The visitor's home head approves the visit.",
        actors => actors.IsHome ? new VisitMove(VisitTransitions.Approve) : null);

    public static readonly VisitStep Confirm = new(
        VisitState.Confirmed, "The host school's head or a named host contact confirms the visit.",
        actors => actors.IsHost ? new VisitMove(VisitTransitions.Confirm) : null);

    /// <summary>Someone who leads both schools declines as the host, who may decline for longer.</summary>
    public static readonly VisitStep Decline = new(
        VisitState.Declined, "The visitor's home head or the host school declines the visit.",
        actors => actors.IsHost ? new VisitMove(VisitTransitions.DeclineByHost, VisitSide.Host)
            : actors.IsHome ? new VisitMove(VisitTransitions.DeclineByHome, VisitSide.Home)
            : null);

    public static readonly VisitStep Cancel = new(
        VisitState.Cancelled, "Only the visitor cancels their visit; the schools decline it.",
        actors => actors.IsVisitor ? new VisitMove(VisitTransitions.Cancel) : null);

    public static readonly VisitStep Complete = new(
        VisitState.Completed, "The visitor or the host school records that the visit took place.",
        actors => actors.IsVisitor || actors.IsHost ? new VisitMove(VisitTransitions.Complete) : null);

    public static readonly VisitStep Reflect = new(
        VisitState.Reflected, "Only the visitor records their reflection.",
        actors => actors.IsVisitor ? new VisitMove(VisitTransitions.Reflect) : null);
}
