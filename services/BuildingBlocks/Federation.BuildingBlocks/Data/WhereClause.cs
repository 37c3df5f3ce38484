namespace Federation.BuildingBlocks.Data;

/// <summary>The conditions of a list query that apply to this request, joined with <c>and</c>:
/// a filter the request leaves out adds nothing, rather than a <c>(@x is null or ...)</c> that
/// PostgreSQL must plan for both cases. Each combination of filters is then its own statement,
/// prepared once per connection and planned for what it asks (a generic plan that fits), so a
/// list pays no planning per request. Conditions are SQL written in code; values go in parameters.</summary>
public sealed class WhereClause
{
    private readonly List<string> conditions = [];

    /// <param name="conditions">Conditions that always apply (e.g. the caller's visibility).</param>
    public WhereClause(params string[] conditions) => this.conditions.AddRange(conditions);

    /// <summary>Adds <paramref name="condition"/> when <paramref name="applies"/> (its filter was given).</summary>
    public WhereClause And(bool applies, string condition)
    {
        if (applies)
        {
            conditions.Add(condition);
        }
        return this;
    }

    public override string ToString() => conditions.Count == 0 ? "true" : string.Join("\n  and ", conditions);
}
