using System.Text.Json;
using Federation.Matrix.Api;
using Federation.Matrix.Data;

namespace Federation.Matrix.Events;

/// <summary>Works out again the matrices whose facts changed (marked by the transaction that applied
/// the event: <see cref="MatrixDocuments.MarkChangedAsync(SqlSession, Guid[], Guid[], bool)"/>), for today's
/// cycle, and stores each as the JSON the API answers, with the cells that changed for those
/// following it. Woken in this process once such a transaction has committed (<see cref="Applied"/>,
/// <see cref="Wake"/>), and every second regardless (marks another instance's consumer made, a wake
/// lost to a failure); each round first writes the sources' times noted since the last
/// (<see cref="MatrixSources"/>). Once a minute it marks the scopes with no matrix for today (a new
/// day, a new installation, a rebuild).
///
/// Several instances may run it: a scope is worked out under a transaction-scoped advisory lock,
/// and its marks are deleted before its facts are read, so an event applied meanwhile marks it
/// again and is never lost. (No NOTIFY from the consumers' transactions: PostgreSQL serialises the
/// commits of every transaction that notifies.)</summary>
public sealed class MatrixMaterialiser(
    NpgsqlDataSource dataSource, MatrixDocuments documents, MatrixStore store, MatrixBuilder builder, MatrixSources sources, TimeProvider clock,
    ILogger<MatrixMaterialiser> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ChangesKept = TimeSpan.FromDays(1);

    private readonly SemaphoreSlim woken = new(0, 1);

    /// <summary>Notes that an event of <paramref name="service"/> was applied (its transaction has
    /// committed) and wakes the materialiser.</summary>
    public void Applied(string service, DateTimeOffset occurredAt)
    {
        sources.Applied(service, occurredAt, clock.GetUtcNow());
        Wake();
    }

    /// <summary>Starts a round now, or as soon as the one under way ends.</summary>
    public void Wake()
    {
        try
        {
            woken.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: the next round sees every mark made so far.
        }
    }

    /// <summary>Marks the scope for working out again (its matrix for today is missing) and wakes the materialiser.</summary>
    public async Task MarkChangedAsync(Guid scopeId, CancellationToken cancellationToken)
    {
        await dataSource.InTransactionAsync(async session =>
        {
            await MatrixDocuments.MarkChangedAsync(session, [], [scopeId]);
            return true;
        }, cancellationToken);
        Wake();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? lastSweep = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (lastSweep is null || clock.GetElapsedTime(lastSweep.Value) >= SweepInterval)
                {
                    await documents.MarkMissingAsync(clock.Today(), stoppingToken);
                    await documents.DeleteOldChangesAsync(ChangesKept, stoppingToken);
                    lastSweep = clock.GetTimestamp();
                }
                await sources.FlushAsync(stoppingToken);
                while (await MaterialiseChangedAsync(stoppingToken))
                {
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Working out the changed matrices failed; trying again in {PollInterval}", PollInterval);
            }
            await ((Task)woken.WaitAsync(PollInterval, stoppingToken)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Works out the scopes marked changed; true when it worked out any (there may be more).</summary>
    private async Task<bool> MaterialiseChangedAsync(CancellationToken cancellationToken)
    {
        var any = false;
        foreach (var scopeId in await documents.ChangedScopesAsync(50, cancellationToken))
        {
            any |= await MaterialiseAsync(scopeId, cancellationToken: cancellationToken);
        }
        return any;
    }

    /// <summary>Works out one scope's matrix for today now, waiting for another instance at it to
    /// finish first: a write that changes a matrix (a setting, an adoption) answers once its
    /// author will read the change.</summary>
    public Task MaterialiseNowAsync(Guid scopeId, CancellationToken cancellationToken) => MaterialiseAsync(scopeId, true, cancellationToken);

    /// <summary>Works out one scope's matrix for today when it is marked changed (or
    /// <paramref name="wait"/>); without waiting, it leaves a scope another instance is at.</summary>
    private Task<bool> MaterialiseAsync(Guid scopeId, bool wait = false, CancellationToken cancellationToken = default) =>
        dataSource.InTransactionAsync(async session =>
        {
            var locked = await session.SingleAsync<bool>(
                wait
                    ? "select true from pg_advisory_xact_lock(hashtextextended('matrix:' || @scopeId, 0))"
                    : "select pg_try_advisory_xact_lock(hashtextextended('matrix:' || @scopeId, 0))",
                new { scopeId });
            var marks = locked
                ? await session.QueryAsync<Guid?>("delete from matrix_dirty where scope_id = @scopeId returning school_id", new { scopeId })
                : [];
            if (!locked || (marks.Count == 0 && !wait))
            {
                return false;
            }
            if (await store.ScopeAsync(scopeId, cancellationToken) is not { } scope)
            {
                return true;
            }
            var today = clock.Today();
            var before = await session.SingleOrDefaultAsync<MatrixDocument>(
                "select scope_id, scope_kind, day, cycle_id, figures, etag from matrix_documents where scope_id = @scopeId for update", new { scopeId });
            var earlier = before is null ? null : MatrixFigures.FromJson(before.Figures);
            // Only the marked schools' cells when nothing else can have changed: today's matrix is
            // there, and no mark is for the whole scope (a membership, a setting, a calendar).
            MatrixFigures figures;
            if (earlier is not null && before!.Day == today && marks.Count > 0 && marks.All(school => school is not null))
            {
                figures = await builder.PatchAsync(scope, earlier, marks.Select(school => school!.Value), today, cancellationToken);
            }
            else
            {
                var (cycle, previous) = await builder.CyclesAsync(scope, null, today, cancellationToken);
                figures = await builder.FiguresAsync(scope, cycle, previous, today, cancellationToken);
            }
            var json = figures.ToJson();
            var etag = MatrixFigures.TagOf(json);
            if (before?.Etag == etag && before.Day == today)
            {
                return true;
            }
            await session.ExecuteAsync(
                """
                insert into matrix_documents (scope_id, scope_kind, day, cycle_id, figures, etag) values (@Id, @Kind, @today, @cycleId, @json, @etag)
                on conflict (scope_id) do update set scope_kind = excluded.scope_kind, day = excluded.day, cycle_id = excluded.cycle_id,
                    figures = excluded.figures, etag = excluded.etag, computed_at = now()
                """,
                new { scope.Id, scope.Kind, today, cycleId = figures.Cycle.Id, json, etag });
            if (before?.Etag != etag)
            {
                var changes = MatrixChanges.Between(earlier, figures, etag);
                await session.ExecuteAsync(
                    $"""
                    insert into matrix_cell_changes (scope_id, changes, changed_at) values (@Id, @changes::jsonb, clock_timestamp());
                    select pg_notify('{MatrixDocuments.CellsChannel}', @Id::text)
                    """,
                    new { scope.Id, changes = JsonSerializer.Serialize(changes, ScopeSettingsStore.Json) });
            }
            return true;
        }, cancellationToken);
}
