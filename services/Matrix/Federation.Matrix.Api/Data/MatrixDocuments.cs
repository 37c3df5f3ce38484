using Microsoft.Extensions.Caching.Memory;

namespace Federation.Matrix.Data;

/// <summary>A scope's materialised matrix: today's figures as the API answers them (UTF-8 JSON) and their ETag.</summary>
public sealed class MatrixDocument
{
    public Guid ScopeId { get; init; }
    public string ScopeKind { get; init; } = "";
    public DateOnly Day { get; init; }
    public string CycleId { get; init; } = "";
    public byte[] Figures { get; init; } = [];
    public string Etag { get; init; } = "";
}

/// <summary>A change of a scope's matrix, as those following it are told (server-sent events).</summary>
public sealed class CellChangesRow
{
    public long Position { get; init; }
    public string Changes { get; init; } = "";
}

/// <summary>The materialised matrices (Data/Migrations/0005_materialised_matrices.sql): which scopes'
/// facts changed, each scope's matrix as last worked out, and the cells each working-out changed.
/// Today's matrices are also kept in memory, at most <see cref="MemoryLimit"/> bytes of them: every
/// instance forgets a scope's when the NOTIFY on <see cref="CellsChannel"/> says it was worked out
/// anew (<see cref="Forget"/>), and all of them when it may have missed one (<see cref="ForgetAll"/>).</summary>
public sealed class MatrixDocuments(NpgsqlDataSource dataSource) : IDisposable
{
    private const long MemoryLimit = 64 * 1024 * 1024;

    private readonly MemoryCache memory = new(new MemoryCacheOptions { SizeLimit = MemoryLimit });

    /// <summary>Moves on at every forgetting: a matrix read from the database is kept only if none
    /// happened meanwhile (it may be older than the one that caused it).</summary>
    private long forgotten;

    public void Forget(Guid scopeId)
    {
        Interlocked.Increment(ref forgotten);
        memory.Remove(scopeId);
    }

    public void ForgetAll()
    {
        Interlocked.Increment(ref forgotten);
        memory.Clear();
    }

    public void Dispose() => memory.Dispose();

    /// <summary>The channel that tells every instance a scope's matrix was worked out anew (payload: the scope's id).</summary>
    public const string CellsChannel = "matrix_cells";

    /// <summary>Marks for working out again, in the caller's transaction: the cells of <paramref name="schools"/> in every scope they are members of (all of
    /// those scopes' cells when <paramref name="wholeScopes"/>: a school renamed), and the whole
    /// matrices of <paramref name="scopes"/>. <paramref name="since"/>: the first day the change
    /// can alter the schools' figures (null: any day); <paramref name="onlyRoles"/>: the change is to roles alone.</summary>
    public static async Task MarkChangedAsync(
        SqlSession session, Guid[] schools, Guid[] scopes, bool wholeScopes = false, DateOnly? since = null, bool onlyRoles = false)
    {
        if (schools.Length == 0 && scopes.Length == 0)
        {
            return;
        }
        await session.ExecuteAsync(
            """
            insert into matrix_dirty (scope_id, school_id, since, only_roles)
            select scope_id, case when @wholeScopes then null else school_id end, @since::date, @onlyRoles
            from matrix_members where school_id = any(@schools)
            union select unnest(@scopes), null, null, false
            """,
            new { schools, scopes, wholeScopes, since, onlyRoles });
    }

    /// <summary>Marks every scope whose matrix for <paramref name="today"/> is not worked out yet (a new
    /// day, a new installation, a rebuild), unless it is marked already.</summary>
    public Task<int> MarkMissingAsync(DateOnly today, CancellationToken cancellationToken) =>
        dataSource.ExecuteAsync(
            """
            insert into matrix_dirty (scope_id)
            select s.id from matrix_scopes s
            where not exists (select 1 from matrix_documents d where d.scope_id = s.id and d.day = @today)
              and not exists (select 1 from matrix_dirty m where m.scope_id = s.id)
            """,
            new { today }, cancellationToken);

    /// <summary>Up to <paramref name="limit"/> scopes marked changed, the longest waiting first.</summary>
    public Task<List<Guid>> ChangedScopesAsync(int limit, CancellationToken cancellationToken) =>
        dataSource.QueryAsync<Guid>(
            "select scope_id from matrix_dirty group by scope_id order by min(id) limit @limit", new { limit }, cancellationToken);

    /// <summary>The scope's matrix for <paramref name="today"/>, when it is worked out: from memory, or read and kept.</summary>
    public async Task<MatrixDocument?> TodaysAsync(Guid scopeId, DateOnly today, CancellationToken cancellationToken)
    {
        if (memory.TryGetValue(scopeId, out MatrixDocument? kept) && kept!.Day == today)
        {
            return kept;
        }
        var before = Interlocked.Read(ref forgotten);
        var document = await dataSource.SingleOrDefaultAsync<MatrixDocument>(
            "select scope_id, scope_kind, day, cycle_id, figures, etag from matrix_documents where scope_id = @scopeId and day = @today",
            new { scopeId, today }, cancellationToken);
        if (document is not null && Interlocked.Read(ref forgotten) == before)
        {
            memory.Set(scopeId, document, new MemoryCacheEntryOptions { Size = document.Figures.Length });
        }
        return document;
    }

    /// <summary>The changes of the scope's matrix after <paramref name="after"/> (a position), oldest first.</summary>
    public Task<List<CellChangesRow>> ChangesAfterAsync(Guid scopeId, long after, CancellationToken cancellationToken) =>
        dataSource.QueryAsync<CellChangesRow>(
            """
            select position, changes::text as changes from matrix_cell_changes
            where scope_id = @scopeId and position > @after order by position limit 100
            """,
            new { scopeId, after }, cancellationToken);

    /// <summary>The position of the scope's newest change (0: none kept).</summary>
    public Task<long> LastPositionAsync(Guid scopeId, CancellationToken cancellationToken) =>
        dataSource.SingleAsync<long>(
            "select coalesce(max(position), 0) from matrix_cell_changes where scope_id = @scopeId", new { scopeId }, cancellationToken);

    /// <summary>Deletes the changes kept longer than <paramref name="retention"/>.</summary>
    public Task<int> DeleteOldChangesAsync(TimeSpan retention, CancellationToken cancellationToken) =>
        dataSource.ExecuteAsync("delete from matrix_cell_changes where changed_at < now() - @retention", new { retention }, cancellationToken);
}
