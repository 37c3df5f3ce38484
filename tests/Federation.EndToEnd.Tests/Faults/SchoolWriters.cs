using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Federation.Testing;

namespace Federation.EndToEnd.Tests.Faults;

/// <summary>Several writers registering schools through the gateway at once, each one school after
/// another, as long as the fault test runs. A writer answered 503 (the gateway: the service cannot
/// be reached; the service: its database is restarting) or cut off tries the same school again
/// after the Retry-After, as a client should, and so does one the gateway holds back (429: the
/// rate limit per person); every answer is recorded.</summary>
public sealed class SchoolWriters : IAsyncDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);
    private static int nextUrn = 800000 + Random.Shared.Next(0, 50) * 1000;
    private readonly HttpClient client;
    private readonly string namePrefix;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<Attempt> attempts = new();
    private readonly Task[] writers;
    private readonly Action<string> log;

    /// <summary>One request and what came of it. <see cref="Retry"/> is true when the same school
    /// was tried before.</summary>
    public sealed record Attempt(int Writer, int Urn, bool Retry, HttpStatusCode? Status, Guid? SchoolId, string? Failure, DateTime At);

    private SchoolWriters(HttpClient client, int count, string namePrefix, Action<string> log)
    {
        this.client = client;
        this.namePrefix = namePrefix;
        this.log = log;
        writers = [.. Enumerable.Range(1, count).Select(writer => Task.Run(() => WriteAsync(writer)))];
    }

    /// <param name="admin">A client of the gateway signed in as an administrator.</param>
    /// <param name="namePrefix">Each school's name starts with it: the test finds its schools by it.</param>
    /// <param name="log">Where to say how far the writers got.</param>
    public static SchoolWriters Start(HttpClient admin, int count, string namePrefix, Action<string> log) => new(admin, count, namePrefix, log);

    public IReadOnlyList<Attempt> Attempts => [.. attempts];

    /// <summary>The answers that were not the gateway's rate limit (429), which is no fault.</summary>
    public IReadOnlyList<Attempt> Answers => [.. attempts.Where(attempt => attempt.Status != HttpStatusCode.TooManyRequests)];

    /// <summary>The schools the platform acknowledged (201), in the order each writer got them.</summary>
    public IReadOnlyList<Attempt> Acknowledged => [.. attempts.Where(attempt => attempt.Status == HttpStatusCode.Created)];

    /// <summary>Waits until <paramref name="more"/> further schools are acknowledged.</summary>
    public async Task WaitForMoreAsync(int more, TimeSpan? timeout = null)
    {
        var target = Acknowledged.Count + more;
        await Eventually.Until(() => Task.FromResult(Acknowledged.Count), count => count >= target, timeout ?? TimeSpan.FromSeconds(90),
            $"{target} acknowledged writes; attempts: {Describe()}");
        log($"{Acknowledged.Count} writes acknowledged");
    }

    /// <summary>How many attempts got each answer, for a failure message.</summary>
    public string Describe() => string.Join(", ", attempts
        .GroupBy(attempt => attempt.Status?.ToString() ?? attempt.Failure ?? "?")
        .Select(group => $"{group.Key}: {group.Count()}"));

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(writers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
    }

    private async Task WriteAsync(int writer)
    {
        while (!stop.IsCancellationRequested)
        {
            var urn = Interlocked.Increment(ref nextUrn);
            // The same school until the platform gives an answer that is not "try again".
            for (var retry = false; ; retry = true)
            {
                var (attempt, retryAfter) = await PostAsync(writer, urn, retry);
                attempts.Enqueue(attempt);
                if (retryAfter is null)
                {
                    break;
                }
                await Task.Delay(retryAfter.Value);
            }
            // At most ten schools a second each: busy, as a region's offices on a Monday morning
            // are, and well within the gateway's limit per person.
            await Task.Delay(Pause);
        }
    }

    private async Task<(Attempt Attempt, TimeSpan? RetryAfter)> PostAsync(int writer, int urn, bool retry)
    {
        try
        {
            // Not cancelled by stop: a write once sent is seen to its answer.
            using var response = await client.PostAsJsonAsync("/api/schools", new
            {
                urn,
                name = $"{namePrefix} {urn}",
                localAuthorityId = "019a0000-0000-7000-8000-00000000a007",
                phase = "primary",
                lowestAge = 4,
                highestAge = 11,
                pupilsOnRoll = 200,
                fsmBand = 2,
            });
            Guid? id = response.StatusCode == HttpStatusCode.Created
                ? (await response.Content.ReadFromJsonAsync<Created>())!.Id
                : null;
            var attempt = new Attempt(writer, urn, retry, response.StatusCode, id, null, DateTime.UtcNow);
            return response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests
                ? (attempt, response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1))
                : (attempt, null);
        }
        catch (HttpRequestException exception)
        {
            return (new Attempt(writer, urn, retry, null, null, exception.Message, DateTime.UtcNow), TimeSpan.FromSeconds(1));
        }
    }

    private sealed record Created(Guid Id);
}
