using System.Text.Json;
using Dapper;
using Federation.BuildingBlocks.Access;
using Npgsql;

namespace Federation.BuildingBlocks.Messaging;

/// <summary>Writes integration events into the outbox table inside the caller's transaction:
/// the event commits with the change or not at all. OutboxRelay publishes it.</summary>
public static class Outbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the event to the outbox and applies it to this service's own access replica,
    /// so that the service's own access checks see the change at once (the copy that comes back
    /// from the broker then changes nothing).</summary>
    public static async Task AddAsync(NpgsqlTransaction transaction, object integrationEvent, CancellationToken cancellationToken)
    {
        var type = integrationEvent.GetType();
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "insert into outbox (id, message_type, payload) values (@Id, @MessageType, @Payload::jsonb)",
            new
            {
                Id = Guid.CreateVersion7(),
                MessageType = TypeName(type),
                Payload = JsonSerializer.Serialize(integrationEvent, type, Json),
            },
            transaction,
            cancellationToken: cancellationToken));
        await AccessReplica.ApplyAsync(transaction, integrationEvent, cancellationToken);
    }

    internal static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
