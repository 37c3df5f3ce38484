using Federation.Contracts.Platform;
using Federation.Observations.Data;

namespace Federation.Observations.Events;

/// <summary>For a read model rebuilt from its sources (<see cref="ReplicaRefreshRequested.IncludeRecords"/>:
/// the matrix's rebuild), publishes every observation and support follow-up again as the event
/// that left it in its state, through the outbox, in order with the service's other events. The
/// observers' notes are in no event.</summary>
public sealed class ReplicaRefreshConsumer(NpgsqlDataSource dataSource) : InboxConsumer<ReplicaRefreshRequested>(dataSource)
{
    protected override async Task HandleAsync(ReplicaRefreshRequested message, SqlSession session)
    {
        if (!message.IncludeRecords)
        {
            return;
        }
        var observations = await session.QueryAsync<ObservationRow>($"{ObservationStore.Select} order by o.id");
        var followUps = await session.QueryAsync<SupportFollowUpRow>($"{SupportFollowUpStore.Select} order by f.id");
        foreach (var integrationEvent in observations.Select(observation => observation.ToStateEvent()).Concat(followUps.Select(followUp => followUp.ToStateEvent())))
        {
            await Outbox.AddAndApplyToReplicaAsync(session, integrationEvent);
        }
    }
}
