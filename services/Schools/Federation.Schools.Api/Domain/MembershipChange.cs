namespace Federation.Schools.Domain;

/// <summary>The outcome of a school leaving a federation or cluster.</summary>
public abstract record MembershipChange
{
    public sealed record Done : MembershipChange;

    /// <summary>No such federation or cluster, or the school is not a current member.</summary>
    public sealed record NotFound : MembershipChange;

    public sealed record Refused(Rule Rule, string Detail) : MembershipChange;
}
