using Federation.BuildingBlocks.Messaging;
using Federation.Contracts.Platform;
using Federation.Contracts.Schools;
using Federation.Contracts.Staff;
using MassTransit;
using Npgsql;

namespace Federation.BuildingBlocks.Access;

/// <summary>Feeds the access replica in every service. One consumer for all the event types, so
/// that they share one queue and, one at a time, are applied in the order they were published (a
/// school leaving a federation is not overtaken by its joining).</summary>
public sealed class AccessReplicaConsumer(NpgsqlDataSource dataSource) :
    IConsumer<LocalAuthorityRegistered>, IConsumer<SchoolRegistered>, IConsumer<SchoolUpdated>, IConsumer<SchoolsImported>,
    IConsumer<FederationFormed>, IConsumer<SchoolJoinedFederation>, IConsumer<SchoolLeftFederation>,
    IConsumer<ClusterFormed>, IConsumer<ClusterUpdated>, IConsumer<SchoolJoinedCluster>, IConsumer<SchoolLeftCluster>,
    IConsumer<SchoolYearSet>, IConsumer<SchoolYearCleared>,
    IConsumer<PersonRegistered>, IConsumer<PersonUpdated>, IConsumer<PersonSignInBound>, IConsumer<RoleAssigned>, IConsumer<RoleEnded>
{
    public Task Consume(ConsumeContext<LocalAuthorityRegistered> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<SchoolRegistered> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<SchoolUpdated> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<SchoolsImported> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<FederationFormed> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<SchoolJoinedFederation> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<SchoolLeftFederation> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<ClusterFormed> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<ClusterUpdated> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<SchoolJoinedCluster> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<SchoolLeftCluster> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<SchoolYearSet> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<SchoolYearCleared> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<PersonRegistered> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<PersonUpdated> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<PersonSignInBound> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<RoleAssigned> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<RoleEnded> context) => ApplyAsync(context);

    private Task ApplyAsync<T>(ConsumeContext<T> context) where T : class =>
        Inbox.ReceiveOnceAsync(dataSource, context, nameof(AccessReplicaConsumer),
            session => AccessReplica.ApplyAsync(session, context.Message));
}

/// <summary>One message at a time, in order (see <see cref="AccessReplicaConsumer"/>).</summary>
public sealed class AccessReplicaConsumerDefinition : ConsumerDefinition<AccessReplicaConsumer>
{
    public AccessReplicaConsumerDefinition() => ConcurrentMessageLimit = 1;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<AccessReplicaConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.PrefetchCount = 16;
}
