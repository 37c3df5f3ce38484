using Federation.BuildingBlocks.Access;

namespace Federation.BuildingBlocks.Data;

/// <summary>The conditions of a query that apply to this request, joined with <c>and</c>:
/// a filter the request leaves out adds nothing, rather than a <c>(@x is null or ...)</c> that
/// PostgreSQL must plan for both cases. Each combination of filters is then its own statement,
/// prepared once per connection and planned for what it asks (a generic plan that fits), so a
/// query pays no planning per request. Conditions are SQL written in code; values go in parameters.</summary>
public sealed class WhereClause
{
    private readonly List<string> conditions = [];
    private (string Column, string Ids)? visible;

    /// <param name="conditions">Conditions that always apply.</param>
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

    /// <summary>Limits the rows to those whose <paramref name="column"/> is among
    /// <paramref name="ids"/>, a query of the ids the caller may see (a union of index scans, one
    /// per way of seeing, with <see cref="AccessFilter"/>'s parameters); administrators see every
    /// row, and their statement has no such condition.</summary>
    public WhereClause Visible(AccessFilter access, string column, string ids)
    {
        visible = access.CallerIsAdministrator ? null : (column, ids);
        return this;
    }

    /// <summary>The clause for a page ordered by <paramref name="idColumn"/>, after the cursor when
    /// <paramref name="afterCursor"/>. When what the caller may see is the only condition, the
    /// page's ids are picked among the visible ones first (after the cursor, in order, one page),
    /// so only that page's rows are read from the table, however many the caller may see.</summary>
    internal string ForPage(string idColumn, bool afterCursor)
    {
        if (visible is var (column, ids) && conditions.Count == 0 && column == idColumn)
        {
            return $"""
                {idColumn} = any(array(
                    select visible.id from ({ids}) as visible (id)
                    {(afterCursor ? "where visible.id > @Cursor" : "")}
                    order by visible.id limit @Limit))
                """;
        }
        return Joined(afterCursor ? [.. All(), $"{idColumn} > @Cursor"] : All());
    }

    public override string ToString() => Joined(All());

    private IEnumerable<string> All() =>
        visible is var (column, ids) ? [.. conditions, $"{column} = any(array({ids}))"] : conditions;

    private static string Joined(IEnumerable<string> all) => all.Any() ? string.Join("\n  and ", all) : "true";
}
