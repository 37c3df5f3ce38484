using System.Diagnostics;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Federation.Testing;

/// <summary>Where the tests' PostgreSQL and RabbitMQ come from (ARCHITECTURE.md §10), in order:
/// FEDERATION_TEST_POSTGRES and FEDERATION_TEST_RABBITMQ in the environment (./fed test sets them
/// after starting the OS packages' servers); else Testcontainers, where a Docker engine is
/// reachable; else a failure that says what to start.</summary>
public sealed class TestServers
{
    private static readonly Lazy<Task<TestServers>> Shared = new(StartAsync);
    private readonly RabbitMqContainer? rabbitContainer;

    private TestServers(string postgres, string rabbitMq, RabbitMqContainer? rabbitContainer)
    {
        Postgres = postgres;
        RabbitMq = new Uri(rabbitMq);
        this.rabbitContainer = rabbitContainer;
    }

    /// <summary>Messaging:QueueExpiry for the services tests start: the broker deletes their queues
    /// once unused this long, so that throwaway instances leave no queues behind.</summary>
    public const string QueueExpiry = "00:05:00";

    /// <summary>A connection string without a database name.</summary>
    public string Postgres { get; }

    public Uri RabbitMq { get; }

    public static Task<TestServers> GetAsync() => Shared.Value;

    /// <summary>A new, empty database; the service under test migrates it.</summary>
    public string NewDatabase(string prefix) =>
        new NpgsqlConnectionStringBuilder(Postgres) { Database = $"test_{prefix}_{Guid.NewGuid():N}"[..40], MaxPoolSize = 20 }.ConnectionString;

    /// <summary>Drops a test database once its last session has gone. Not WITH (FORCE): that
    /// would need the right to end other roles' sessions (an autovacuum worker, say).</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists \"{database}\"", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Stops the broker's application (connections drop, the node stays up).</summary>
    public Task StopBrokerAsync() => RabbitMqCtlAsync("stop_app");

    public Task StartBrokerAsync() => RabbitMqCtlAsync("start_app");

    /// <summary>Restarts PostgreSQL (every session ends; new ones are refused until it is back),
    /// with the command ./fed test gives in FEDERATION_TEST_POSTGRES_RESTART.</summary>
    public async Task RestartPostgresAsync()
    {
        var command = Environment.GetEnvironmentVariable("FEDERATION_TEST_POSTGRES_RESTART");
        if (string.IsNullOrWhiteSpace(command))
        {
            throw new InvalidOperationException(
                "Restarting PostgreSQL needs FEDERATION_TEST_POSTGRES_RESTART (./fed test sets it, e.g. pg_ctlcluster --skip-systemctl-redirect 15 main restart).");
        }
        await RunAsync("bash", "-c", command);
    }

    private async Task RabbitMqCtlAsync(string command)
    {
        if (rabbitContainer is not null)
        {
            var result = await rabbitContainer.ExecAsync(["rabbitmqctl", command]);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"rabbitmqctl {command}: {result.Stderr}");
            }
            return;
        }
        await RunAsync("rabbitmqctl", "-q", command);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException($"{program} could not be started.");
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {await error}");
        }
    }

    private static async Task<TestServers> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("FEDERATION_TEST_POSTGRES");
        var rabbitMq = Environment.GetEnvironmentVariable("FEDERATION_TEST_RABBITMQ");
        if (!string.IsNullOrWhiteSpace(postgres) && !string.IsNullOrWhiteSpace(rabbitMq))
        {
            return new TestServers(postgres, rabbitMq, null);
        }
        try
        {
            var postgresContainer = new PostgreSqlBuilder("postgres:15").Build();
            var rabbitContainer = new RabbitMqBuilder("rabbitmq:3-management").Build();
            await Task.WhenAll(postgresContainer.StartAsync(), rabbitContainer.StartAsync());
            var connection = new NpgsqlConnectionStringBuilder(postgresContainer.GetConnectionString()) { Database = null };
            return new TestServers(connection.ConnectionString, rabbitContainer.GetConnectionString(), rabbitContainer);
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(
                "The tests need PostgreSQL and RabbitMQ. Run them with ./fed test (it installs and starts both), or set " +
                "FEDERATION_TEST_POSTGRES (e.g. Host=127.0.0.1;Username=federation;Password=federation) and " +
                "FEDERATION_TEST_RABBITMQ (e.g. amqp://guest:guest@127.0.0.1:5672/), or make a Docker engine reachable for Testcontainers.",
                exception);
        }
    }
}
