using System.Net.Http.Headers;
using Federation.BuildingBlocks.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Federation.Testing;

/// <summary>Hosts a service in memory (WebApplicationFactory) against the real PostgreSQL, in a
/// database of its own, and the real RabbitMQ. <paramref name="settings"/> adds or overrides the
/// service's configuration (a mail catcher's port, say).</summary>
public class ServiceFactory<TProgram>(TestServers servers, string name, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<TProgram>
    where TProgram : class
{
    public const string Administrator = "admin@example.org";
    public static readonly AuthenticationSettings Authentication = new() { SigningKey = "test-signing-key-0123456789-0123456789-abcdef" };

    public TestServers Servers { get; } = servers;

    public string ConnectionString { get; } = servers.NewDatabase(name);

    /// <summary>This instance's own queue names, so that instances of one service in one test run
    /// do not take each other's messages.</summary>
    public string QueuePrefix { get; } = $"test-{name}-{Guid.NewGuid():N}"[..30];

    /// <summary>The service's clock (its TimeProvider): the real time unless a test moves it on.</summary>
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:database", ConnectionString);
        builder.UseSetting("ConnectionStrings:rabbitmq", Servers.RabbitMq.ToString());
        builder.UseSetting("Authentication:SigningKey", Authentication.SigningKey);
        builder.UseSetting("Platform:Administrators:0", Administrator);
        builder.UseSetting("Messaging:Outbox:PollInterval", "00:00:01");
        builder.UseSetting("Messaging:RetryLimit", "2");
        builder.UseSetting("Messaging:QueuePrefix", QueuePrefix);
        builder.UseSetting("Messaging:QueueExpiry", TestServers.QueueExpiry);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Starts the service and waits until its bus is connected and its queues declared.</summary>
    public async Task StartAsync()
    {
        using var _ = CreateClient();
        await Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    /// <summary>Publishes an event on the real broker, as the service that owns it would.</summary>
    public Task PublishAsync(object integrationEvent) => Services.GetRequiredService<IBus>().Publish(integrationEvent);

    /// <summary>Waits until the service's access replica has applied what was published: until
    /// <paramref name="condition"/> (SQL) holds in the service's database.</summary>
    public async Task WaitUntilReplicaAsync(string condition, string what) =>
        await Eventually.Until(() => ScalarAsync<bool>($"select {condition}"), holds => holds, what: what);

    /// <summary>A client signed in as <paramref name="email"/> (a dev token the service accepts).</summary>
    public HttpClient ClientFor(string email)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Issue(Authentication, email, TimeSpan.FromHours(1)));
        return client;
    }

    /// <summary>Reads the service's own database directly, to assert what was (not) written.</summary>
    public Task<long> CountAsync(string table, string where = "true") => ScalarAsync<long>($"select count(*) from {table} where {where}");

    /// <summary>One value read from the service's own database.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Servers.DropDatabaseAsync(ConnectionString);
        GC.SuppressFinalize(this);
    }
}
