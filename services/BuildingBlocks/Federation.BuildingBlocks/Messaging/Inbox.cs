using Federation.BuildingBlocks.Audit;
using Federation.BuildingBlocks.Data;
using MassTransit;
using Npgsql;

namespace Federation.BuildingBlocks.Messaging;

/// <summary>What a consumer has already received (the inbox table): a message delivered twice has one effect.</summary>
public static class Inbox
{
    /// <summary>Records <paramref name="messageId"/> as received by <paramref name="consumer"/> in
    /// <paramref name="session"/>'s transaction, for an effect already applied: its delivery is then a no-op.</summary>
    public static Task MarkReceivedAsync(SqlSession session, Guid messageId, string consumer) =>
        session.ExecuteAsync(
            "insert into inbox (message_id, consumer) values (@messageId, @consumer) on conflict do nothing", new { messageId, consumer });

    /// <summary>Runs <paramref name="effect"/> in a transaction that also records the message in the
    /// inbox for <paramref name="consumer"/>; a message already recorded has no effect. The consumer
    /// is the <see cref="AuditActor"/> of the changes the effect makes.</summary>
    public static async Task ReceiveOnceAsync(NpgsqlDataSource dataSource, ConsumeContext context, string consumer, Func<SqlSession, Task> effect)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A message for {consumer} arrived without a message id.");
        using var _ = AuditActor.Use(AuditActor.Consumer(consumer));
        await dataSource.InTransactionAsync(async session =>
        {
            // A concurrent duplicate waits here on the primary key until the first commits, then inserts nothing.
            var firstDelivery = await session.ExecuteAsync(
                "insert into inbox (message_id, consumer) values (@MessageId, @Consumer) on conflict do nothing",
                new { MessageId = messageId, Consumer = consumer }) == 1;
            if (firstDelivery)
            {
                await effect(session);
            }
            return firstDelivery;
        }, context.CancellationToken);
    }
}
