using Dapper;
using Federation.BuildingBlocks.Api;
using Npgsql;

namespace Federation.BuildingBlocks.Data;

public static class PageQueries
{
    /// <summary>Runs a list query one page at a time. <paramref name="query"/> ends in a where
    /// clause; this adds the cursor condition and the order on <paramref name="idColumn"/> (a
    /// time-ordered v7 id, written in code, never taken from input) and fetches one row more than
    /// the page, to tell whether there is a next one.</summary>
    public static async Task<Page<T>> QueryPageAsync<T>(
        this NpgsqlDataSource dataSource, string query, object parameters, PageRequest page, string idColumn, Func<T, Guid> id,
        CancellationToken cancellationToken)
    {
        var all = parameters as DynamicParameters ?? new DynamicParameters(parameters);
        all.Add("Cursor", page.Cursor);
        all.Add("Limit", page.Size + 1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<T>(new CommandDefinition(
            $"""
            {query}
              and (@Cursor::uuid is null or {idColumn} > @Cursor)
            order by {idColumn} limit @Limit
            """,
            all, cancellationToken: cancellationToken));
        return page.ToPage(rows.AsList(), id);
    }
}
