using System.Net.Http.Headers;
using Federation.BuildingBlocks.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Federation.Testing;

/// <summary>Hosts a service in memory (WebApplicationFactory) against the real PostgreSQL, in a
/// database of its own, and the real RabbitMQ.</summary>
public class ServiceFactory<TProgram>(TestServers servers, string name) : WebApplicationFactory<TProgram>
    where TProgram : class
{
    public const string Administrator = "admin@example.org";
    public static readonly AuthenticationSettings Authentication = new() { SigningKey = "test-signing-key-0123456789-0123456789-abcdef" };

    public TestServers Servers { get; } = servers;

    public string ConnectionString { get; } = servers.NewDatabase(name);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:database", ConnectionString);
        builder.UseSetting("ConnectionStrings:rabbitmq", Servers.RabbitMq.ToString());
        builder.UseSetting("Authentication:SigningKey", Authentication.SigningKey);
        builder.UseSetting("Platform:Administrators:0", Administrator);
        builder.UseSetting("Messaging:Outbox:PollInterval", "00:00:01");
        builder.UseSetting("Messaging:RetryLimit", "2");
    }

    /// <summary>A client signed in as <paramref name="email"/> (a dev token the service accepts).</summary>
    public HttpClient ClientFor(string email)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Issue(Authentication, email, TimeSpan.FromHours(1)));
        return client;
    }

    /// <summary>Reads the service's own database directly, to assert what was (not) written.</summary>
    public async Task<long> CountAsync(string table, string where = "true")
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {table} where {where}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Servers.DropDatabaseAsync(ConnectionString);
        GC.SuppressFinalize(this);
    }
}
