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

        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit reports usage to its makers over the internet unless told not to: a
            // platform talks to its own broker and database only.
            bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            // Queues are named after the service: staff-access-replica, matrix-..., and so on.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(settings.QueuePrefix ?? serviceName, includeNamespace: false));
            bus.AddConsumers(consumersAssembly);
            bus.AddConsumer<AccessReplicaConsumer, AccessReplicaConsumerDefinition>();
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                if (endpoint is not IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    return;
                }
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
                "broker", _ => new BrokerHealthCheck(brokerUri), HealthStatus.Unhealthy, [HostingDefaults.ReadyTag], TimeSpan.FromSeconds(5)))
            // Set aside by the relay after failed attempts: the service serves, and its other events flow.
            .AddRowsToSee("outbox", "select count(*) from outbox where set_aside_at is not null",
                rows => $"{rows} outbox event(s) set aside after failed attempts; see the outbox table's last_error.");
        return builder;
    }

    private sealed class BrokerHealthCheck(Uri brokerUri) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var factory = new ConnectionFactory { Uri = brokerUri, RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
                await using var connection = await factory.CreateConnectionAsync("health-check", cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception)
            {
                return HealthCheckResult.Unhealthy("RabbitMQ is not reachable.", exception);
            }
        }
    }
}
