using Federation.Contracts.Exchanges;
using Federation.Contracts.Observations;
using Federation.Contracts.Staff;
using Federation.Notifications.Data;
using Federation.Notifications.Email;
using MassTransit;

namespace Federation.Notifications.Events;

/// <summary>Turns the workflows' events into the emails they owe (<see cref="Notices"/>): the
/// inbox row and the emails commit together, so an event delivered twice is emailed once.</summary>
public sealed class WorkflowEventsConsumer(NpgsqlDataSource dataSource, EmailSettings settings, TimeProvider clock, ILogger<WorkflowEventsConsumer> logger) :
    IConsumer<ExchangeVisitRequested>, IConsumer<ExchangeVisitApproved>, IConsumer<ExchangeVisitConfirmed>, IConsumer<ExchangeVisitDeclined>,
    IConsumer<ExchangeVisitCompleted>, IConsumer<StaffDeploymentRequested>, IConsumer<CrossSchoolObservationProposed>
{
    public Task Consume(ConsumeContext<ExchangeVisitRequested> context) => NotifyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ExchangeVisitApproved> context) => NotifyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ExchangeVisitConfirmed> context) => NotifyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ExchangeVisitDeclined> context) => NotifyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ExchangeVisitCompleted> context) => NotifyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<StaffDeploymentRequested> context) => NotifyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<CrossSchoolObservationProposed> context) => NotifyAsync(context, context.Message.OccurredAt);

    private async Task NotifyAsync<T>(ConsumeContext<T> context, DateTimeOffset occurredAt) where T : class
    {
        if (Notices.For(context.Message) is not { } notice)
        {
            return;
        }
        // A step long past is news to nobody: such events come again when the services publish
        // their records for a rebuild of the matrix, and nobody is to be told today of a request
        // made months ago.
        if (clock.GetUtcNow() - occurredAt > settings.MaxEventAge)
        {
            logger.LogDebug("{Kind} about {SubjectId} happened at {OccurredAt}: too long ago to email", notice.Kind, notice.SubjectId, occurredAt);
            return;
        }
        await WaitForReplicaAsync(notice, context.CancellationToken);
        await Inbox.ReceiveOnceAsync(dataSource, context, nameof(WorkflowEventsConsumer), async session =>
        {
            var added = await NotificationStore.AddAsync(session, context.MessageId!.Value, notice, settings.WebUrl, clock.Today());
            if (added == 0)
            {
                logger.LogDebug("{Kind} about {SubjectId}: nobody to email (no leader there, turned off, or emailed already)", notice.Kind, notice.SubjectId);
            }
        });
    }

    /// <summary>A workflow event can overtake the directory and staff events it names: those come on
    /// the access replica's queue, applied one at a time (a region's demo data takes minutes). The
    /// message waits for them here, quietly, up to Notifications:ReplicaWait; past that the store's
    /// <see cref="ReplicaBehindException"/> hands it to the bus's retries and then its _error queue.</summary>
    private async Task WaitForReplicaAsync(Notice notice, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + settings.ReplicaWait;
        while (!await NotificationStore.ReplicaKnowsAsync(dataSource, notice, cancellationToken) && clock.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
