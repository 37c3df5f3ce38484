using Dapper;
using Federation.BuildingBlocks.Audit;
using Federation.BuildingBlocks.Data;
using Federation.BuildingBlocks.Messaging;
using Federation.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Federation.BuildingBlocks.Tests;

/// <summary>An event only these tests write: about one thing, by the contracts' convention (its first member is its id).</summary>
public sealed record AuditTestThingChanged(Guid ThingId, string Colour, DateTimeOffset OccurredAt);

/// <summary>A message only these tests publish: the consumer changes a thing in answer.</summary>
public sealed record AuditTestPaint(Guid ThingId, string Colour);

public sealed class AuditTestPaintConsumer(NpgsqlDataSource dataSource) : InboxConsumer<AuditTestPaint>(dataSource)
{
    protected override Task HandleAsync(AuditTestPaint message, SqlSession session) =>
        Outbox.AddAndApplyToReplicaAsync(session, new AuditTestThingChanged(message.ThingId, message.Colour, DateTimeOffset.UtcNow));
}

/// <summary>The audit log's rows for changes: written by the outbox write, in the change's
/// transaction, naming whoever the work is done for.</summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private TestServers servers = null!;
    private WebApplication host = null!;
    private string database = null!;

    public async Task InitializeAsync()
    {
        servers = await TestServers.GetAsync();
        database = servers.NewDatabase("audit");
        host = await TestHost.StartAsync(servers, database, $"audit-tests-{Guid.NewGuid():N}", typeof(AuditLogTests).Assembly);
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        await host.DisposeAsync();
        await servers.DropDatabaseAsync(database);
    }

    private NpgsqlDataSource DataSource => host.Services.GetRequiredService<NpgsqlDataSource>();

    [Fact]
    public async Task A_change_is_logged_with_its_caller_their_person_the_event_and_the_thing_it_changed()
    {
        var personId = Guid.CreateVersion7();
        await DataSource.ExecuteAsync(
            "insert into access_people (id, email, name, subject) values (@personId, 'ada@example.org', 'Ada Lovelace', 'subject-ada')",
            new { personId }, CancellationToken.None);
        var thing = Guid.CreateVersion7();

        using (AuditActor.Use(new AuditActor("subject-ada", "subject-ada", "ada@example.org")))
        {
            await ChangeAsync(thing, "teal");
        }
        await ChangeAsync(thing, "amber");

        var rows = await RowsAsync(thing);
        Assert.Equal(2, rows.Count);
        Assert.Equal(("subject-ada", personId, "Ada Lovelace", "ada@example.org"), (rows[0].Actor, rows[0].ActorPersonId, rows[0].ActorName, rows[0].ActorEmail));
        Assert.Equal((nameof(AuditTestThingChanged), "thing"), (rows[0].Action, rows[0].ObjectKind));
        Assert.Contains("\"colour\": \"teal\"", rows[0].Summary);
        // Outside a request or a message, the service itself.
        Assert.Equal(("system", (Guid?)null), (rows[1].Actor, rows[1].ActorPersonId));
    }

    [Fact]
    public async Task A_change_rolled_back_leaves_no_row()
    {
        var thing = Guid.CreateVersion7();

        await Assert.ThrowsAsync<InvalidOperationException>(() => DataSource.InTransactionAsync<bool>(async session =>
        {
            await Outbox.AddAndApplyToReplicaAsync(session, new AuditTestThingChanged(thing, "red", DateTimeOffset.UtcNow));
            throw new InvalidOperationException("the change fails after its event");
        }, CancellationToken.None));

        Assert.Empty(await RowsAsync(thing));
        Assert.Equal(0L, await DataSource.SingleAsync<long>("select count(*) from outbox where payload->>'thingId' = @thing", new { thing = thing.ToString() }, CancellationToken.None));
    }

    [Fact]
    public async Task A_change_a_consumer_makes_is_logged_as_that_consumer()
    {
        var thing = Guid.CreateVersion7();

        await host.Services.GetRequiredService<IBus>().Publish(new AuditTestPaint(thing, "blue"));

        var rows = await Eventually.Until(() => RowsAsync(thing), found => found.Count == 1, what: "the consumer's change in the audit log");
        Assert.Equal($"consumer:{nameof(AuditTestPaintConsumer)}", rows[0].Actor);
        Assert.Null(rows[0].ActorPersonId);
    }

    private Task ChangeAsync(Guid thing, string colour) => DataSource.InTransactionAsync(async session =>
    {
        await Outbox.AddAndApplyToReplicaAsync(session, new AuditTestThingChanged(thing, colour, DateTimeOffset.UtcNow));
        return true;
    }, CancellationToken.None);

    private Task<List<AuditRow>> RowsAsync(Guid thing) => DataSource.QueryAsync<AuditRow>(
        """
        select id, occurred_at, actor, actor_person_id, actor_name, actor_email, action, object_kind, object_id, summary::text as summary
        from audit_log where object_id = @thing order by id
        """, new { thing }, CancellationToken.None);
}
