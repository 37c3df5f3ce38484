using Federation.Observations.Data;

namespace Federation.Observations.Events;

/// <summary>For the matrix's rebuild: every observation and support follow-up again, as the event
/// that left it in its state. The observers' notes are in no event.</summary>
public sealed class ReplicaRefreshConsumer(NpgsqlDataSource dataSource) : RecordsRefreshConsumer(dataSource)
{
    protected override async Task<IEnumerable<object>> RecordsAsync(SqlSession session)
    {
        var observations = await session.QueryAsync<ObservationRow>($"{ObservationStore.Select} order by o.id");
        var followUps = await session.QueryAsync<SupportFollowUpRow>($"{SupportFollowUpStore.Select} order by f.id");
        return observations.Select(observation => observation.ToStateEvent()).Concat(followUps.Select(followUp => followUp.ToStateEvent()));
    }
}
