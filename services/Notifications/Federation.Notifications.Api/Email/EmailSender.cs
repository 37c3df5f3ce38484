using Federation.Notifications.Data;

namespace Federation.Notifications.Email;

/// <summary>Sends the emails the consumer wrote (the notifications table, an outbox of emails):
/// woken by NOTIFY when emails are added, else every PollInterval. Each email is locked while it
/// is sent (FOR UPDATE SKIP LOCKED, so several replicas never send one twice) and marked sent in
/// the same transaction; one the server refuses, or cannot be reached for, is tried again later,
/// waiting longer each time, never dropped.</summary>
public sealed class EmailSender(NpgsqlDataSource dataSource, Mailer mailer, EmailSettings settings, ILogger<EmailSender> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        dataSource.ListenAsync(NotificationStore.Channel, async (listener, cancellationToken) =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                while (await SendNextAsync(cancellationToken))
                {
                }
                await listener.WaitAsync(settings.PollInterval, cancellationToken);
            }
        }, logger, TimeSpan.FromSeconds(5), stoppingToken);

    /// <summary>Sends the next due email; false when there is none, or when sending failed (the
    /// server is likely down: the others wait for the next turn rather than fail one by one now).</summary>
    private Task<bool> SendNextAsync(CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            if (await NotificationStore.NextDueAsync(session) is not { } email)
            {
                return false;
            }
            try
            {
                await mailer.SendAsync(email, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                var wait = RetryDelay(email.Attempts);
                logger.LogWarning(exception, "Email {EmailId} to {To} not sent (attempt {Attempt}); trying again in {Wait}",
                    email.Id, email.ToEmail, email.Attempts + 1, wait);
                await NotificationStore.MarkFailedAsync(session, email.Id, exception.Message, wait);
                return false;
            }
            await NotificationStore.MarkSentAsync(session, email.Id);
            return true;
        }, cancellationToken);

    private TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(attempts, 20)), settings.MaxRetryDelay.TotalSeconds));
}
