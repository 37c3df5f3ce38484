using Dapper;
using MassTransit;
using Npgsql;

namespace Federation.BuildingBlocks.Messaging;

/// <summary>Base for a consumer of one message type: records (message id, consumer) in the inbox
/// and applies the effect in one transaction, so a message delivered twice has one effect.</summary>
public abstract class InboxConsumer<TMessage>(NpgsqlDataSource dataSource) : IConsumer<TMessage>
    where TMessage : class
{
    public Task Consume(ConsumeContext<TMessage> context) =>
        Inbox.ReceiveOnceAsync(dataSource, context, GetType().FullName!,
            transaction => HandleAsync(context.Message, transaction, context.CancellationToken));

    /// <summary>Applies the message's effect inside the inbox transaction (write with
    /// transaction.Connection; add outgoing events with Outbox.AddAsync).</summary>
    protected abstract Task HandleAsync(TMessage message, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}

public static class Inbox
{
    /// <summary>Runs <paramref name="effect"/> in a transaction that also records the message in the
    /// inbox for <paramref name="consumer"/>; a message already recorded has no effect.</summary>
    public static async Task ReceiveOnceAsync(
        NpgsqlDataSource dataSource, ConsumeContext context, string consumer, Func<NpgsqlTransaction, Task> effect)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A message for {consumer} arrived without a message id.");
        var cancellationToken = context.CancellationToken;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A concurrent duplicate waits here on the primary key until the first commits, then inserts nothing.
        var firstDelivery = await connection.ExecuteAsync(new CommandDefinition(
            "insert into inbox (message_id, consumer) values (@MessageId, @Consumer) on conflict do nothing",
            new { MessageId = messageId, Consumer = consumer }, transaction, cancellationToken: cancellationToken)) == 1;
        if (firstDelivery)
        {
            await effect(transaction);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
