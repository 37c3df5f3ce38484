using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts.Matrix;
using Federation.Contracts.Observations;
using Federation.Matrix.Api;
using static Federation.Matrix.Tests.MatrixServiceFixture;

namespace Federation.Matrix.Tests;

/// <summary>A scope's thresholds, and closing a cycle to freeze its figures.</summary>
public class CyclesAndSettingsTests(MatrixServiceFixture fixture) : IClassFixture<MatrixServiceFixture>
{
    [Fact]
    public async Task The_executive_principal_sets_the_thresholds_behind_the_colours()
    {
        var cycle = (await fixture.MatrixWhenAsync(m => m.Columns.Length >= 2, "the federation's columns")).Cycle;
        var observed = await fixture.NewInSchoolAsync(fixture.FederatedA, "teacher");
        await fixture.NewInSchoolAsync(fixture.FederatedA, "teacher");
        var head = await fixture.NewInSchoolAsync(fixture.FederatedA, "headteacher");
        await fixture.Service.PublishAsync(new ObservationCompleted(new Observation(
            Guid.CreateVersion7(), fixture.FederatedA, observed.Id, [head.Id], [fixture.FederatedA], "headOfDepartment", ["teaching"], cycle.StartsOn, false),
            false, null, DateTimeOffset.UtcNow));
        var before = await fixture.MatrixWhenAsync(m => CellOf(m, "observation.teachersObserved", fixture.FederatedA).Value == 1, "the observation");
        var settings = $"{fixture.FederationPath}/settings";

        var byHead = await head.Client.PutAsJsonAsync(settings, new { observedGreen = 0.5, observedAmber = 0.25 });
        var upsideDown = await fixture.ExecutivePrincipal.Client.PutAsJsonAsync(settings, new { observedGreen = 0.4, observedAmber = 0.6 });
        var set = await fixture.ExecutivePrincipal.Client.PutAsJsonAsync(settings, new { observedGreen = 0.5, observedAmber = 0.25 });
        var readBack = await head.Client.GetFromJsonAsync<JsonElement>(settings);
        var after = await fixture.MatrixWhenAsync(_ => true, "the matrix");

        Assert.Equal(("amber: under 80% observed", 2), (CellOf(before, "observation.teachersObserved", fixture.FederatedA).Rule,
            CellOf(before, "observation.teachersObserved", fixture.FederatedA).Denominator!.Value));
        Assert.Equal(HttpStatusCode.Forbidden, byHead.StatusCode);
        Assert.Equal(["observedAmber"], (await ErrorsAsync(upsideDown)).Keys);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(0.5m, readBack.GetProperty("observedGreen").GetDecimal());
        Assert.Equal("green: at least 50% observed", CellOf(after, "observation.teachersObserved", fixture.FederatedA).Rule);
    }

    [Fact]
    public async Task A_closed_cycle_reads_the_same_later_and_an_open_one_cannot_be_closed()
    {
        var current = await fixture.MatrixWhenAsync(m => m.Columns.Length >= 2, "the federation's columns");
        var previous = current.PreviousCycle;
        var teacher = await fixture.NewInSchoolAsync(fixture.FederatedB, "teacher");

        var openOne = await fixture.ExecutivePrincipal.Client.PostAsync($"{fixture.FederationPath}/cycles/{current.Cycle.Id}/close", null);
        var closed = await fixture.ExecutivePrincipal.Client.PostAsync($"{fixture.FederationPath}/cycles/{previous.Id}/close", null);
        var again = await fixture.ExecutivePrincipal.Client.PostAsync($"{fixture.FederationPath}/cycles/{previous.Id}/close", null);
        var frozen = (await closed.Content.ReadFromJsonAsync<MatrixResponse>(Json.Options))!;

        // A change to the closed cycle's facts arrives after it was closed.
        var received = await fixture.FactsReceivedAsync();
        await fixture.Service.PublishAsync(new ObservationCompleted(new Observation(
            Guid.CreateVersion7(), fixture.FederatedB, teacher.Id, [fixture.ExecutivePrincipal.Id], [fixture.FederatedA], "crossSchool", ["teaching"],
            previous.StartsOn, true), false, null, DateTimeOffset.UtcNow));
        await Eventually.Until(fixture.FactsReceivedAsync, count => count > received, TimeSpan.FromSeconds(30), "the late observation");
        var later = await fixture.MatrixWhenAsync(_ => true, "the closed cycle", $"?cycle={previous.Id}");

        Assert.Equal((HttpStatusCode.Conflict, "cycle-not-ended"), (openOne.StatusCode, await RuleAsync(openOne)));
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "cycle-closed"), (again.StatusCode, await RuleAsync(again)));
        Assert.NotNull(later.ClosedAt);
        Assert.Equal(JsonSerializer.Serialize(frozen, Json.Options), JsonSerializer.Serialize(later, Json.Options));
        Assert.Equal(0, CellOf(later, "observation.crossSchoolReceived", fixture.FederatedB).Value);
        await fixture.Events.WaitFor<MatrixCycleClosed>(e => e.ScopeId == fixture.Federation && e.CycleId == previous.Id);
    }
}
