using Federation.BuildingBlocks.Data;
using Federation.Contracts.Platform;
using Npgsql;

namespace Federation.BuildingBlocks.Messaging;

/// <summary>Base for a service's answer to a read model rebuilt from its sources
/// (<see cref="ReplicaRefreshRequested.IncludeRecords"/>: the matrix's rebuild): publishes each of
/// its records again, as <see cref="RecordsAsync"/> gives them (the event that left each in its
/// state), through the outbox, in order with the service's other events. A refresh without
/// records asks nothing of it.</summary>
public abstract class RecordsRefreshConsumer(NpgsqlDataSource dataSource) : InboxConsumer<ReplicaRefreshRequested>(dataSource)
{
    protected override async Task HandleAsync(ReplicaRefreshRequested message, SqlSession session)
    {
        if (!message.IncludeRecords)
        {
            return;
        }
        foreach (var integrationEvent in await RecordsAsync(session))
        {
            await Outbox.AddAndApplyToReplicaAsync(session, integrationEvent);
        }
    }

    /// <summary>Each record's event, read in the refresh's transaction.</summary>
    protected abstract Task<IEnumerable<object>> RecordsAsync(SqlSession session);
}
