using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Federation.BuildingBlocks.DemoData;
using Npgsql;

namespace Federation.Bench;

/// <summary>Issue 14's target: a GIAS file of this many rows imported through the gateway as an
/// administrator, and how long after its answer every other service's access replica held every
/// school the schools service has.</summary>
/// <param name="ReplicasCaughtUp">Per service, from the import's answer; null when it had not caught up within the limit.</param>
public sealed record GiasImportResult(
    int Rows, long FileBytes, TimeSpan Import, int Status, int Created, int Skipped, IReadOnlyList<(string Service, TimeSpan? CaughtUp)> ReplicasCaughtUp);

public static class GiasImportRun
{
    private static readonly string[] Replicas = ["staff", "observations", "exchanges", "matrix", "notifications"];

    public static async Task<GiasImportResult> MeasureAsync(
        string gateway, string adminToken, string server, int rows, TimeSpan limit, CancellationToken cancellationToken)
    {
        var file = GiasFileWriter.ToBytes(Records(rows));
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{gateway}/api/schools/imports")
        {
            Content = new ByteArrayContent(file) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var import = clock.Elapsed;
        var (created, skipped) = response.IsSuccessStatusCode
            ? (JsonDocument.Parse(body).RootElement.GetProperty("created").GetInt32(), JsonDocument.Parse(body).RootElement.GetProperty("skipped").GetInt32())
            : (0, 0);

        await using var schools = NpgsqlDataSource.Create(Databases.ConnectionString(server, "federation_schools"));
        var owned = await Databases.CountAsync(schools, "select count(*) from schools", cancellationToken);
        var replicas = Replicas.ToDictionary(service => service,
            service => NpgsqlDataSource.Create(Databases.ConnectionString(server, $"federation_{service}")));
        var caughtUp = new Dictionary<string, TimeSpan?>();
        var waiting = Stopwatch.StartNew();
        while (caughtUp.Count < Replicas.Length && waiting.Elapsed < limit)
        {
            foreach (var (service, dataSource) in replicas.Where(replica => !caughtUp.ContainsKey(replica.Key)))
            {
                if (await Databases.CountAsync(dataSource, "select count(*) from access_schools", cancellationToken) >= owned)
                {
                    caughtUp[service] = waiting.Elapsed;
                }
            }
            await Task.Delay(100, cancellationToken);
        }
        foreach (var dataSource in replicas.Values)
        {
            await dataSource.DisposeAsync();
        }
        return new GiasImportResult(rows, file.Length, import, (int)response.StatusCode, created, skipped,
            Replicas.Select(service => (service, caughtUp.TryGetValue(service, out var time) ? time : null)).ToArray());
    }

    /// <summary>England's shape: 150 local authorities, four in five schools primary, a blank here and there.</summary>
    private static IEnumerable<GiasRecord> Records(int rows)
    {
        var random = new Random(14);
        for (var index = 0; index < rows; index++)
        {
            var code = 201 + (index % 150);
            var secondary = index % 5 == 0;
            yield return new GiasRecord(
                400000 + index, $"Benchmark {(secondary ? "Academy" : "Primary School")} {index}, St Mary’s – {code}", code, $"Benchmark Authority {code}",
                secondary ? "Secondary" : "Primary", secondary ? "11" : "4", secondary ? "18" : "11",
                index % 97 == 0 ? "" : random.Next(secondary ? 600 : 90, secondary ? 1800 : 600).ToString(CultureInfo.InvariantCulture),
                index % 89 == 0 ? "SUPP" : (2 + (random.NextDouble() * 50)).ToString("0.0", CultureInfo.InvariantCulture),
                Region: "England");
        }
    }
}
