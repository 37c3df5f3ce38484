using Dapper;
using Federation.BuildingBlocks.Data;
using Federation.BuildingBlocks.Messaging;
using Federation.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Federation.BuildingBlocks.Tests;

/// <summary>A message type only these tests publish.</summary>
public sealed record InboxTestNote(Guid RunId, string Text);

/// <summary>A consumer built on the inbox, as every service's consumers are.</summary>
public sealed class InboxTestNoteConsumer(NpgsqlDataSource dataSource) : InboxConsumer<InboxTestNote>(dataSource)
{
    protected override Task HandleAsync(InboxTestNote message, SqlSession session) =>
        session.ExecuteAsync("insert into received_notes (text) values (@Text)", message);
}

public sealed class InboxTests : IAsyncLifetime
{
    private TestServers servers = null!;
    private WebApplication host = null!;
    private string database = null!;
    private readonly DeliveryCounter deliveries = new();
    private readonly string serviceName = $"inbox-tests-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        servers = await TestServers.GetAsync();
        database = servers.NewDatabase("inbox");
        // A queue of its own for this test, so that nothing left from another run is consumed.
        host = await TestHost.StartAsync(servers, database, serviceName, typeof(InboxTests).Assembly);
        host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(deliveries);
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        await host.DisposeAsync();
        await servers.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task A_message_delivered_twice_has_one_effect()
    {
        var bus = host.Services.GetRequiredService<IBus>();
        var note = new InboxTestNote(Guid.NewGuid(), "visit booked");
        var messageId = NewId.NextGuid();

        // The same message (same id) twice at once, as a broker redelivery or a relay re-publish would send it.
        await Task.WhenAll(
            bus.Publish(note, context => context.MessageId = messageId),
            bus.Publish(note, context => context.MessageId = messageId));

        await Eventually.Until(() => Task.FromResult(deliveries.Completed), count => count >= 2, what: "both deliveries to be consumed");
        Assert.Equal(1, await CountAsync("select count(*) from received_notes"));
        Assert.Equal(1, await CountAsync("select count(*) from inbox"));
    }

    [Fact]
    public async Task Different_messages_each_have_their_effect()
    {
        var bus = host.Services.GetRequiredService<IBus>();

        await bus.Publish(new InboxTestNote(Guid.NewGuid(), "first"));
        await bus.Publish(new InboxTestNote(Guid.NewGuid(), "second"));

        await Eventually.Until(() => CountAsync("select count(*) from received_notes"), count => count == 2, what: "two notes");
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private sealed class DeliveryCounter : IConsumeObserver
    {
        private int completed;

        public int Completed => Volatile.Read(ref completed);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            Interlocked.Increment(ref completed);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
