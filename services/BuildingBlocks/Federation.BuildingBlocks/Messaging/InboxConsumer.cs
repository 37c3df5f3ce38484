using Federation.BuildingBlocks.Data;
using MassTransit;
using Npgsql;

namespace Federation.BuildingBlocks.Messaging;

/// <summary>Base for a consumer of one message type: records (message id, consumer) in the inbox
/// and applies the effect in one transaction, so a message delivered twice has one effect.</summary>
public abstract class InboxConsumer<TMessage>(NpgsqlDataSource dataSource) : IConsumer<TMessage>
    where TMessage : class
{
    public Task Consume(ConsumeContext<TMessage> context) =>
        Inbox.ReceiveOnceAsync(dataSource, context, GetType().FullName!, session => HandleAsync(context.Message, session));

    /// <summary>Applies the message's effect inside the inbox transaction (add outgoing events with
    /// Outbox.AddAndApplyToReplicaAsync on the same session).</summary>
    protected abstract Task HandleAsync(TMessage message, SqlSession session);
}
