using Dapper;
using Federation.BuildingBlocks.Api;
using Npgsql;

namespace Federation.BuildingBlocks.Data;

/// <summary>Every list of the platform, one page at a time: <c>select</c> where <c>where</c>,
/// with the cursor's condition when there is one, in the order of <c>idColumn</c> (a
/// time-ordered v7 id, written in code, never taken from input),
/// fetching one row more than the page to tell whether there is a next one
/// (<see cref="PageRequest.ToPage{T}"/>).</summary>
public static class PageQueries
{
    public static Task<Page<T>> QueryPageAsync<T>(
        this NpgsqlDataSource dataSource, string select, WhereClause where, object parameters, PageRequest page, string idColumn,
        Func<T, Guid> id, CancellationToken cancellationToken) =>
        dataSource.ReadAsync(session => session.QueryPageAsync(select, where, parameters, page, idColumn, id), cancellationToken);

    public static async Task<Page<T>> QueryPageAsync<T>(
        this SqlSession session, string select, WhereClause where, object parameters, PageRequest page, string idColumn, Func<T, Guid> id)
    {
        var all = parameters as DynamicParameters ?? new DynamicParameters(parameters);
        all.Add("Cursor", page.Cursor);
        all.Add("Limit", page.Size + 1);
        var rows = await session.QueryAsync<T>(
            $"""
            {select}
            where {where.ForPage(idColumn, page.Cursor is not null)}
            order by {idColumn} limit @Limit
            """,
            all);
        return page.ToPage(rows, id);
    }
}
