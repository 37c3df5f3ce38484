namespace Federation.Schools.Api;

internal static class MembershipChangeResults
{
    /// <summary>A school leaving a federation or a cluster: 204, 404 (no such group, or not a
    /// current member) or 409 naming the rule.</summary>
    public static Results<NoContent, NotFound, ProblemHttpResult> ToResult(this MembershipChange change) => change switch
    {
        MembershipChange.Done => TypedResults.NoContent(),
        MembershipChange.NotFound => TypedResults.NotFound(),
        MembershipChange.Refused refused => refused.Rule.Conflict(refused.Detail),
        _ => throw new InvalidOperationException($"Unexpected outcome {change}."),
    };
}
