using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using HdrHistogram;

namespace Federation.Bench;

/// <summary>How fresh the matrix is under a steady stream of changes (issue 12): how many were
/// made and shown, at what rate, and the time from sending each to the matrix showing it.</summary>
/// <param name="Latency">From sending each change (an upper bound: the change is made somewhere between sending and its answer).</param>
/// <param name="FromAnswer">From each change's answer (a lower bound: it was made before).</param>
public sealed record FreshnessResult(
    int PerSecond, TimeSpan WarmUp, TimeSpan Duration, int Made, int Failed, int Shown, double AchievedPerSecond, LongHistogram Latency, LongHistogram FromAnswer)
{
    public double Percentile(double percentile) => Of(Latency, percentile);

    public double FromAnswerPercentile(double percentile) => Of(FromAnswer, percentile);

    private static double Of(LongHistogram histogram, double percentile) =>
        histogram.TotalCount == 0 ? double.NaN : histogram.GetValueAtPercentile(percentile) / 1000.0;
}

/// <summary>Issue 12's freshness target, measured as a user would see it: changes made through
/// another service (a teacher's role assigned at one of the network's schools, through the
/// gateway, by an administrator), <c>perSecond</c> of them spread over the network's schools, while
/// the network's chair follows its matrix (the server-sent events of its changed cells, through the
/// gateway). A change is shown when the school's "teachers observed" cell counts it in its
/// denominator. Per school the k-th change answered is matched with the first event in which the
/// school counts k more teachers than before; its time is from sending the change (an upper bound:
/// the change is made somewhere between sending and its answer), and from its answer (a lower
/// bound). A warm-up at the same rate comes first (every service's path of a change compiled to
/// its optimised code, as in a service that has run for a while), and is not counted: once it is
/// all shown, the measured changes begin.</summary>
public static class Freshness
{
    private const string Row = "observation.teachersObserved";

    public static async Task<FreshnessResult> MeasureAsync(
        string gateway, string adminToken, string chairToken, ScaleData data, int perSecond, TimeSpan warmUp, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var network = data.Network;
        var schools = network.SchoolIds;
        var (warmUpCount, count) = ((int)(perSecond * warmUp.TotalSeconds), (int)(perSecond * duration.TotalSeconds));
        // Each change a teacher's role for a person at a school that is not their home, no pair twice:
        // person p at the network's school p + 1, then p + 2... (there are fewer schools than rounds need only at tiny scales).
        var staff = data.People.Where(person => person.HomeSchoolId is not null).ToList();
        var changes = Enumerable.Range(1, schools.Count - 1)
            .SelectMany(round => staff.Select((person, index) => (School: schools[(index + round) % schools.Count], Person: person)))
            .Where(change => change.School != change.Person.HomeSchoolId)
            .Take(warmUpCount + count).ToList();
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

        // Per school, each change answered (in the order of their answers): when it was sent and answered, and whether it counts.
        var answers = schools.ToDictionary(school => school, _ => new List<(long Sent, long Answered, bool Measured)>());
        var failed = 0;
        using var inFlight = new SemaphoreSlim(64);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // The changes, paced at perSecond, at most 64 waiting for their answer at once; then until every one answered is shown, or ten seconds pass.
        async Task<TimeSpan> MakeAsync(IReadOnlyList<(Guid School, Person Person)> batch, bool measured)
        {
            var started = clock.Elapsed;
            var writes = new List<Task>();
            for (var i = 0; i < batch.Count; i++)
            {
                var due = started + TimeSpan.FromSeconds((double)i / perSecond);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, cancellationToken);
                }
                await inFlight.WaitAsync(cancellationToken);
                var (school, person) = batch[i];
                writes.Add(Task.Run(async () =>
                {
                    try
                    {
                        var sent = clock.ElapsedTicks;
                        using var response = await SendAsync(http, HttpMethod.Post, $"{gateway}/api/role-assignments", adminToken, cancellationToken,
                            body: new { personId = person.Id, role = "teacher", scopeId = school, startsOn = today });
                        if (response.IsSuccessStatusCode)
                        {
                            lock (answers[school])
                            {
                                answers[school].Add((sent, clock.ElapsedTicks, measured));
                            }
                        }
                        else if (measured)
                        {
                            Interlocked.Increment(ref failed);
                        }
                    }
                    catch (Exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        if (measured)
                        {
                            Interlocked.Increment(ref failed);
                        }
                    }
                    finally
                    {
                        inFlight.Release();
                    }
                }, cancellationToken));
            }
            await Task.WhenAll(writes);
            var made = clock.Elapsed - started;
            var deadline = clock.Elapsed + TimeSpan.FromSeconds(10);
            bool AllShown() => schools.All(school =>
            {
                lock (shownAt[school])
                {
                    return shownAt[school].Count >= answers[school].Count;
                }
            });
            while (!AllShown() && clock.Elapsed < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
            return made;
        }

        await MakeAsync(changes[..Math.Min(warmUpCount, changes.Count)], measured: false);
        var madeIn = await MakeAsync(changes[Math.Min(warmUpCount, changes.Count)..], measured: true);
        await following.CancelAsync();
        await reader.ContinueWith(_ => { }, TaskScheduler.Default);

        var (fromSending, fromAnswer) = (NewHistogram(), NewHistogram());
        var shown = 0;
        long Microseconds(long ticks) => Math.Max(0, (long)(ticks * 1_000_000.0 / Stopwatch.Frequency));
        foreach (var school in schools)
        {
            // The k-th change answered is matched with the k-th level.
            var levels = shownAt[school];
            var made = answers[school];
            for (var k = 0; k < Math.Min(made.Count, levels.Count); k++)
            {
                if (made[k].Measured)
                {
                    fromSending.RecordValue(Microseconds(levels[k] - made[k].Sent));
                    fromAnswer.RecordValue(Microseconds(levels[k] - made[k].Answered));
                    shown++;
                }
            }
        }
        var answered = answers.Values.Sum(made => made.Count(change => change.Measured));
        return new FreshnessResult(perSecond, warmUp, duration, answered, failed, shown, answered / madeIn.TotalSeconds, fromSending, fromAnswer);
    }

    private static LongHistogram NewHistogram() => new(TimeSpan.FromMinutes(1).Ticks / 10 + 1, 3);

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
