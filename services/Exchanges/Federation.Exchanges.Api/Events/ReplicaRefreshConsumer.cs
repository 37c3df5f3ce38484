using Federation.Contracts.Platform;
using Federation.Exchanges.Data;

namespace Federation.Exchanges.Events;

/// <summary>For a read model rebuilt from its sources (<see cref="ReplicaRefreshRequested.IncludeRecords"/>:
/// the matrix's rebuild), publishes every exchange visit again as the event that left it in its
/// state, through the outbox, in order with the service's other events. Reflections' text is in no event.</summary>
public sealed class ReplicaRefreshConsumer(NpgsqlDataSource dataSource) : InboxConsumer<ReplicaRefreshRequested>(dataSource)
{
    protected override async Task HandleAsync(ReplicaRefreshRequested message, SqlSession session)
    {
        if (!message.IncludeRecords)
        {
            return;
        }
        var visits = await session.QueryAsync<ExchangeVisitRow>(
            $"{ExchangeVisitStore.Select} order by v.id", new { CallerPersonId = (Guid?)null, ReflectionSchools = Array.Empty<Guid>() });
        foreach (var visit in visits)
        {
            await Outbox.AddAndApplyToReplicaAsync(session, visit.ToStateEvent());
        }
    }
}
