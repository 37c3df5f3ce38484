using Dapper;
using Federation.BuildingBlocks.Data;
using Federation.BuildingBlocks.Messaging;
using Federation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Federation.BuildingBlocks.Tests;

/// <summary>An event only these tests publish.</summary>
public sealed record RelayTestEvent(Guid RunId, int Sequence);

public sealed class OutboxRelayTests : IAsyncLifetime
{
    private const int EventCount = 200;
    private readonly Guid runId = Guid.NewGuid();
    private TestServers servers = null!;
    private string database = null!;
    private EventListener events = null!;
    private readonly List<WebApplication> replicas = [];

    public async Task InitializeAsync()
    {
        servers = await TestServers.GetAsync();
        database = servers.NewDatabase("relay");
        events = await new EventListener().On<RelayTestEvent>().StartAsync(servers.RabbitMq);
        // Two replicas of one service: two relays claiming rows from the same outbox. The
        // building blocks' assembly has no consumers, so the replicas only publish.
        // They start together on a database that does not exist yet: migrations take turns.
        replicas.AddRange(await Task.WhenAll(new[] { "relay-a", "relay-b" }
            .Select(replica => Task.Run(() => TestHost.StartAsync(servers, database, replica, typeof(Outbox).Assembly)))));
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in replicas)
        {
            await replica.StopAsync();
            await replica.DisposeAsync();
        }
        await events.DisposeAsync();
        await servers.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task Two_replicas_started_together_migrate_once_and_publish_every_outbox_event_exactly_once()
    {
        var dataSource = replicas[0].Services.GetRequiredService<NpgsqlDataSource>();
        foreach (var batch in Enumerable.Range(0, EventCount).Chunk(20))
        {
            await dataSource.InTransactionAsync(async session =>
            {
                foreach (var sequence in batch)
                {
                    await Outbox.AddAndApplyToReplicaAsync(session, new RelayTestEvent(runId, sequence));
                }
                return batch.Length;
            }, CancellationToken.None);
        }

        await Eventually.Until(
            () => Task.FromResult(Mine().Count()), count => count >= EventCount, TimeSpan.FromSeconds(60), $"{EventCount} events");

        Assert.Equal(Enumerable.Range(0, EventCount), Mine().Select(e => e.Message.Sequence).Order());
        Assert.Equal(EventCount, Mine().Select(e => e.MessageId).Distinct().Count());
        // A relay marks its batch sent once the broker has confirmed it, so the last events can
        // arrive a moment before their rows are marked: the rows must all be marked soon after.
        await Eventually.Until(
            () => dataSource.SingleAsync<long>("select count(*) from outbox where sent_at is null", null, CancellationToken.None),
            unsent => unsent == 0, TimeSpan.FromSeconds(10), "every outbox row marked sent");
    }

    [Fact]
    public async Task A_row_that_cannot_be_published_is_set_aside_after_its_attempts_and_later_events_flow()
    {
        var dataSource = replicas[0].Services.GetRequiredService<NpgsqlDataSource>();
        var poison = Guid.CreateVersion7();
        await dataSource.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                "insert into outbox (id, message_type, payload) values (@poison, 'Federation.Gone.NoSuchEvent, Federation.Gone', '{}')",
                new { poison });
            foreach (var sequence in Enumerable.Range(0, 5))
            {
                await Outbox.AddAndApplyToReplicaAsync(session, new RelayTestEvent(runId, sequence));
            }
            return 0;
        }, CancellationToken.None);

        await Eventually.Until(() => Task.FromResult(Mine().Count()), count => count >= 5, TimeSpan.FromSeconds(60), "the events after the bad row");

        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await Eventually.Until(
            () => connection.QuerySingleAsync<(int Attempts, bool SetAside, bool Sent, string LastError)>(
                "select attempts, set_aside_at is not null, sent_at is not null, last_error from outbox where id = @poison", new { poison }),
            state => state.SetAside, TimeSpan.FromSeconds(30), "the bad row set aside");
        Assert.Equal((3, true, false), (row.Attempts, row.SetAside, row.Sent));
        Assert.Contains("Federation.Gone.NoSuchEvent", row.LastError);
        var health = await replicas[0].Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, health.Entries["outbox"].Status);
    }

    [Fact]
    public async Task Rows_sent_longer_ago_than_the_retention_are_deleted_in_batches_and_the_rest_kept()
    {
        var dataSource = replicas[0].Services.GetRequiredService<NpgsqlDataSource>();
        var old = Enumerable.Range(0, 5).Select(_ => Guid.CreateVersion7()).ToArray();
        var recent = Guid.CreateVersion7();
        var unsent = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync();
        // Rows the relay will not claim (sent, or set aside), each as it would be after so long.
        await connection.ExecuteAsync(
            """
            insert into outbox (id, message_type, payload, sent_at, set_aside_at)
            select id, 'Federation.Gone.Old, Federation.Gone', '{}'::jsonb, now() - interval '8 days', null::timestamptz from unnest(@old) as id
            union all select @recent, 'Federation.Gone.Recent, Federation.Gone', '{}', now() - interval '6 days', null
            union all select @unsent, 'Federation.Gone.Unsent, Federation.Gone', '{}', null, now() - interval '30 days'
            """,
            new { old, recent, unsent });

        await Eventually.Until(
            () => connection.ExecuteScalarAsync<long>("select count(*) from outbox where id = any(@old)", new { old }),
            count => count == 0, TimeSpan.FromSeconds(30), "the rows past the retention deleted");

        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("select count(*) from outbox where id in (@recent, @unsent)", new { recent, unsent }));
    }

    private IEnumerable<(Guid? MessageId, RelayTestEvent Message)> Mine() =>
        events.Received.Where(e => e.Message is RelayTestEvent mine && mine.RunId == runId).Select(e => (e.MessageId, (RelayTestEvent)e.Message));
}
