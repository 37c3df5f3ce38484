using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace Federation.Bench;

/// <summary>A read to measure: where it goes, and the request each call sends (a fresh one each
/// time: a request message is sent once).</summary>
/// <param name="ThroughPlatform">Through the gateway to the services (compared with the bare chains).</param>
/// <param name="Fast">Quick enough to run in the warm-up pass before the measurements.</param>
public sealed record Scenario(string Name, bool ThroughPlatform, Func<HttpRequestMessage> NewRequest, bool Fast = true);

/// <summary>What one scenario at one concurrency came to: the answers that arrived after the
/// warm-up, over the time from its end to the last of them. Latency is of the 2xx answers only, in
/// microseconds; errors are non-2xx answers and exceptions (timeouts included).</summary>
public sealed record RunResult(
    Scenario Scenario, int Concurrency, TimeSpan Measured, long Ok, long Errors, LongHistogram Latency, IReadOnlyList<string> ErrorSamples,
    ConnectionPeak Connections)
{
    public double RequestsPerSecond => Ok / Measured.TotalSeconds;

    public double Percentile(double percentile) => Latency.TotalCount == 0 ? double.NaN : Latency.GetValueAtPercentile(percentile) / 1000.0;
}

/// <summary>A closed loop: N clients, each sending its next request when the last one answered,
/// for a warm-up (not recorded) and then a fixed measured time. Bounded in time (no request starts
/// after the end; each has a timeout) and in count.</summary>
public static class LoadRun
{
    private const int ErrorSamplesKept = 5;

    public static async Task<RunResult> RunAsync(
        Scenario scenario, int concurrency, TimeSpan warmUp, TimeSpan duration, TimeSpan timeout, long maxRequests, ConnectionSampler sampler,
        CancellationToken cancellationToken)
    {
        // One connection per client, kept open: what a busy gateway sees from its callers.
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        using var client = new HttpClient(handler) { Timeout = timeout };
        // Latencies in microseconds, to three significant digits, up to the timeout.
        var highest = (long)timeout.TotalMicroseconds + 1;
        var errors = new ConcurrentQueue<string>();
        long started = 0;
        var clock = Stopwatch.StartNew();
        var measureFrom = warmUp;
        var stopAt = warmUp + duration;

        var peak = sampler.StartPeak();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latency = new LongHistogram(highest, 3);
            long ok = 0, failed = 0;
            var lastEnd = measureFrom;
            while (clock.Elapsed < stopAt && Interlocked.Increment(ref started) <= maxRequests && !cancellationToken.IsCancellationRequested)
            {
                var start = clock.Elapsed;
                var error = await SendAsync(client, scenario, cancellationToken);
                var end = clock.Elapsed;
                // Every answer that arrives after the warm-up counts, even one asked for during it
                // or answered after the measured time: a read slower than the whole run still
                // shows, rather than leaving no figure.
                if (end < measureFrom)
                {
                    continue;
                }
                lastEnd = end;
                if (error is null)
                {
                    ok++;
                    latency.RecordValue(Math.Clamp((long)(end - start).TotalMicroseconds, 1, highest));
                }
                else
                {
                    failed++;
                    if (errors.Count < ErrorSamplesKept)
                    {
                        errors.Enqueue(error);
                    }
                }
            }
            return (latency, ok, failed, lastEnd);
        }, cancellationToken)).ToList();
        var results = await Task.WhenAll(workers);
        var connections = await peak.StopAsync();

        var total = new LongHistogram(highest, 3);
        foreach (var result in results)
        {
            total.Add(result.latency);
        }
        // From the end of the warm-up to the last answer counted (the end of the measured time,
        // or later when answers were still coming in).
        var measured = results.Max(result => result.lastEnd) - measureFrom;
        return new RunResult(scenario, concurrency, measured > TimeSpan.FromMilliseconds(1) ? measured : TimeSpan.FromMilliseconds(1),
            results.Sum(result => result.ok), results.Sum(result => result.failed), total, errors.Take(ErrorSamplesKept).ToList(), connections);
    }

    /// <summary>Sends one request and reads the whole answer; null when it answered 2xx, else what went wrong.</summary>
    public static async Task<string?> SendAsync(HttpClient client, Scenario scenario, CancellationToken cancellationToken)
    {
        try
        {
            using var request = scenario.NewRequest();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return $"{(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(body)}";
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{exception.GetType().Name}: {Shorten(exception.Message)}";
        }
    }

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= 300 ? oneLine : oneLine[..300] + "…";
    }
}
