using System.Reflection;
using Federation.BuildingBlocks.Data;
using Federation.BuildingBlocks.Messaging;
using Federation.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Federation.BuildingBlocks.Tests;

internal static class TestHost
{
    /// <summary>A bare service made of the building blocks only: its database (with this assembly's
    /// migrations), MassTransit, the outbox relay and the consumers of <paramref name="consumers"/>.</summary>
    public static async Task<WebApplication> StartAsync(TestServers servers, string database, string serviceName, Assembly consumers)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Urls"] = "http://127.0.0.1:0";
        builder.Configuration["ConnectionStrings:database"] = database;
        builder.Configuration["ConnectionStrings:rabbitmq"] = servers.RabbitMq.ToString();
        builder.Configuration["Messaging:Outbox:PollInterval"] = "00:00:01";
        builder.Configuration["Messaging:Outbox:RetryDelay"] = "00:00:00.2";
        builder.Configuration["Messaging:Outbox:MaxAttempts"] = "3";
        builder.Configuration["Messaging:Outbox:CleanupInterval"] = "00:00:01";
        builder.Configuration["Messaging:Outbox:CleanupBatchSize"] = "2";
        builder.Configuration["Messaging:QueueExpiry"] = TestServers.QueueExpiry;
        builder.AddDatabase(typeof(TestHost).Assembly);
        builder.AddMessaging(serviceName, consumers);
        var host = builder.Build();
        host.MigrateDatabase();
        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return host;
    }
}
