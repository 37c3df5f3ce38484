using Npgsql;

namespace Federation.BuildingBlocks.Data;

/// <summary>How a store reaches its database: a <see cref="SqlSession"/> for work of several
/// statements, with or without a transaction, or one statement straight on the data source. Each
/// takes one connection from the pool and gives it back when done.</summary>
public static class DataSourceExtensions
{
    /// <summary>Runs <paramref name="work"/> on one connection, without a transaction: reads.</summary>
    public static Task<T> ReadAsync<T>(this NpgsqlDataSource dataSource, Func<SqlSession, Task<T>> work, CancellationToken cancellationToken) =>
        dataSource.OnOneConnectionAsync(work, cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one transaction and commits it; an exception rolls
    /// everything back, events added to the outbox included.</summary>
    public static async Task<T> InTransactionAsync<T>(this NpgsqlDataSource dataSource, Func<SqlSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(new SqlSession(connection, transaction, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public static Task<List<T>> QueryAsync<T>(this NpgsqlDataSource dataSource, string sql, object? parameters, CancellationToken cancellationToken) =>
        dataSource.OnOneConnectionAsync(session => session.QueryAsync<T>(sql, parameters), cancellationToken);

    /// <summary>The one row, or default when there is none (more than one throws).</summary>
    public static Task<T?> SingleOrDefaultAsync<T>(this NpgsqlDataSource dataSource, string sql, object? parameters, CancellationToken cancellationToken) =>
        dataSource.OnOneConnectionAsync(session => session.SingleOrDefaultAsync<T>(sql, parameters), cancellationToken);

    /// <summary>The one row (none, or more than one, throws).</summary>
    public static Task<T> SingleAsync<T>(this NpgsqlDataSource dataSource, string sql, object? parameters, CancellationToken cancellationToken) =>
        dataSource.OnOneConnectionAsync(session => session.SingleAsync<T>(sql, parameters), cancellationToken);

    /// <summary>Runs one statement on its own (its own implicit transaction); how many rows it changed.</summary>
    public static Task<int> ExecuteAsync(this NpgsqlDataSource dataSource, string sql, object? parameters, CancellationToken cancellationToken) =>
        dataSource.OnOneConnectionAsync(session => session.ExecuteAsync(sql, parameters), cancellationToken);

    private static async Task<T> OnOneConnectionAsync<T>(
        this NpgsqlDataSource dataSource, Func<SqlSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await work(new SqlSession(connection, null, cancellationToken));
    }
}
