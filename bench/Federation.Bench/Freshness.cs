using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using HdrHistogram;

namespace Federation.Bench;

/// <summary>How fresh the matrix is under a steady stream of changes (issue 12): how many were
/// made and shown, at what rate, and the time from sending each to the matrix showing it.</summary>
public sealed record FreshnessResult(int PerSecond, TimeSpan Duration, int Made, int Failed, int Shown, double AchievedPerSecond, LongHistogram Latency)
{
    public double Percentile(double percentile) => Latency.TotalCount == 0 ? double.NaN : Latency.GetValueAtPercentile(percentile) / 1000.0;
}

/// <summary>Issue 12's freshness target, measured as a user would see it: changes made through
/// another service (a teacher's role assigned at one of the network's schools, through the
/// gateway, by an administrator), <c>perSecond</c> of them spread over the network's schools, while
/// the network's chair follows its matrix (the server-sent events of its changed cells, through the
/// gateway). A change is shown when the school's "teachers observed" cell counts it in its
/// denominator. Per school the k-th change answered is matched with the first event in which the
/// school counts k more teachers than before; its time is from sending the change (an upper bound:
/// the change is made somewhere between sending and its answer).</summary>
public static class Freshness
{
    private const string Row = "observation.teachersObserved";

    public static async Task<FreshnessResult> MeasureAsync(
        string gateway, string adminToken, string chairToken, ScaleData data, int perSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var network = data.Network;
        var schools = network.SchoolIds;
        var count = (int)(perSecond * duration.TotalSeconds);
        // Each change a teacher's role for a person at a school that is not their home, no pair twice:
        // person p at the network's school p + 1, then p + 2... (there are fewer schools than rounds need only at tiny scales).
        var staff = data.People.Where(person => person.HomeSchoolId is not null).ToList();
        var changes = Enumerable.Range(1, schools.Count - 1)
            .SelectMany(round => staff.Select((person, index) => (School: schools[(index + round) % schools.Count], Person: person)))
            .Where(change => change.School != change.Person.HomeSchoolId)
            .Take(count).ToList();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

        // What each school counts now, then the stream of changes from here on.
        var matrixPath = $"{gateway}/api/matrix/clusters/{network.Id}";
        using var before = await SendAsync(http, HttpMethod.Get, matrixPath, chairToken, cancellationToken);
        var baseline = Denominators(JsonDocument.Parse(await before.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("strands")
            .EnumerateArray().SelectMany(strand => strand.GetProperty("rows").EnumerateArray()));
        using var following = new CancellationTokenSource();
        using var stream = await SendAsync(http, HttpMethod.Get, $"{matrixPath}/changes", chairToken, cancellationToken, streaming: true);
        var clock = Stopwatch.StartNew();
        // Per school, when it first counted 1, 2, 3... more teachers than at the start.
        var shownAt = schools.ToDictionary(school => school, _ => new List<long>());
        var reader = Task.Run(async () =>
        {
            var events = SseParser.Create(await stream.Content.ReadAsStreamAsync(following.Token));
            await foreach (var item in events.EnumerateAsync(following.Token))
            {
                if (item.EventType != "cells")
                {
                    continue;
                }
                var now = clock.ElapsedTicks;
                using var changes = JsonDocument.Parse(item.Data);
                var cells = changes.RootElement.GetProperty("cells").EnumerateArray()
                    .Where(cell => cell.GetProperty("row").GetString() == Row).Select(cell => cell.GetProperty("cell"));
                foreach (var cell in cells)
                {
                    var school = cell.GetProperty("schoolId").GetGuid();
                    if (!shownAt.TryGetValue(school, out var levels))
                    {
                        continue;
                    }
                    var more = cell.GetProperty("denominator").GetInt32() - baseline.GetValueOrDefault(school);
                    lock (levels)
                    {
                        while (levels.Count < more)
                        {
                            levels.Add(now);
                        }
                    }
                }
            }
        }, CancellationToken.None);

        // The changes, paced at perSecond, at most 64 waiting for their answer at once.
        var sentAt = schools.ToDictionary(school => school, _ => new List<long>());
        var failed = 0;
        using var inFlight = new SemaphoreSlim(64);
        var writes = new List<Task>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var i = 0; i < changes.Count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }
            await inFlight.WaitAsync(cancellationToken);
            var (school, person) = changes[i];
            writes.Add(Task.Run(async () =>
            {
                try
                {
                    var sent = clock.ElapsedTicks;
                    using var response = await SendAsync(http, HttpMethod.Post, $"{gateway}/api/role-assignments", adminToken, cancellationToken,
                        body: new { personId = person.Id, role = "teacher", scopeId = school, startsOn = today });
                    if (response.IsSuccessStatusCode)
                    {
                        lock (sentAt[school])
                        {
                            sentAt[school].Add(sent);
                        }
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                }
                finally
                {
                    inFlight.Release();
                }
            }, cancellationToken));
        }
        await Task.WhenAll(writes);
        var made = clock.Elapsed;

        // Every change answered is shown, or ten seconds pass.
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(10);
        bool AllShown() => schools.All(school =>
        {
            lock (shownAt[school])
            {
                return shownAt[school].Count >= sentAt[school].Count;
            }
        });
        while (!AllShown() && clock.Elapsed < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }
        await following.CancelAsync();
        await reader.ContinueWith(_ => { }, TaskScheduler.Default);

        var latency = new LongHistogram(TimeSpan.FromMinutes(1).Ticks / 10 + 1, 3);
        var shown = 0;
        foreach (var school in schools)
        {
            // Sent times in the order their answers arrived: the k-th answered is matched with the k-th level.
            var sends = sentAt[school];
            var levels = shownAt[school];
            for (var k = 0; k < Math.Min(sends.Count, levels.Count); k++)
            {
                latency.RecordValue(Math.Max(0, (long)((levels[k] - sends[k]) * 1_000_000.0 / Stopwatch.Frequency)));
                shown++;
            }
        }
        var answered = sentAt.Values.Sum(sends => sends.Count);
        return new FreshnessResult(perSecond, duration, answered, failed, shown, answered / made.TotalSeconds, latency);
    }

    private static Dictionary<Guid, int> Denominators(IEnumerable<JsonElement> rows) =>
        rows.Where(row => row.GetProperty("key").GetString() == Row)
            .SelectMany(row => row.GetProperty("cells").EnumerateArray())
            .ToDictionary(cell => cell.GetProperty("schoolId").GetGuid(), cell => cell.GetProperty("denominator").GetInt32());

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpMethod method, string url, string token, CancellationToken cancellationToken, object? body = null, bool streaming = false)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (streaming)
        {
            request.Headers.Accept.ParseAdd("text/event-stream");
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        var response = await http.SendAsync(request, streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead,
            cancellationToken);
        return streaming || method != HttpMethod.Get ? response : response.EnsureSuccessStatusCode();
    }
}
