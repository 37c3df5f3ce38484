using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Federation.BuildingBlocks.Hosting;

/// <summary>The "Limits" configuration section: how much work a service takes on at once.</summary>
public sealed class LoadLimits
{
    /// <summary>Requests handled at once; more wait in the queue. About twice the connection pool,
    /// since a request holds a connection for only part of its time.</summary>
    public int ConcurrentRequests { get; init; } = 48;

    /// <summary>Requests waiting their turn; past this the service answers 503 at once.</summary>
    public int QueuedRequests { get; init; } = 2000;

    /// <summary>Server-sent-event streams open at once (they last minutes and hold no connection
    /// while they wait, so they do not take a turn of <see cref="ConcurrentRequests"/>); past this, 503.</summary>
    public int Streams { get; init; } = 1000;

    /// <summary>What a 503 tells the client to wait before trying again.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>Under load a service slows down; it does not fail. Requests queue for a turn (a
/// bounded number at a time, so the connection pool is never asked for far more than it holds)
/// and for a database connection; only past the bounded queue, or when the database has no
/// connection to give within the pool's timeout, does the service shed load: 503 with
/// Retry-After, never 500. It recovers by itself as the queue drains.</summary>
public static class Backpressure
{
    public static WebApplicationBuilder AddBackpressure(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Limits").Get<LoadLimits>() ?? new LoadLimits();
        builder.Services.AddSingleton(limits);
        builder.Services.AddExceptionHandler<DatabaseBusyExceptionHandler>();
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter("health")
                    : context.Request.Headers.Accept.Any(accept => accept?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true)
                    ? RateLimitPartition.GetConcurrencyLimiter("streams", _ => new ConcurrencyLimiterOptions { PermitLimit = limits.Streams, QueueLimit = 0 })
                    : RateLimitPartition.GetConcurrencyLimiter("requests", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = limits.ConcurrentRequests,
                        QueueLimit = limits.QueuedRequests,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }));
            options.OnRejected = (rejected, _) => WriteBusyAsync(rejected.HttpContext, limits.RetryAfter, "The service has more requests waiting than it queues.");
        });
        return builder;
    }

    /// <summary>503 ProblemDetails with Retry-After (also the gateway's answer when a service cannot be reached).</summary>
    public static async ValueTask WriteBusyAsync(HttpContext context, TimeSpan retryAfter, string detail)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Busy: try again shortly.",
                Detail = $"{detail} Try again in {response.Headers.RetryAfter} s.",
            },
        });
    }

    /// <summary>The database could not serve the request for a moment: the pool stayed exhausted
    /// for its whole timeout; the server refused a connection because it had none left (53300) or
    /// was starting up (57P03); it was restarted or could not be reached (the connection broke,
    /// 57P01 or 57P02, or was refused); or it failed a transaction that met another (a deadlock,
    /// 40P01, or a serialization failure, 40001). Npgsql calls these transient: trying again
    /// shortly succeeds.</summary>
    private sealed class DatabaseBusyExceptionHandler(LoadLimits limits) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (!IsBusy(exception) || httpContext.Response.HasStarted)
            {
                return false;
            }
            await WriteBusyAsync(httpContext, limits.RetryAfter, "The database is busy or restarting.");
            return true;
        }

        private static bool IsBusy(Exception exception) => exception switch
        {
            PostgresException postgres => postgres.IsTransient
                || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown,
            NpgsqlException npgsql => npgsql.IsTransient,
            _ => exception.InnerException is { } inner && IsBusy(inner),
        };
    }
}
