using System.Collections.Concurrent;
using Federation.Matrix.Data;

namespace Federation.Matrix.Api;

/// <summary>Wakes the server-sent-event streams following a scope's matrix when it was worked out
/// anew, on whichever instance did it: LISTEN on <see cref="MatrixDocuments.CellsChannel"/>, whose
/// payload is the scope's id. A stream takes <see cref="Next"/> before it reads the changes, so a
/// change stored in between still wakes it. After a lost connection every stream is woken, to
/// read what it may have missed. The same notifications make <see cref="MatrixDocuments"/> forget the
/// matrices it keeps in memory.</summary>
public sealed class MatrixChangeSignals(NpgsqlDataSource dataSource, MatrixDocuments documents, ILogger<MatrixChangeSignals> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> next = new();

    /// <summary>Completes when the scope's matrix next changes.</summary>
    public Task Next(Guid scopeId) =>
        next.GetOrAdd(scopeId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private void Wake(Guid scopeId)
    {
        documents.Forget(scopeId);
        if (next.TryRemove(scopeId, out var signal))
        {
            signal.TrySetResult();
        }
    }

    private void WakeAll()
    {
        foreach (var scopeId in next.Keys)
        {
            Wake(scopeId);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        dataSource.ListenAsync(MatrixDocuments.CellsChannel, async (listener, cancellationToken) =>
        {
            documents.ForgetAll();
            WakeAll();
            while (!cancellationToken.IsCancellationRequested)
            {
                await listener.WaitAsync(cancellationToken);
            }
        }, logger, RetryDelay, stoppingToken, payload =>
        {
            if (Guid.TryParse(payload, out var scopeId))
            {
                Wake(scopeId);
            }
        });
}
