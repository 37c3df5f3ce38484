using Federation.Contracts.Exchanges;
using Federation.Contracts.Observations;
using Federation.Contracts.Schools;
using Federation.Contracts.Staff;
using Federation.Matrix.Data;
using MassTransit;

namespace Federation.Matrix.Events;

/// <summary>Feeds the matrix's facts (<see cref="MatrixFacts"/>) from the other services' events, each
/// once (the inbox). Facts keep the newest state whatever the order events arrive in, so messages
/// are taken several at a time. Once an event's transaction has committed, the materialiser is told.</summary>
public sealed class MatrixFactsConsumer(NpgsqlDataSource dataSource, MatrixMaterialiser materialiser) :
    IConsumer<SchoolRegistered>, IConsumer<SchoolUpdated>, IConsumer<SchoolsImported>, IConsumer<FederationFormed>, IConsumer<SchoolJoinedFederation>,
    IConsumer<SchoolLeftFederation>, IConsumer<ClusterFormed>, IConsumer<ClusterUpdated>, IConsumer<SchoolJoinedCluster>,
    IConsumer<SchoolLeftCluster>, IConsumer<RoleAssigned>, IConsumer<RoleEnded>, IConsumer<StaffDeploymentRequested>,
    IConsumer<StaffDeploymentAgreed>, IConsumer<StaffDeploymentDeclined>, IConsumer<StaffDeploymentCancelled>, IConsumer<CrossSchoolObservationProposed>,
    IConsumer<ObservationScheduled>, IConsumer<ObservationCompleted>, IConsumer<ObservationCancelled>, IConsumer<SupportFollowUpOpened>,
    IConsumer<SupportFollowUpClosed>, IConsumer<ExchangeVisitRequested>, IConsumer<ExchangeVisitApproved>, IConsumer<ExchangeVisitConfirmed>,
    IConsumer<ExchangeVisitDeclined>, IConsumer<ExchangeVisitCancelled>, IConsumer<ExchangeVisitCompleted>, IConsumer<ExchangeReflectionSubmitted>,
    IConsumer<PersonRegistered>, IConsumer<PersonUpdated>, IConsumer<SchoolYearSet>, IConsumer<SchoolYearCleared>
{
    public Task Consume(ConsumeContext<PersonRegistered> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<PersonUpdated> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<SchoolYearSet> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<SchoolYearCleared> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<SchoolRegistered> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<SchoolUpdated> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<SchoolsImported> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<FederationFormed> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<SchoolJoinedFederation> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<SchoolLeftFederation> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ClusterFormed> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ClusterUpdated> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<SchoolJoinedCluster> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<SchoolLeftCluster> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<RoleAssigned> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<RoleEnded> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<StaffDeploymentRequested> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<StaffDeploymentAgreed> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<StaffDeploymentDeclined> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<StaffDeploymentCancelled> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<CrossSchoolObservationProposed> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ObservationScheduled> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ObservationCompleted> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ObservationCancelled> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<SupportFollowUpOpened> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<SupportFollowUpClosed> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ExchangeVisitRequested> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ExchangeVisitApproved> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ExchangeVisitConfirmed> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ExchangeVisitDeclined> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ExchangeVisitCancelled> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ExchangeVisitCompleted> context) => ApplyAsync(context, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ExchangeReflectionSubmitted> context) => ApplyAsync(context, context.Message.OccurredAt);

    private async Task ApplyAsync<T>(ConsumeContext<T> context, DateTimeOffset occurredAt) where T : class
    {
        await Inbox.ReceiveOnceAsync(dataSource, context, nameof(MatrixFactsConsumer), session => MatrixFacts.ApplyAsync(session, context.Message));
        materialiser.Applied(MatrixFacts.SourceOf(context.Message), occurredAt);
    }
}
