using System.Net.Http.Headers;
using System.Net.Http.Json;
using Federation.Contracts.Schools;
using Federation.Testing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Federation.EndToEnd.Tests;

/// <summary>The real processes: the schools service (with demo data, on a throwaway database) and
/// the gateway in front of it, in Development, as ./fed up runs them.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string SigningKey = "end-to-end-signing-key-0123456789-0123456789";
    private string database = null!;

    public TestServers Servers { get; private set; } = null!;

    public RunningProcess Schools { get; private set; } = null!;

    public RunningProcess Gateway { get; private set; } = null!;

    public EventListener Events { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Servers = await TestServers.GetAsync();
        Events = await new EventListener().On<SchoolRegistered>().StartAsync(Servers.RabbitMq);
        database = Servers.NewDatabase("e2e_schools");
        Schools = RunningProcess.Start("services/Schools/Federation.Schools.Api", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__database"] = database,
            ["ConnectionStrings__rabbitmq"] = Servers.RabbitMq.ToString(),
            ["Authentication__SigningKey"] = SigningKey,
            ["DemoData__Enabled"] = "true",
        });
        await Schools.WaitUntilOkAsync("/health/ready", TimeSpan.FromSeconds(90));
        Gateway = StartGateway("Development", permitLimit: 600);
        await Gateway.WaitUntilOkAsync("/health/ready", TimeSpan.FromSeconds(60));
    }

    public RunningProcess StartGateway(string environment, int permitLimit) =>
        RunningProcess.Start("gateway/Federation.Gateway", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Authentication__SigningKey"] = SigningKey,
            ["RateLimiting__PermitLimit"] = permitLimit.ToString(),
            ["ReverseProxy__Clusters__schools__Destinations__primary__Address"] = Schools.Address.ToString(),
        });

    /// <summary>A client of the gateway signed in through POST /dev/token, as a person would.</summary>
    public async Task<HttpClient> SignInAsync(string email)
    {
        var client = new HttpClient { BaseAddress = Gateway.Address };
        var response = await client.PostAsJsonAsync("/dev/token", new { email });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Schools.DisposeAsync();
        await Events.DisposeAsync();
        await Servers.DropDatabaseAsync(database);
    }

    private sealed record TokenResponse(string AccessToken);
}
