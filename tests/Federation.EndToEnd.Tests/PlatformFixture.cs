using System.Net.Http.Headers;
using System.Net.Http.Json;
using Federation.Contracts.Exchanges;
using Federation.Contracts.Schools;
using Federation.Contracts.Staff;
using Dapper;
using Federation.Testing;
using Npgsql;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Federation.EndToEnd.Tests;

/// <summary>The real processes, as ./fed up runs them: each service prepared (--DeployOnly) and
/// then started with demo data on a throwaway database, and the gateway in front, in Development.
/// Queue names carry a prefix of this run's own, so that a platform running beside the tests is
/// not disturbed.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string SigningKey = "end-to-end-signing-key-0123456789-0123456789";
    private static readonly (string Name, string Folder)[] ServiceFolders =
    [
        ("schools", "services/Schools/Federation.Schools.Api"),
        ("staff", "services/Staff/Federation.Staff.Api"),
        ("observations", "services/Observations/Federation.Observations.Api"),
        ("exchanges", "services/Exchanges/Federation.Exchanges.Api"),
        ("matrix", "services/Matrix/Federation.Matrix.Api"),
        ("notifications", "services/Notifications/Federation.Notifications.Api"),
    ];

    private readonly string queuePrefix = $"e2e-{Guid.NewGuid():N}"[..12];
    private readonly Dictionary<string, string> databases = [];
    private readonly Dictionary<string, RunningProcess> services = [];

    // The web application and the gateway each need the other's address, and the emails link to
    // the gateway: its port is chosen first.
    private readonly int gatewayPort = RunningProcess.FreePort();

    public TestServers Servers { get; private set; } = null!;

    public RunningProcess Schools => services["schools"];

    public RunningProcess Staff => services["staff"];

    public RunningProcess Observations => services["observations"];

    public RunningProcess Exchanges => services["exchanges"];

    public RunningProcess Matrix => services["matrix"];

    public RunningProcess Notifications => services["notifications"];

    /// <summary>Where the notifications service's emails arrive.</summary>
    public MailCatcher Mail { get; } = new();

    public RunningProcess Gateway { get; private set; } = null!;

    public EventListener Events { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xUnit does not dispose a fixture that failed to start: what did start is stopped here.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        Servers = await TestServers.GetAsync();
        Mail.Start();
        Events = await new EventListener().On<SchoolRegistered>().On<StaffDeploymentAgreed>().On<ExchangeVisitConfirmed>().StartAsync(Servers.RabbitMq);
        foreach (var (name, folder) in ServiceFolders)
        {
            databases[name] = Servers.NewDatabase($"e2e_{name}");
            await using var prepare = RunningProcess.Start(folder, Settings(name), "--DeployOnly=true");
            await prepare.WaitForSuccessAsync(TimeSpan.FromSeconds(90));
        }
        foreach (var (name, folder) in ServiceFolders)
        {
            services[name] = RunningProcess.Start(folder, Settings(name));
        }
        foreach (var service in services.Values)
        {
            await service.WaitUntilOkAsync("/health/ready", TimeSpan.FromSeconds(90));
        }
        databases["web"] = Servers.NewDatabase("e2e_web");
        Web = RunningProcess.Start("gateway/Federation.Web", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__dataProtection"] = databases["web"],
            ["Gateway__Address"] = $"http://127.0.0.1:{gatewayPort}",
        });
        await Web.WaitUntilOkAsync("/health/ready", TimeSpan.FromSeconds(60));
        // Well above what a person does: the fault tests' writers write flat out as one administrator.
        Gateway = StartGateway("Development", permitLimit: 6000, gatewayPort);
        await Gateway.WaitUntilOkAsync("/health/ready", TimeSpan.FromSeconds(60));
    }

    /// <summary>The service's processes by name (schools, staff, ...).</summary>
    public IReadOnlyDictionary<string, RunningProcess> Services => services;

    /// <summary>Ends a service with SIGKILL (<see cref="RunningProcess.KillAsync"/>).</summary>
    public Task KillAsync(string service) => services[service].KillAsync();

    /// <summary>Starts a killed service again, on the same port with the same database, and waits until it is ready.</summary>
    public async Task StartAgainAsync(string service)
    {
        await services[service].DisposeAsync();
        services[service] = services[service].StartAgain();
        await services[service].WaitUntilOkAsync("/health/ready", TimeSpan.FromSeconds(90));
    }

    /// <summary>One value from a service's own database, read directly (as an operator would).</summary>
    public async Task<T> QuerySingleAsync<T>(string service, string sql, object? parameters = null)
    {
        // Not pooled: after a fault test restarts PostgreSQL a pooled connection would be a dead one.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(databases[service]) { Pooling = false }.ConnectionString);
        return await connection.QuerySingleAsync<T>(sql, parameters);
    }

    /// <summary>The web application (its pages call the APIs through <see cref="Gateway"/>).</summary>
    public RunningProcess Web { get; private set; } = null!;

    public RunningProcess StartGateway(string environment, int permitLimit, int? port = null) =>
        RunningProcess.StartOn(port ?? RunningProcess.FreePort(), "gateway/Federation.Gateway", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Authentication__SigningKey"] = SigningKey,
            ["RateLimiting__PermitLimit"] = permitLimit.ToString(),
            ["ReverseProxy__Clusters__schools__Destinations__primary__Address"] = Schools.Address.ToString(),
            ["ReverseProxy__Clusters__staff__Destinations__primary__Address"] = Staff.Address.ToString(),
            ["ReverseProxy__Clusters__observations__Destinations__primary__Address"] = Observations.Address.ToString(),
            ["ReverseProxy__Clusters__exchanges__Destinations__primary__Address"] = Exchanges.Address.ToString(),
            ["ReverseProxy__Clusters__matrix__Destinations__primary__Address"] = Matrix.Address.ToString(),
            ["ReverseProxy__Clusters__notifications__Destinations__primary__Address"] = Notifications.Address.ToString(),
            ["ReverseProxy__Clusters__web__Destinations__primary__Address"] = Web.Address.ToString(),
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

    /// <summary>Stops what was started (all of it, or what a failed start got to).</summary>
    public async Task DisposeAsync()
    {
        foreach (var process in new[] { Gateway, Web }.Concat(services.Values).Where(process => process is not null))
        {
            await process.DisposeAsync();
        }
        if (Events is not null)
        {
            await Events.DisposeAsync();
        }
        await Mail.DisposeAsync();
        foreach (var database in databases.Values)
        {
            await Servers.DropDatabaseAsync(database);
        }
    }

    private Dictionary<string, string> Settings(string name) => new(name == "notifications" ? EmailSettings : [])
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__database"] = databases[name],
        ["ConnectionStrings__rabbitmq"] = Servers.RabbitMq.ToString(),
        ["Authentication__SigningKey"] = SigningKey,
        ["DemoData__Enabled"] = "true",
        ["Messaging__QueuePrefix"] = $"{queuePrefix}-{name}",
        ["Messaging__QueueExpiry"] = TestServers.QueueExpiry,
    };

    private Dictionary<string, string> EmailSettings => new()
    {
        ["Notifications__Smtp__Host"] = "127.0.0.1",
        ["Notifications__Smtp__Port"] = Mail.Port.ToString(),
        ["Notifications__Smtp__Security"] = "None",
        ["Platform__PublicUrl"] = $"http://127.0.0.1:{gatewayPort}/",
    };

    private sealed record TokenResponse(string AccessToken);
}
