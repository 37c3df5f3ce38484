using Npgsql;
using Yarp.ReverseProxy.Configuration;

namespace Federation.Bench;

/// <summary>The bare chains the platform's reads are compared with, hosted in this process on free
/// ports of 127.0.0.1: a minimal Kestrel endpoint, the same behind a minimal YARP proxy, and an
/// endpoint doing one pooled query by primary key on the loaded schools table, also behind YARP.
/// No authentication, logging or middleware: what is left is the physical cost of the hops.</summary>
public sealed class Baselines : IAsyncDisposable
{
    /// <summary>Connections the query endpoint may hold: enough to keep two cores busy, and few
    /// enough that it never waits on max_connections.</summary>
    public const int QueryPoolSize = 20;

    private readonly WebApplication kestrel;
    private readonly WebApplication proxy;
    private readonly NpgsqlDataSource dataSource;

    private Baselines(WebApplication kestrel, WebApplication proxy, NpgsqlDataSource dataSource)
    {
        this.kestrel = kestrel;
        this.proxy = proxy;
        this.dataSource = dataSource;
    }

    /// <summary>http://127.0.0.1:port of the bare Kestrel endpoint.</summary>
    public string KestrelAddress => kestrel.Urls.First();

    /// <summary>http://127.0.0.1:port of the YARP proxy in front of it.</summary>
    public string ProxyAddress => proxy.Urls.First();

    public static async Task<Baselines> StartAsync(string schoolsConnectionString, CancellationToken cancellationToken)
    {
        var dataSource = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(schoolsConnectionString) { MaxPoolSize = QueryPoolSize }.ConnectionString);

        var kestrel = NewHost();
        kestrel.MapGet("/hello", () => TypedResults.Ok(new Hello("hello", 1)));
        kestrel.MapGet("/schools/{id:guid}", async (Guid id, CancellationToken token) =>
        {
            await using var command = dataSource.CreateCommand("select id, urn, name from schools where id = $1");
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            await using var reader = await command.ExecuteReaderAsync(token);
            return await reader.ReadAsync(token)
                ? Results.Ok(new SchoolRow(reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2)))
                : Results.NotFound();
        });
        await kestrel.StartAsync(cancellationToken);

        var proxy = NewHost(builder => builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "kestrel", Match = new RouteMatch { Path = "{**rest}" } }],
            [
                new ClusterConfig
                {
                    ClusterId = "kestrel",
                    Destinations = new Dictionary<string, DestinationConfig> { ["kestrel"] = new() { Address = kestrel.Urls.First() } },
                },
            ]));
        proxy.MapReverseProxy();
        await proxy.StartAsync(cancellationToken);
        return new Baselines(kestrel, proxy, dataSource);
    }

    /// <summary>A host on a free port (port 0: the system picks it) with no logging.</summary>
    private static WebApplication NewHost(Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        configure?.Invoke(builder);
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        await proxy.StopAsync();
        await kestrel.StopAsync();
        await proxy.DisposeAsync();
        await kestrel.DisposeAsync();
        await dataSource.DisposeAsync();
    }

    private sealed record Hello(string Message, int Version);

    private sealed record SchoolRow(Guid Id, int Urn, string Name);
}
