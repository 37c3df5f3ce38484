using System.Text.Json;
using System.Text.Json.Serialization;
using Federation.Contracts.Matrix;

namespace Federation.Matrix.Data;

/// <summary>A scope's thresholds, and its closed cycles' frozen matrices.</summary>
public sealed class ScopeSettingsStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>As the API writes JSON (camelCase, enums by name), so a frozen matrix reads back as it was answered.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public async Task<MatrixThresholds> ThresholdsAsync(Guid scopeId, CancellationToken cancellationToken) =>
        (await ThresholdsAsync([scopeId], cancellationToken))[scopeId];

    /// <summary>Each scope's thresholds (the defaults where none are set).</summary>
    public async Task<Dictionary<Guid, MatrixThresholds>> ThresholdsAsync(Guid[] scopeIds, CancellationToken cancellationToken)
    {
        var set = (await dataSource.QueryAsync<ThresholdsRow>(
            "select scope_id, observed_green, observed_amber from matrix_settings where scope_id = any(@scopeIds)", new { scopeIds }, cancellationToken))
            .ToDictionary(row => row.ScopeId, row => new MatrixThresholds(row.ObservedGreen, row.ObservedAmber));
        return scopeIds.Distinct().ToDictionary(id => id, id => set.GetValueOrDefault(id) ?? MatrixThresholds.Default);
    }

    private sealed class ThresholdsRow
    {
        public Guid ScopeId { get; init; }
        public decimal ObservedGreen { get; init; }
        public decimal ObservedAmber { get; init; }
    }

    /// <summary>Sets the scope's thresholds, and marks its matrix for working out again.</summary>
    public Task SetThresholdsAsync(Guid scopeId, MatrixThresholds thresholds, string updatedBy, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await MatrixDocuments.MarkChangedAsync(session, [], [scopeId]);
            return await session.ExecuteAsync(
                """
                insert into matrix_settings (scope_id, observed_green, observed_amber, updated_by) values (@scopeId, @ObservedGreen, @ObservedAmber, @updatedBy)
                on conflict (scope_id) do update set observed_green = excluded.observed_green, observed_amber = excluded.observed_amber,
                    updated_by = excluded.updated_by, updated_at = now()
                """,
                new { scopeId, thresholds.ObservedGreen, thresholds.ObservedAmber, updatedBy });
        }, cancellationToken);

    /// <summary>The frozen matrix of a closed cycle, or null while it is open.</summary>
    public async Task<T?> ClosedAsync<T>(Guid scopeId, string cycleId, CancellationToken cancellationToken) where T : class =>
        await dataSource.SingleOrDefaultAsync<string>(
            "select matrix::text from matrix_closed_cycles where scope_id = @scopeId and cycle_id = @cycleId", new { scopeId, cycleId }, cancellationToken)
            is { } frozen ? JsonSerializer.Deserialize<T>(frozen, Json) : null;

    /// <summary>Freezes <paramref name="matrix"/> as the cycle's and publishes it; false when the cycle was closed already.</summary>
    public Task<bool> CloseAsync<T>(
        Guid scopeId, string scopeKind, string cycleId, DateOnly startsOn, DateOnly endsOn, T matrix, string closedBy, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            var closed = await session.ExecuteAsync(
                """
                insert into matrix_closed_cycles (scope_id, cycle_id, closed_by, matrix) values (@scopeId, @cycleId, @closedBy, @matrix::jsonb)
                on conflict do nothing
                """,
                new { scopeId, cycleId, closedBy, matrix = JsonSerializer.Serialize(matrix, Json) }) == 1;
            if (closed)
            {
                await Outbox.AddAndApplyToReplicaAsync(session, new MatrixCycleClosed(scopeId, scopeKind, cycleId, startsOn, endsOn, clock.GetUtcNow()));
            }
            return closed;
        }, cancellationToken);
}
