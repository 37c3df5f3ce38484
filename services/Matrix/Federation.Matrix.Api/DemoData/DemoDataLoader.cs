using Federation.BuildingBlocks.DemoData;
using Federation.Matrix.Data;

namespace Federation.Matrix.DemoData;

/// <summary>A2 adopted A1's management matrix when it federated (seed 003): the demo federation's
/// executive principal has adopted the lead school's rows for School A2. Everything else the
/// matrix shows comes from the other services' demo events.</summary>
public sealed class DemoDataLoader(MatrixStore store, TimeProvider clock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        store.AdoptTemplateAsync(
            new ScopeRow { Id = DemoIds.FederationA, Kind = "federation", Name = "A1 and A2 Federation", LeadSchoolId = DemoIds.SchoolA1 },
            DemoIds.SchoolA2, "exec.principal@example.org", clock.GetUtcNow(), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
