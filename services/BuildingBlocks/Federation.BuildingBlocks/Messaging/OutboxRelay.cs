using System.Collections.Concurrent;
using System.Text.Json;
using Federation.BuildingBlocks.Data;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Federation.BuildingBlocks.Messaging;

/// <summary>The "Messaging:Outbox" configuration section.</summary>
public sealed class OutboxRelaySettings
{
    /// <summary>How long the relay sleeps when no NOTIFY arrives (a fallback: NOTIFY wakes it at once).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one publish may wait for the broker's confirm.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The pause after a failure (broker or database unreachable) before trying again.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; init; } = 100;

    /// <summary>Failed attempts after which a row is set aside (kept, not retried) so that later
    /// events flow. Attempts count only while the broker is reachable, or when the row cannot be
    /// read back as an event: an outage sets nothing aside.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>Sent rows are kept this long (for tracing what was published), then deleted.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How often the relay deletes what is past <see cref="Retention"/>: first when it
    /// is next idle after starting, then at this interval, in a quiet moment (no NOTIFY for a
    /// poll interval).</summary>
    public TimeSpan CleanupInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement, so that clearing a long backlog holds no lock for long.</summary>
    public int CleanupBatchSize { get; init; } = 5000;
}

/// <summary>Publishes outbox rows in order. Woken by LISTEN/NOTIFY, polling as a fallback.
/// Claims rows with FOR UPDATE SKIP LOCKED, so several replicas can run it side by side; a row
/// is marked sent only after the broker confirmed it, so a crash publishes it again (consumers
/// are idempotent through the inbox) but never loses it. A row that keeps failing while the
/// broker is up is set aside after MaxAttempts (migration 0006 says how to send it again), so
/// that one bad row does not hold back every later event.</summary>
internal sealed class OutboxRelay(
    NpgsqlDataSource dataSource,
    IBusControl bus,
    OutboxRelaySettings settings,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    /// <summary>The message types this process has published once (see <see cref="PublishRowsAsync"/>).</summary>
    private readonly ConcurrentDictionary<string, bool> publishedTypes = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? lastCleanup = null;
        return dataSource.ListenAsync("outbox", async (listener, cancellationToken) =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                while (await PublishBatchAsync(cancellationToken) == settings.BatchSize)
                {
                }
                if (!await listener.WaitAsync(settings.PollInterval, cancellationToken)
                    && (lastCleanup is null || TimeProvider.System.GetElapsedTime(lastCleanup.Value) >= settings.CleanupInterval))
                {
                    await DeleteOldRowsAsync(cancellationToken);
                    lastCleanup = TimeProvider.System.GetTimestamp();
                }
            }
        }, logger, settings.RetryDelay, stoppingToken);
    }

    private async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        var (count, failed) = await dataSource.InTransactionAsync(session => PublishRowsAsync(session, cancellationToken), cancellationToken);
        return failed is { } failure
            ? throw new InvalidOperationException($"Publishing outbox message {failure.Row.Id} failed.", failure.Exception)
            : count;
    }

    /// <summary>Publishes the next unsent rows in order until one fails; what was sent is marked
    /// sent (and committed) even when a later row failed. While the broker is connected, the rows'
    /// publishes are started one after the other and their confirms awaited together: the transport
    /// hands them to its channel in the order they were started, so they reach the broker in order,
    /// and a batch costs one confirm's wait instead of one per row. The first row of a message type
    /// this process publishes is awaited alone, since its publish first declares where the type
    /// goes; and so is every row while the broker is not connected, since publishes waiting for the
    /// connection to come back are let go in no particular order. When a row fails, the publishes
    /// after it that are still waiting are cancelled; any that reached the broker stay unsent and go
    /// again with it: consumers take them once (the inbox).</summary>
    private async Task<(int Count, (OutboxRow Row, Exception Exception)? Failure)> PublishRowsAsync(SqlSession session, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<OutboxRow>(
            """
            select position, id, message_type as MessageType, payload::text as payload
            from outbox where sent_at is null and set_aside_at is null
            order by position limit @BatchSize
            for update skip locked
            """,
            new { settings.BatchSize });

        var connected = bus.CheckHealth().Status == BusHealthStatus.Healthy;
        using var batch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var publishes = new List<(OutboxRow Row, Task Publish)>(rows.Count);
        foreach (var row in rows)
        {
            var publish = PublishAsync(row, batch.Token);
            publishes.Add((row, publish));
            if (publishedTypes.TryAdd(row.MessageType, true) || !connected)
            {
                await publish.ContinueWith(_ => { }, TaskScheduler.Default);
                if (!publish.IsCompletedSuccessfully && !connected)
                {
                    break;
                }
            }
        }

        var sent = new List<long>(rows.Count);
        (OutboxRow Row, Exception Exception)? failure = null;
        foreach (var (row, publish) in publishes)
        {
            try
            {
                await publish;
                sent.Add(row.Position);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                var counts = exception is UnreadableRowException || bus.CheckHealth().Status == BusHealthStatus.Healthy;
                var setAside = await session.SingleAsync<bool>(
                    """
                    update outbox set attempts = attempts + @Count, last_error = @Error,
                                      set_aside_at = case when attempts + @Count >= @MaxAttempts then now() end
                    where position = @Position
                    returning set_aside_at is not null
                    """,
                    new { Count = counts ? 1 : 0, Error = exception.Message, settings.MaxAttempts, row.Position });
                if (setAside)
                {
                    logger.LogError(exception, "Outbox message {MessageId} ({MessageType}) set aside after {MaxAttempts} attempts; later events go on",
                        row.Id, row.MessageType, settings.MaxAttempts);
                    continue;
                }
                // Stop here so that events keep their order; the row is tried again later.
                failure = (row, exception);
                await batch.CancelAsync();
                await Task.WhenAll(publishes.Select(later => later.Publish)).ContinueWith(_ => { }, TaskScheduler.Default);
                break;
            }
        }

        if (sent.Count > 0)
        {
            await session.ExecuteAsync("update outbox set sent_at = now() where position = any(@Sent)", new { Sent = sent.ToArray() });
        }
        return (rows.Count, failure);
    }

    private async Task PublishAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        Type type;
        object message;
        try
        {
            type = Type.GetType(row.MessageType, throwOnError: true)!;
            message = JsonSerializer.Deserialize(row.Payload, type, Outbox.Json)
                ?? throw new JsonException("The payload is null.");
        }
        catch (Exception exception) when (exception is TypeLoadException or FileNotFoundException or JsonException or NotSupportedException)
        {
            throw new UnreadableRowException($"Outbox row {row.Id} cannot be read as {row.MessageType}: {exception.Message}", exception);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PublishTimeout);
        await bus.Publish(message, type, context => context.MessageId = row.Id, timeout.Token);
    }

    /// <summary>Deletes the rows sent longer ago than the retention, a batch at a time, on the
    /// index of sent rows (migration 0007): a scan of the whole outbox, which holds every event
    /// of the retention period, cost the database a second per service each time.</summary>
    private async Task DeleteOldRowsAsync(CancellationToken cancellationToken)
    {
        while (await dataSource.ExecuteAsync(
            """
            delete from outbox where position = any(array(
                select position from outbox where sent_at < now() - @Retention order by sent_at limit @CleanupBatchSize))
            """,
            new { settings.Retention, settings.CleanupBatchSize }, cancellationToken) == settings.CleanupBatchSize)
        {
        }
    }

    private sealed record OutboxRow(long Position, Guid Id, string MessageType, string Payload);

    private sealed class UnreadableRowException(string message, Exception inner) : Exception(message, inner);
}
