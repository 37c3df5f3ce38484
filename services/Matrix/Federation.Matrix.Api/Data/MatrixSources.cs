using System.Collections.Concurrent;

namespace Federation.Matrix.Data;

/// <summary>When each source service's newest event happened and arrived (<c>matrix_sources</c>, the
/// matrix's <c>asOf</c> and <c>sources</c>). Every applied event counts, but writing one row per source
/// in every event's transaction would make all the consumers queue on that row; so an event is noted
/// here once its transaction has committed, and the materialiser writes what was noted before each of
/// its rounds (<see cref="FlushAsync"/>). The times read therefore never run ahead of the facts.</summary>
public sealed class MatrixSources(NpgsqlDataSource dataSource)
{
    private readonly record struct Arrival(DateTimeOffset LastEventAt, DateTimeOffset ReceivedAt)
    {
        public Arrival Then(Arrival later) =>
            new(later.LastEventAt > LastEventAt ? later.LastEventAt : LastEventAt, later.ReceivedAt > ReceivedAt ? later.ReceivedAt : ReceivedAt);
    }

    private readonly Lock gate = new();
    private Dictionary<string, Arrival> noted = [];

    /// <summary>Notes an event of <paramref name="service"/> applied (its transaction committed).</summary>
    public void Applied(string service, DateTimeOffset occurredAt, DateTimeOffset receivedAt) =>
        Note(service, new Arrival(occurredAt.ToUniversalTime(), receivedAt.ToUniversalTime()));

    private void Note(string service, Arrival arrival)
    {
        lock (gate)
        {
            noted[service] = noted.TryGetValue(service, out var before) ? before.Then(arrival) : arrival;
        }
    }

    /// <summary>Writes what was noted since the last call, in one statement; on failure it is noted again.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, Arrival> taken;
        lock (gate)
        {
            (taken, noted) = (noted, []);
        }
        if (taken.Count == 0)
        {
            return;
        }
        try
        {
            await dataSource.ExecuteAsync(
                """
                insert into matrix_sources (service, last_event_at, last_received_at)
                select * from unnest(@services, @lastEventAts, @receivedAts)
                on conflict (service) do update set last_event_at = greatest(matrix_sources.last_event_at, excluded.last_event_at),
                    last_received_at = greatest(matrix_sources.last_received_at, excluded.last_received_at)
                """,
                new
                {
                    services = taken.Keys.ToArray(),
                    lastEventAts = taken.Values.Select(arrival => arrival.LastEventAt).ToArray(),
                    receivedAts = taken.Values.Select(arrival => arrival.ReceivedAt).ToArray(),
                },
                cancellationToken);
        }
        catch
        {
            foreach (var (service, arrival) in taken)
            {
                Note(service, arrival);
            }
            throw;
        }
    }
}
