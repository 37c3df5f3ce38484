using System.Text.Json;
using Federation.Matrix.Api;
using Federation.Matrix.Data;

namespace Federation.Matrix.Events;

/// <summary>Works out again the matrices whose facts changed (marked by the transaction that applied
/// the event: <see cref="MatrixDocuments.MarkChangedAsync(SqlSession, Guid[], Guid[], bool, DateOnly?, bool)"/>), for today's
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

    /// <summary>Works out up to 50 scopes marked changed, together; true when there were any (there may be more).</summary>
    private async Task<bool> MaterialiseChangedAsync(CancellationToken cancellationToken)
    {
        var scopeIds = await documents.ChangedScopesAsync(50, cancellationToken);
        if (scopeIds.Count == 0)
        {
            return false;
        }
        await MaterialiseAsync([.. scopeIds], wait: false, cancellationToken);
        return true;
    }

    /// <summary>Works out one scope's matrix for today now, waiting for another instance at it to
    /// finish first: a write that changes a matrix (a setting, an adoption) answers once its
    /// author will read the change.</summary>
    public Task MaterialiseNowAsync(Guid scopeId, CancellationToken cancellationToken) => MaterialiseAsync([scopeId], wait: true, cancellationToken);

    /// <summary>Works out today's matrices of the scopes marked changed among <paramref name="scopeIds"/>
    /// (all of them when <paramref name="wait"/>, then one scope), in one transaction and one
    /// <see cref="MatrixRound"/>: only the marked schools' cells where nothing else can have changed
    /// (today's matrix is stored, and no mark is for the whole scope: a membership, a setting, a
    /// calendar). Without waiting, it leaves the scopes another instance is at.</summary>
    private Task MaterialiseAsync(Guid[] scopeIds, bool wait, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            var started = clock.GetTimestamp();
            var locked = (await session.QueryAsync<Guid>(
                wait
                    ? "select id from unnest(@scopeIds) as id, pg_advisory_xact_lock(hashtextextended('matrix:' || id, 0))"
                    : "select id from unnest(@scopeIds) as id where pg_try_advisory_xact_lock(hashtextextended('matrix:' || id, 0))",
                new { scopeIds })).ToArray();
            var marks = (await session.QueryAsync<MarkRow>(
                "delete from matrix_dirty where scope_id = any(@locked) returning scope_id, school_id, since, only_roles", new { locked }))
                .ToLookup(mark => mark.ScopeId);
            var marked = wait ? locked : [.. locked.Where(marks.Contains)];
            if (marked.Length == 0)
            {
                return false;
            }
            var scopes = await store.ScopesAsync(marked, cancellationToken);
            var stored = (await session.QueryAsync<MatrixDocument>(
                "select scope_id, scope_kind, day, cycle_id, figures, etag from matrix_documents where scope_id = any(@marked) for update", new { marked }))
                .ToDictionary(document => document.ScopeId);
            var earlier = stored.Values.ToDictionary(document => document.ScopeId, document => MatrixFigures.FromJson(document.Figures));
            var today = clock.Today();
            var round = builder.NewRound();
            var (patches, whole) = (new List<MatrixBuilder.Patch>(), new List<ScopeRow>());
            foreach (var scope in scopes)
            {
                var scopeMarks = marks[scope.Id].ToList();
                if (stored.TryGetValue(scope.Id, out var before) && before.Day == today && scopeMarks.Count > 0
                    && scopeMarks.All(mark => mark.SchoolId is not null))
                {
                    // Each school from the first day any of its marks can change (null: any day), and whether all are of roles.
                    var schools = scopeMarks.GroupBy(mark => mark.SchoolId!.Value).ToDictionary(school => school.Key, school =>
                        new MatrixBuilder.SchoolChanges(
                            school.Any(mark => mark.Since is null) ? null : school.Min(mark => mark.Since), school.All(mark => mark.OnlyRoles)));
                    patches.Add(new MatrixBuilder.Patch(scope, earlier[scope.Id], schools));
                }
                else
                {
                    whole.Add(scope);
                }
            }
            var worked = (await builder.PatchAsync(patches, today, round, cancellationToken)).Select((figures, i) => (patches[i].Scope, Figures: figures)).ToList();
            foreach (var scope in whole)
            {
                var (cycle, previous) = (await builder.CyclesAsync(scope, null, today, cancellationToken))!.Value;
                worked.Add((scope, await builder.FiguresAsync(scope, cycle, previous, today, cancellationToken, round)));
            }
            await StoreAsync(session, worked, stored, earlier, today);
            logger.LogDebug("Worked out {Scopes} scopes ({Patched} patched) for {Marks} marks in {Elapsed:F0} ms",
                worked.Count, patches.Count, marks.Sum(scope => scope.Count()), clock.GetElapsedTime(started).TotalMilliseconds);
            return true;
        }, cancellationToken);

    /// <summary>Stores the matrices worked out whose figures (or day) changed, and for those whose
    /// figures changed, the cells that did, telling every instance (NOTIFY, once the transaction commits).</summary>
    private static async Task StoreAsync(
        SqlSession session, List<(ScopeRow Scope, MatrixFigures Figures)> worked, Dictionary<Guid, MatrixDocument> stored,
        Dictionary<Guid, MatrixFigures> earlier, DateOnly today)
    {
        var documents = new List<(ScopeRow Scope, MatrixFigures Figures, byte[] Json, string Etag)>();
        var changes = new List<(Guid ScopeId, string Changes)>();
        foreach (var (scope, figures) in worked)
        {
            var json = figures.ToJson();
            var etag = MatrixFigures.TagOf(json);
            var before = stored.GetValueOrDefault(scope.Id);
            if (before?.Etag == etag && before.Day == today)
            {
                continue;
            }
            documents.Add((scope, figures, json, etag));
            if (before?.Etag != etag)
            {
                changes.Add((scope.Id, JsonSerializer.Serialize(MatrixChanges.Between(earlier.GetValueOrDefault(scope.Id), figures, etag), ScopeSettingsStore.Json)));
            }
        }
        if (documents.Count == 0)
        {
            return;
        }
        await session.ExecuteAsync(
            """
            insert into matrix_documents (scope_id, scope_kind, day, cycle_id, figures, etag)
            select id, kind, @today, cycle_id, figures, etag from unnest(@ids, @kinds, @cycleIds, @figures, @etags) as d (id, kind, cycle_id, figures, etag)
            on conflict (scope_id) do update set scope_kind = excluded.scope_kind, day = excluded.day, cycle_id = excluded.cycle_id,
                figures = excluded.figures, etag = excluded.etag, computed_at = now()
            """,
            new
            {
                today,
                ids = documents.Select(document => document.Scope.Id).ToArray(),
                kinds = documents.Select(document => document.Scope.Kind).ToArray(),
                cycleIds = documents.Select(document => document.Figures.Cycle.Id).ToArray(),
                figures = documents.Select(document => document.Json).ToArray(),
                etags = documents.Select(document => document.Etag).ToArray(),
            });
        if (changes.Count > 0)
        {
            await session.ExecuteAsync(
                $"""
                insert into matrix_cell_changes (scope_id, changes, changed_at)
                select id, changes::jsonb, clock_timestamp() from unnest(@ids, @changes) with ordinality as c (id, changes, n) order by n;
                select pg_notify('{MatrixDocuments.CellsChannel}', id::text) from unnest(@ids) as id
                """,
                new { ids = changes.Select(change => change.ScopeId).ToArray(), changes = changes.Select(change => change.Changes).ToArray() });
        }
    }

    /// <summary>A scope marked changed: for one school's cells from a day (or any day), perhaps of its roles alone; or the whole scope.</summary>
    private sealed class MarkRow
    {
        public Guid ScopeId { get; init; }
        public Guid? SchoolId { get; init; }
        public DateOnly? Since { get; init; }

        public bool OnlyRoles { get; init; }
    }
}
