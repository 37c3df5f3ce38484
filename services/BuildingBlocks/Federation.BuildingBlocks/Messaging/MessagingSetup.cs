using System.Collections.Concurrent;
using System.Reflection;
using Federation.BuildingBlocks.Access;
using Federation.BuildingBlocks.Data;
using Federation.BuildingBlocks.Hosting;
using Dapper;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;

namespace Federation.BuildingBlocks.Messaging;

/// <summary>The "Messaging" configuration section.</summary>
public sealed class MessagingSettings
{
    /// <summary>Quorum queues for a RabbitMQ cluster; classic queues (the default) for one node.</summary>
    public bool QuorumQueues { get; init; }

    /// <summary>Redeliveries with exponential backoff before a message goes to its _error queue.</summary>
    public int RetryLimit { get; init; } = 5;

    /// <summary>Prefix of this service's queue names; defaults to the service's name. Tests give
    /// each in-memory instance its own, so that instances do not take each other's messages.</summary>
    public string? QueuePrefix { get; init; }

    /// <summary>Declare the queues, exchanges and bindings, and consume nothing: with the
    /// --DeployOnly=true switch (see ServiceDefaults.RunService).</summary>
    public bool DeployTopologyOnly { get; init; }

    /// <summary>When set, the broker deletes the service's queues once unused this long (x-expires):
    /// tests set it, so that the queues of their throwaway instances do not pile up.</summary>
    public TimeSpan? QueueExpiry { get; init; }

    public OutboxRelaySettings Outbox { get; init; } = new();
}

public static class MessagingSetup
{
    public const string ConnectionStringName = "rabbitmq";

    /// <summary>MassTransit on RabbitMQ (ConnectionStrings:rabbitmq, an amqp:// URI), the
    /// service's consumers and the access replica's, the outbox relay and a broker readiness check.</summary>
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder, string serviceName, Assembly consumersAssembly)
    {
        var brokerUri = new Uri(builder.Configuration.Required($"ConnectionStrings:{ConnectionStringName}"));
        var settings = builder.Configuration.GetSection("Messaging").Get<MessagingSettings>() ?? new MessagingSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Outbox);
        // This service's receive queues, as MassTransit names them: the broker check counts their _error queues.
        var receiveQueues = new ConcurrentQueue<string>();

        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit reports usage to its makers over the internet unless told not to: a
            // platform talks to its own broker and database only.
            bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            // MassTransit's own readiness check ("masstransit-bus": not started, not connected)
            // reports Degraded at worst, as the broker check does: the service takes writes without
            // its broker (they wait in the outbox), so it stays ready, at start-up too.
            bus.ConfigureHealthCheckOptions(options => options.MinimalFailureStatus = HealthStatus.Degraded);
            // Queues are named after the service: staff-access-replica, matrix-..., and so on.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(settings.QueuePrefix ?? serviceName, includeNamespace: false));
            bus.AddConsumers(consumersAssembly);
            bus.AddConsumer<AccessReplicaConsumer, AccessReplicaConsumerDefinition>();
            bus.AddConfigureEndpointsCallback((_, queue, endpoint) =>
            {
                if (endpoint is not IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    return;
                }
                receiveQueues.Enqueue(queue);
                if (settings.QuorumQueues)
                {
                    rabbit.SetQuorumQueue();
                }
                if (settings.QueueExpiry is { } expiry)
                {
                    rabbit.SetQueueArgument("x-expires", (int)expiry.TotalMilliseconds);
                }
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(brokerUri, host => host.PublisherConfirmation = true);
                rabbit.DeployTopologyOnly = settings.DeployTopologyOnly;
                rabbit.UseMessageRetry(retry => retry.Exponential(
                    settings.RetryLimit, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)));
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(
                "broker", _ => new BrokerHealthCheck(brokerUri, receiveQueues), HealthStatus.Degraded, [HostingDefaults.ReadyTag], TimeSpan.FromSeconds(5)))
            // Set aside by the relay after failed attempts: the service serves, and its other events flow.
            .AddRowsToSee("outbox", "select count(*) from outbox where set_aside_at is not null",
                rows => $"{rows} outbox event(s) set aside after failed attempts; see the outbox table's last_error.");
        return builder;
    }

    /// <summary>Degraded, never Unhealthy: the service stays ready (a load balancer keeps sending it
    /// requests) when the broker cannot be reached, since its writes go on and their events wait in
    /// the outbox; and when messages wait in its error queues (events a consumer could not apply
    /// after its retries: the service goes on with the messages after them, and an operator looks
    /// at them, deploy/README.md).</summary>
    private sealed class BrokerHealthCheck(Uri brokerUri, IEnumerable<string> receiveQueues) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            IConnection connection;
            try
            {
                var factory = new ConnectionFactory { Uri = brokerUri, RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
                connection = await factory.CreateConnectionAsync("health-check", cancellationToken);
            }
            catch (Exception exception)
            {
                return HealthCheckResult.Degraded("RabbitMQ is not reachable: events wait in the outbox until it is.", exception);
            }
            await using (connection)
            {
                var waiting = new List<string>();
                foreach (var queue in receiveQueues.Select(name => $"{name}_error"))
                {
                    if (await CountAsync(connection, queue, cancellationToken) is > 0 and var count)
                    {
                        waiting.Add($"{count} in {queue}");
                    }
                }
                return waiting.Count == 0
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Degraded($"Messages a consumer could not apply: {string.Join(", ", waiting)}.");
            }
        }

        /// <summary>The messages in a queue; 0 when it does not exist (no message has failed there yet).</summary>
        private static async Task<uint> CountAsync(IConnection connection, string queue, CancellationToken cancellationToken)
        {
            // A passive declaration of a missing queue closes its channel: one channel per queue.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            try
            {
                return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
            {
                return 0;
            }
        }
    }
}
