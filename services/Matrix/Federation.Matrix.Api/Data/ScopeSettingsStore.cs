using System.Text.Json;
using System.Text.Json.Serialization;
using Federation.Contracts.Matrix;

namespace Federation.Matrix.Data;

/// <summary>A scope's settings: the thresholds behind its colours and its cycle calendar.</summary>
/// <param name="CycleWeeks">Null: the cycles are the half-terms of the scope's calendar; else cycles of
/// this many weeks of teaching from the start of each term (<see cref="CycleCalendar"/>).</param>
public sealed record MatrixSettings(decimal ObservedGreen, decimal ObservedAmber, int? CycleWeeks)
{
    public MatrixThresholds Thresholds => new(ObservedGreen, ObservedAmber);

    public static readonly MatrixSettings Default = new(MatrixThresholds.Default.ObservedGreen, MatrixThresholds.Default.ObservedAmber, null);
}

/// <summary>A scope's settings, and its closed cycles' frozen matrices.</summary>
public sealed class ScopeSettingsStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>As the API writes JSON (camelCase, enums by name), so a frozen matrix reads back as it was answered.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public async Task<MatrixSettings> SettingsAsync(Guid scopeId, CancellationToken cancellationToken) =>
        (await SettingsAsync([scopeId], cancellationToken))[scopeId];

    /// <summary>Each scope's settings (the defaults where none are set).</summary>
    public async Task<Dictionary<Guid, MatrixSettings>> SettingsAsync(Guid[] scopeIds, CancellationToken cancellationToken)
    {
        var set = (await dataSource.QueryAsync<SettingsRow>(
            "select scope_id, observed_green, observed_amber, cycle_weeks from matrix_settings where scope_id = any(@scopeIds)",
            new { scopeIds }, cancellationToken))
            .ToDictionary(row => row.ScopeId, row => new MatrixSettings(row.ObservedGreen, row.ObservedAmber, row.CycleWeeks));
        return scopeIds.Distinct().ToDictionary(id => id, id => set.GetValueOrDefault(id) ?? MatrixSettings.Default);
    }

    private sealed class SettingsRow
    {
        public Guid ScopeId { get; init; }
        public decimal ObservedGreen { get; init; }
        public decimal ObservedAmber { get; init; }
        public int? CycleWeeks { get; init; }
    }

    /// <summary>Sets the scope's settings, and marks its matrix for working out again.</summary>
    public Task SetAsync(Guid scopeId, MatrixSettings settings, string updatedBy, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await MatrixDocuments.MarkChangedAsync(session, [], [scopeId]);
            return await session.ExecuteAsync(
                """
                insert into matrix_settings (scope_id, observed_green, observed_amber, cycle_weeks, updated_by)
                values (@scopeId, @ObservedGreen, @ObservedAmber, @CycleWeeks, @updatedBy)
                on conflict (scope_id) do update set observed_green = excluded.observed_green, observed_amber = excluded.observed_amber,
                    cycle_weeks = excluded.cycle_weeks, updated_by = excluded.updated_by, updated_at = now()
                """,
                new { scopeId, settings.ObservedGreen, settings.ObservedAmber, settings.CycleWeeks, updatedBy });
        }, cancellationToken);

    /// <summary>The targets set for each cycle of the scopes of <paramref name="scopeIds"/>, by scope and cycle.</summary>
    public async Task<Dictionary<(Guid ScopeId, string CycleId), MatrixThresholds>> TargetsAsync(Guid[] scopeIds, CancellationToken cancellationToken) =>
        (await dataSource.QueryAsync<TargetsRow>(
            "select scope_id, cycle_id, observed_green, observed_amber from matrix_cycle_targets where scope_id = any(@scopeIds)",
            new { scopeIds }, cancellationToken))
        .ToDictionary(row => (row.ScopeId, row.CycleId), row => new MatrixThresholds(row.ObservedGreen, row.ObservedAmber));

    /// <summary>The targets set for the scope's cycle, or null.</summary>
    public async Task<MatrixThresholds?> TargetsAsync(Guid scopeId, string cycleId, CancellationToken cancellationToken) =>
        (await TargetsAsync([scopeId], cancellationToken)).GetValueOrDefault((scopeId, cycleId));

    /// <summary>Sets the targets of the scope's cycle, and marks its matrix for working out again.</summary>
    public Task SetTargetsAsync(Guid scopeId, string cycleId, MatrixThresholds targets, string setBy, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            await MatrixDocuments.MarkChangedAsync(session, [], [scopeId]);
            return await session.ExecuteAsync(
                """
                insert into matrix_cycle_targets (scope_id, cycle_id, observed_green, observed_amber, set_by)
                values (@scopeId, @cycleId, @ObservedGreen, @ObservedAmber, @setBy)
                on conflict (scope_id, cycle_id) do update set observed_green = excluded.observed_green, observed_amber = excluded.observed_amber,
                    set_by = excluded.set_by, set_at = now()
                """,
                new { scopeId, cycleId, targets.ObservedGreen, targets.ObservedAmber, setBy });
        }, cancellationToken);

    private sealed class TargetsRow
    {
        public Guid ScopeId { get; init; }
        public string CycleId { get; init; } = "";
        public decimal ObservedGreen { get; init; }
        public decimal ObservedAmber { get; init; }
    }

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
