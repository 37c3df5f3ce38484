using System.Data;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Federation.BuildingBlocks.Data;

/// <summary>PostgreSQL LISTEN/NOTIFY for background services that wake on a channel: one
/// connection listens while <c>listening</c> runs; when the connection or the work fails, it is
/// logged and everything starts again after <c>retryDelay</c>, until the service stops.</summary>
public static class Notifications
{
    /// <param name="listening">Runs while the connection listens, until it returns or throws; it waits
    /// on the connection (<see cref="NpgsqlConnection.WaitAsync(TimeSpan, CancellationToken)"/>) between turns.</param>
    /// <param name="onNotification">Called with each notification's payload (on Npgsql's thread: keep it short).</param>
    public static async Task ListenAsync(
        this NpgsqlDataSource dataSource, string channel, Func<NpgsqlConnection, CancellationToken, Task> listening, ILogger logger,
        TimeSpan retryDelay, CancellationToken stoppingToken, Action<string>? onNotification = null)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                if (onNotification is not null)
                {
                    listener.Notification += (_, notification) => onNotification(notification.Payload);
                }
                await listener.ExecuteAsync($"listen {channel}");
                try
                {
                    await listening(listener, stoppingToken);
                }
                finally
                {
                    // Pooled connections keep their session state (No Reset On Close): the next
                    // user of this one must not be listening.
                    if (listener.State == ConnectionState.Open)
                    {
                        await listener.ExecuteAsync("unlisten *");
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Listening on {Channel} paused; retrying in {RetryDelay}", channel, retryDelay);
                await Task.Delay(retryDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
