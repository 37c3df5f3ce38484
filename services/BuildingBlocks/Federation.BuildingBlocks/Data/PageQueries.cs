using Dapper;
using Federation.BuildingBlocks.Api;
using Npgsql;

namespace Federation.BuildingBlocks.Data;

public static class PageQueries
{
    /// <summary>Runs a list query one page at a time (see <see cref="Command"/>).</summary>
    public static async Task<Page<T>> QueryPageAsync<T>(
        this NpgsqlDataSource dataSource, string select, WhereClause where, object parameters, PageRequest page, string idColumn,
        Func<T, Guid> id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<T>(Command(select, where, parameters, page, idColumn, cancellationToken));
        return page.ToPage(rows.AsList(), id);
    }

    /// <summary>The command for one page: <paramref name="select"/> where <paramref name="where"/>,
    /// with the cursor's condition when there is one, in the order of <paramref name="idColumn"/>
    /// (a time-ordered v7 id, written in code, never taken from input), fetching one row more than
    /// the page to tell whether there is a next one (<see cref="PageRequest.ToPage{T}"/>).</summary>
    public static CommandDefinition Command(
        string select, WhereClause where, object parameters, PageRequest page, string idColumn, CancellationToken cancellationToken)
    {
        var all = parameters as DynamicParameters ?? new DynamicParameters(parameters);
        all.Add("Cursor", page.Cursor);
        all.Add("Limit", page.Size + 1);
        return new CommandDefinition(
            $"""
            {select}
            where {where.ForPage(idColumn, page.Cursor is not null)}
            order by {idColumn} limit @Limit
            """,
            all, cancellationToken: cancellationToken);
    }
}
