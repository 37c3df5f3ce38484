using System.Globalization;
using System.Threading.RateLimiting;
using Federation.BuildingBlocks.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace Federation.Gateway;

/// <summary>The "RateLimiting" configuration section.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Requests one client may make per window.</summary>
    public int PermitLimit { get; init; } = 600;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);
}

public static class ClientRateLimiting
{
    /// <summary>A fixed window per client (the signed-in person, else the remote address);
    /// past it, 429 with Retry-After. Health probes are not limited.</summary>
    public static WebApplicationBuilder AddClientRateLimiting(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("RateLimiting").Get<RateLimitSettings>() ?? new RateLimitSettings();
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter("health")
                    : RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = settings.PermitLimit,
                        Window = settings.Window,
                        QueueLimit = 0,
                    }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.Window;
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = $"Try again in {response.Headers.RetryAfter} s." },
                });
            };
        });
        return builder;
    }

    private static string ClientKey(HttpContext context) =>
        context.User.FindFirst(ClaimNames.Subject)?.Value is { } subject
            ? $"person:{subject}"
            : $"address:{context.Connection.RemoteIpAddress}";
}
