using System.Text.Json;
using Dapper;
using Npgsql;

namespace Federation.BuildingBlocks.Messaging;

/// <summary>Writes integration events into the outbox table inside the caller's transaction:
/// the event commits with the change or not at all. OutboxRelay publishes it.</summary>
public static class Outbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task AddAsync(NpgsqlTransaction transaction, object integrationEvent, CancellationToken cancellationToken)
    {
        var type = integrationEvent.GetType();
        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "insert into outbox (id, message_type, payload) values (@Id, @MessageType, @Payload::jsonb)",
            new
            {
                Id = Guid.CreateVersion7(),
                MessageType = TypeName(type),
                Payload = JsonSerializer.Serialize(integrationEvent, type, Json),
            },
            transaction,
            cancellationToken: cancellationToken));
    }

    internal static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
