using Federation.BuildingBlocks.Data;
using Federation.BuildingBlocks.Messaging;
using Federation.Contracts.Platform;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Federation.BuildingBlocks.Access;

/// <summary>At start-up, asks the owners of the directory, people and roles to publish them again
/// when this service's access replica knows no school or no person (its queue did not exist when
/// they were first published: a service new to an installation, or a database started afresh), or
/// holds rows from before names were replicated (migration 0003).</summary>
internal sealed class AccessReplicaRefresh(
    string serviceName, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<AccessReplicaRefresh> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await dataSource.InTransactionAsync(async session =>
        {
            var incomplete = await session.SingleAsync<bool>(
                """
                select not exists (select 1 from access_schools) or not exists (select 1 from access_people)
                    or exists (select 1 from access_schools where name is null) or exists (select 1 from access_people where name is null)
                """);
            if (incomplete)
            {
                logger.LogInformation("The access replica is empty or incomplete: asking for the directory, people and roles again");
                await Outbox.AddAndApplyToReplicaAsync(session, new ReplicaRefreshRequested(serviceName, clock.GetUtcNow()));
            }
            return incomplete;
        }, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
