using Dapper;
using Npgsql;

namespace Federation.Bench;

/// <summary>The most PostgreSQL connections seen while a scenario ran: client backends to the
/// platform's databases and how many of them were running a query, and client backends to the
/// whole server (what max_connections limits; the machine's PostgreSQL is shared).</summary>
public sealed record ConnectionPeak(int Connections, int Active, int Server);

/// <summary>Samples pg_stat_activity every 200 ms on a connection of its own (to the postgres
/// database: counted in the server's figure only).</summary>
public sealed class ConnectionSampler(string server)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>The platform's databases (./fed names them federation_&lt;service&gt;).</summary>
    private const string Platform = "backend_type = 'client backend' and datname like 'federation\\_%'";

    private readonly string connectionString = Databases.ConnectionString(server, "postgres");

    public async Task<int> MaxConnectionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return int.Parse(await connection.ExecuteScalarAsync<string>(new CommandDefinition("show max_connections", cancellationToken: cancellationToken)) ?? "0");
    }

    public Sampling StartPeak() => new(connectionString);

    /// <summary>Waits (at most <paramref name="limit"/>) until no connection to the platform's databases runs a query:
    /// a service goes on with the queries of requests its callers gave up, and those would slow
    /// the next scenario down. Returns how long it waited.</summary>
    public async Task<TimeSpan> WaitForQuietAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        while (clock.Elapsed < limit && await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                   $"select count(*) from pg_stat_activity where {Platform} and state = 'active'",
                   cancellationToken: cancellationToken)) > 0)
        {
            await Task.Delay(250, cancellationToken);
        }
        return clock.Elapsed;
    }

    public sealed class Sampling
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task<ConnectionPeak> loop;

        internal Sampling(string connectionString) => loop = Task.Run(() => SampleAsync(connectionString, stop.Token));

        public async Task<ConnectionPeak> StopAsync()
        {
            await stop.CancelAsync();
            return await loop;
        }

        private static async Task<ConnectionPeak> SampleAsync(string connectionString, CancellationToken stopping)
        {
            var peak = new ConnectionPeak(0, 0, 0);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(CancellationToken.None);
            while (!stopping.IsCancellationRequested)
            {
                var sample = await connection.QuerySingleAsync<(long Connections, long Active, long Server)>(
                    $"""
                    select count(*) filter (where {Platform}),
                           count(*) filter (where {Platform} and state = 'active'),
                           count(*) filter (where backend_type = 'client backend')
                    from pg_stat_activity
                    """);
                peak = new ConnectionPeak(Math.Max(peak.Connections, (int)sample.Connections), Math.Max(peak.Active, (int)sample.Active),
                    Math.Max(peak.Server, (int)sample.Server));
                await Task.Delay(Interval, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            return peak;
        }
    }
}
