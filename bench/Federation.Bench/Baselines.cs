using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Yarp.ReverseProxy.Configuration;

namespace Federation.Bench;

/// <summary>The bare chains the platform's reads are compared with, hosted in this process on free
/// ports of 127.0.0.1: a minimal Kestrel endpoint, the same behind a minimal YARP proxy, an
/// endpoint doing one pooled query by primary key on the loaded schools table, and one reading a
/// matrix's 1,000 cells from one table (issue 12's naive matrix), both also behind YARP.
/// No authentication, logging or middleware: what is left is the physical cost of the hops.</summary>
public sealed class Baselines : IAsyncDisposable
{
    /// <summary>Connections the query endpoint may hold: enough to keep two cores busy, and few
    /// enough that it never waits on max_connections.</summary>
    public const int QueryPoolSize = 20;

    private readonly WebApplication kestrel;
    private readonly WebApplication proxy;
    private readonly NpgsqlDataSource dataSource;
    private readonly NpgsqlDataSource matrixDataSource;

    private Baselines(WebApplication kestrel, WebApplication proxy, NpgsqlDataSource dataSource, NpgsqlDataSource matrixDataSource)
    {
        this.kestrel = kestrel;
        this.proxy = proxy;
        this.dataSource = dataSource;
        this.matrixDataSource = matrixDataSource;
    }

    /// <summary>http://127.0.0.1:port of the bare Kestrel endpoint.</summary>
    public string KestrelAddress => kestrel.Urls.First();

    /// <summary>http://127.0.0.1:port of the YARP proxy in front of it.</summary>
    public string ProxyAddress => proxy.Urls.First();

    public static async Task<Baselines> StartAsync(string schoolsConnectionString, string matrixConnectionString, CancellationToken cancellationToken)
    {
        var dataSource = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(schoolsConnectionString) { MaxPoolSize = QueryPoolSize }.ConnectionString);
        var matrixDataSource = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(matrixConnectionString) { MaxPoolSize = QueryPoolSize }.ConnectionString);

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
        kestrel.MapGet("/matrix-cells/{scopeId:guid}", async (Guid scopeId, CancellationToken token) =>
        {
            await using var command = matrixDataSource.CreateCommand(
                "select school_id, row_key, value, text, denominator, status, rule, change, changed_at from bench_naive_cells where scope_id = $1");
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = scopeId });
            await using var reader = await command.ExecuteReaderAsync(token);
            var cells = new List<NaiveCell>();
            while (await reader.ReadAsync(token))
            {
                cells.Add(new NaiveCell(
                    reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDecimal(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetDecimal(7),
                    reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
            }
            return Results.Ok(cells);
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
        return new Baselines(kestrel, proxy, dataSource, matrixDataSource);
    }

    /// <summary>Writes a matrix's cells, as the platform answered them (<paramref name="matrixJson"/>),
    /// one row each into bench_naive_cells (made afresh in the matrix's database, with its primary key):
    /// what a matrix kept as one table of cells and read with one query would serve.</summary>
    public async Task LoadNaiveCellsAsync(Guid scopeId, string matrixJson, CancellationToken cancellationToken)
    {
        await using var connection = await matrixDataSource.OpenConnectionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            """
            drop table if exists bench_naive_cells;
            create table bench_naive_cells (
                scope_id uuid not null, school_id uuid not null, row_key text not null, value numeric, text text, denominator int,
                status text not null, rule text not null, change numeric, changed_at timestamptz,
                primary key (scope_id, row_key, school_id))
            """, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        using var matrix = JsonDocument.Parse(matrixJson);
        await using var writer = await connection.BeginBinaryImportAsync(
            "copy bench_naive_cells (scope_id, school_id, row_key, value, text, denominator, status, rule, change, changed_at) from stdin (format binary)",
            cancellationToken);
        foreach (var row in matrix.RootElement.GetProperty("strands").EnumerateArray().SelectMany(strand => strand.GetProperty("rows").EnumerateArray()))
        {
            foreach (var cell in row.GetProperty("cells").EnumerateArray())
            {
                static T? Nullable<T>(JsonElement cell, string name, Func<JsonElement, T> read) where T : struct =>
                    cell.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? read(value) : null;
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(scopeId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(cell.GetProperty("schoolId").GetGuid(), NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(row.GetProperty("key").GetString()!, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(Nullable(cell, "value", value => value.GetDecimal()), NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(cell.TryGetProperty("text", out var text) ? text.GetString() : null, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(Nullable(cell, "denominator", value => value.GetInt32()), NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(cell.GetProperty("status").GetString()!, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(cell.GetProperty("rule").GetString()!, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(Nullable(cell, "change", value => value.GetDecimal()), NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(Nullable(cell, "changedAt", value => value.GetDateTimeOffset().ToUniversalTime()), NpgsqlDbType.TimestampTz, cancellationToken);
            }
        }
        await writer.CompleteAsync(cancellationToken);
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
        await matrixDataSource.DisposeAsync();
    }

    private sealed record Hello(string Message, int Version);

    private sealed record SchoolRow(Guid Id, int Urn, string Name);

    private sealed record NaiveCell(
        Guid SchoolId, string Row, decimal? Value, string? Text, int? Denominator, string Status, string Rule, decimal? Change, DateTimeOffset? ChangedAt);
}
