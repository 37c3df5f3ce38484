using System.Text.Json;
using Dapper;
using Federation.BuildingBlocks.Audit;
using Federation.BuildingBlocks.Access;
using Federation.BuildingBlocks.Data;

namespace Federation.BuildingBlocks.Messaging;

/// <summary>Writes integration events into the outbox table inside the caller's transaction:
/// the event commits with the change or not at all. OutboxRelay publishes it.</summary>
public static class Outbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the event to the outbox, records the change in the audit log (who made it:
    /// <see cref="AuditActor.Current"/>) and applies the event to this service's own access replica,
    /// so that the service's own access checks see the change at once (the copy that comes back
    /// from the broker then changes nothing: its inbox row is written here, so that a copy that
    /// arrives after a later change, a year set and then cleared, say, cannot bring the earlier state
    /// back). <paramref name="session"/> is the change's transaction.</summary>
    public static async Task AddAndApplyToReplicaAsync(SqlSession session, object integrationEvent)
    {
        var type = integrationEvent.GetType();
        // One round trip for both rows: the event and its audit row, whose summary is the event.
        var id = Guid.CreateVersion7();
        var parameters = new DynamicParameters(AuditLog.ChangeParameters(integrationEvent));
        parameters.AddDynamicParams(new
        {
            Id = id,
            MessageType = TypeName(type),
            Payload = JsonSerializer.Serialize(integrationEvent, type, Json),
        });
        await session.ExecuteAsync(
            $"""
            insert into outbox (id, message_type, payload) values (@Id, @MessageType, @Payload::jsonb);
            {AuditLog.ChangeSql}
            """,
            parameters);
        if (await AccessReplica.ApplyAsync(session, integrationEvent))
        {
            // The relay publishes the row with its id as the message id (OutboxRelay).
            await Inbox.MarkReceivedAsync(session, id, nameof(AccessReplicaConsumer));
        }
    }

    internal static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
