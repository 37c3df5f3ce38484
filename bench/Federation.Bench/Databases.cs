using Dapper;
using Npgsql;

namespace Federation.Bench;

/// <summary>The platform's databases, as ./fed names them (federation_&lt;service&gt;), reached with
/// the platform's own login.</summary>
public sealed class Databases(string server) : IAsyncDisposable
{
    public string Server { get; } = server;

    public NpgsqlDataSource Schools { get; } = NpgsqlDataSource.Create(Loading(server, "federation_schools"));

    public NpgsqlDataSource Staff { get; } = NpgsqlDataSource.Create(Loading(server, "federation_staff"));

    public NpgsqlDataSource Observations { get; } = NpgsqlDataSource.Create(Loading(server, "federation_observations"));

    public NpgsqlDataSource Exchanges { get; } = NpgsqlDataSource.Create(Loading(server, "federation_exchanges"));

    public NpgsqlDataSource Matrix { get; } = NpgsqlDataSource.Create(Loading(server, "federation_matrix"));

    public IEnumerable<(string Service, NpgsqlDataSource DataSource)> All =>
        [("schools", Schools), ("staff", Staff), ("observations", Observations), ("exchanges", Exchanges), ("matrix", Matrix)];

    public static string ConnectionString(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    /// <summary>The loader sends the same few statements hundreds of thousands of times (one
    /// Outbox.AddAndApplyToReplicaAsync per event): prepared once, each costs a third less.</summary>
    private static string Loading(string server, string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString(server, database)) { MaxAutoPrepare = 20, AutoPrepareMinUsages = 2 }.ConnectionString;

    /// <summary>VACUUM (ANALYZE) of every database: what autovacuum does in time after a bulk
    /// load, done now so that the reads are measured on databases in their steady state (fresh
    /// statistics; the visibility map set, which index-only scans need).</summary>
    public async Task VacuumAsync(CancellationToken cancellationToken)
    {
        foreach (var (_, dataSource) in All)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            // The platform's own tables: the shared catalogues are the superuser's to vacuum.
            var tables = await connection.QuerySingleAsync<string>(new CommandDefinition(
                "select string_agg(format('%I', tablename), ', ') from pg_tables where schemaname = 'public'", cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition($"vacuum (analyze) {tables}", commandTimeout: 0, cancellationToken: cancellationToken));
        }
    }

    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, dataSource) in All)
        {
            await dataSource.DisposeAsync();
        }
    }
}

/// <summary>What each owner's tables hold after loading (the demo data included).</summary>
public sealed record RowCounts(
    long LocalAuthorities, long Schools, long Federations, long FederationMembers, long Clusters, long ClusterMembers,
    long People, long RoleAssignments, long ExchangeVisits, long HostDays, long OutboxRows)
{
    public static async Task<RowCounts> ReadAsync(Databases databases, CancellationToken cancellationToken)
    {
        Task<long> Count(Npgsql.NpgsqlDataSource dataSource, string table) => Databases.CountAsync(dataSource, $"select count(*) from {table}", cancellationToken);
        long outbox = 0;
        foreach (var (_, dataSource) in databases.All)
        {
            outbox += await Count(dataSource, "outbox");
        }
        return new RowCounts(
            await Count(databases.Schools, "local_authorities"), await Count(databases.Schools, "schools"),
            await Count(databases.Schools, "federations"), await Count(databases.Schools, "federation_members"),
            await Count(databases.Schools, "clusters"), await Count(databases.Schools, "cluster_members"),
            await Count(databases.Staff, "people"), await Count(databases.Staff, "role_assignments"),
            await Count(databases.Exchanges, "exchange_visits"), await Count(databases.Exchanges, "host_days"), outbox);
    }
}
