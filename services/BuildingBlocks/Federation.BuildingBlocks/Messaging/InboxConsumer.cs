using Dapper;
using MassTransit;
using Npgsql;

namespace Federation.BuildingBlocks.Messaging;

/// <summary>Base for every consumer: records (message id, consumer) in the inbox and applies the
/// effect in one transaction, so a message delivered twice has one effect.</summary>
public abstract class InboxConsumer<TMessage>(NpgsqlDataSource dataSource) : IConsumer<TMessage>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id.");
        var cancellationToken = context.CancellationToken;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A concurrent duplicate waits here on the primary key until the first commits, then inserts nothing.
        var firstDelivery = await connection.ExecuteAsync(new CommandDefinition(
            "insert into inbox (message_id, consumer) values (@MessageId, @Consumer) on conflict do nothing",
            new { MessageId = messageId, Consumer = GetType().FullName }, transaction, cancellationToken: cancellationToken)) == 1;
        if (firstDelivery)
        {
            await HandleAsync(context.Message, transaction, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Applies the message's effect inside the inbox transaction (write with
    /// transaction.Connection; add outgoing events with Outbox.AddAsync).</summary>
    protected abstract Task HandleAsync(TMessage message, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
