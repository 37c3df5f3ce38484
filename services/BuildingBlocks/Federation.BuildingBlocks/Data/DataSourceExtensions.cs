using Npgsql;

namespace Federation.BuildingBlocks.Data;

public static class DataSourceExtensions
{
    /// <summary>Runs <paramref name="work"/> in one transaction and commits it; an exception rolls
    /// everything back, events added to the outbox included.</summary>
    public static async Task<T> InTransactionAsync<T>(
        this NpgsqlDataSource dataSource,
        Func<NpgsqlTransaction, Task<T>> work,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
