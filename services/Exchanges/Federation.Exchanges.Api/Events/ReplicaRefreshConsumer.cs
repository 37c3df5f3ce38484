using Federation.Exchanges.Data;

namespace Federation.Exchanges.Events;

/// <summary>For the matrix's rebuild: every exchange visit again, as the event that left it in its
/// state. Reflections' text is in no event.</summary>
public sealed class ReplicaRefreshConsumer(NpgsqlDataSource dataSource) : RecordsRefreshConsumer(dataSource)
{
    protected override async Task<IEnumerable<object>> RecordsAsync(SqlSession session) =>
        (await session.QueryAsync<ExchangeVisitRow>(
            $"{ExchangeVisitStore.Select} order by v.id", new { CallerPersonId = (Guid?)null, ReflectionSchools = Array.Empty<Guid>() }))
        .Select(visit => visit.ToStateEvent());
}
