using Dapper;
using Npgsql;

namespace Federation.BuildingBlocks.Data;

/// <summary>Where a store's statements run: one pooled connection, in a transaction when the work
/// writes, with the request's cancellation. A store gives the SQL and its parameters (an object's
/// properties, or DynamicParameters); the session runs them. Open one with
/// <see cref="DataSourceExtensions.ReadAsync{T}"/> or <see cref="DataSourceExtensions.InTransactionAsync{T}"/>,
/// or run a single statement straight on the data source (<see cref="DataSourceExtensions"/>).</summary>
public sealed class SqlSession(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
{
    public NpgsqlConnection Connection => connection;

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>The statement with this session's transaction and cancellation, for Dapper calls the
    /// methods below do not cover (several result sets, say).</summary>
    public CommandDefinition Command(string sql, object? parameters = null) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    public async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null) =>
        (await connection.QueryAsync<T>(Command(sql, parameters))).AsList();

    /// <summary>The one row, or default when there is none (more than one throws).</summary>
    public Task<T?> SingleOrDefaultAsync<T>(string sql, object? parameters = null) =>
        connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters));

    /// <summary>The one row (none, or more than one, throws).</summary>
    public Task<T> SingleAsync<T>(string sql, object? parameters = null) =>
        connection.QuerySingleAsync<T>(Command(sql, parameters));

    /// <summary>Runs the statement; how many rows it changed.</summary>
    public Task<int> ExecuteAsync(string sql, object? parameters = null) =>
        connection.ExecuteAsync(Command(sql, parameters));

    /// <summary>Waits for <paramref name="key"/>'s turn under <paramref name="constraint"/>, and holds
    /// it until the transaction ends. A write that puts a row under an exclusion constraint takes
    /// the turn of the key the constraint compares rows by (a person) first: two transactions
    /// writing conflicting rows at once would otherwise each wait in the constraint's check for
    /// the other, a deadlock PostgreSQL breaks a second later by failing one of them (40P01).
    /// With turns, the second waits for the first and then meets the constraint: a 409.</summary>
    public Task TakeTurnAsync(string constraint, Guid key) =>
        ExecuteAsync("select pg_advisory_xact_lock(hashtextextended(@turn, 0))", new { turn = $"{constraint}:{key}" });
}
