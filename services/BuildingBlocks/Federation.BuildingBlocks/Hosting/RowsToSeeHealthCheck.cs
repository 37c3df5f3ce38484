using Federation.BuildingBlocks.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Federation.BuildingBlocks.Hosting;

/// <summary>Rows an operator should see (outbox events set aside, emails the server refused) make
/// the service Degraded in /health/ready: still ready, as it keeps working and retrying, but visible.</summary>
public sealed class RowsToSeeHealthCheck(NpgsqlDataSource dataSource, string countSql, Func<long, string> describe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var rows = await dataSource.SingleAsync<long>(countSql, null, cancellationToken);
        return rows == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded(describe(rows));
    }
}

public static class RowsToSeeHealthCheckSetup
{
    /// <summary>A <see cref="RowsToSeeHealthCheck"/> named <paramref name="name"/> among those /health/ready runs.</summary>
    public static IHealthChecksBuilder AddRowsToSee(this IHealthChecksBuilder checks, string name, string countSql, Func<long, string> describe) =>
        checks.Add(new HealthCheckRegistration(
            name, services => new RowsToSeeHealthCheck(services.GetRequiredService<NpgsqlDataSource>(), countSql, describe),
            HealthStatus.Degraded, [HostingDefaults.ReadyTag], TimeSpan.FromSeconds(5)));
}
