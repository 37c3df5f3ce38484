using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts.Matrix;
using Federation.Contracts.Observations;
using Federation.Contracts.Staff;
using Federation.BuildingBlocks.Calendar;
using Federation.Matrix.Api;
using Federation.Matrix.Domain;
using static Federation.Matrix.Tests.MatrixServiceFixture;

namespace Federation.Matrix.Tests;

/// <summary>A scope's thresholds and cycle calendar, and closing a cycle to freeze its figures.</summary>
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
    public async Task The_executive_principal_sets_cycles_of_weeks_aligned_to_the_terms_instead_of_the_half_terms()
    {
        var settings = $"{fixture.FederationPath}/settings";
        var halfTerms = (await fixture.MatrixWhenAsync(m => m.Columns.Length >= 2, "the federation's columns")).Cycle;
        var thresholds = await fixture.ExecutivePrincipal.Client.GetFromJsonAsync<JsonElement>(settings);
        object Settings(int? cycleWeeks) => new
        {
            observedGreen = thresholds.GetProperty("observedGreen").GetDecimal(), observedAmber = thresholds.GetProperty("observedAmber").GetDecimal(), cycleWeeks,
        };
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var cycles = CycleCalendar.Of(EnglishSchoolYear.Containing(today), 4);
        var expected = CycleCalendar.Containing(cycles, today) ?? CycleCalendar.Of(EnglishSchoolYear.For(SchoolYear.StartYearOf(today) - 1), 4)[^1];

        var tooShort = await fixture.ExecutivePrincipal.Client.PutAsJsonAsync(settings, Settings(1));
        var set = await fixture.ExecutivePrincipal.Client.PutAsJsonAsync(settings, Settings(4));
        var inWeeks = await fixture.ExecutivePrincipal.Client.GetFromJsonAsync<MatrixResponse>(fixture.FederationPath, Json.Options);
        var noSuchCycle = await fixture.ExecutivePrincipal.Client.GetAsync($"{fixture.FederationPath}?cycle={today.Year}-30");
        var readBack = await fixture.ExecutivePrincipal.Client.GetFromJsonAsync<JsonElement>(settings);
        var back = await fixture.ExecutivePrincipal.Client.PutAsJsonAsync(settings, Settings(null));
        var halfTermsAgain = await fixture.ExecutivePrincipal.Client.GetFromJsonAsync<MatrixResponse>(fixture.FederationPath, Json.Options);

        Assert.Equal(["cycleWeeks"], (await ErrorsAsync(tooShort)).Keys);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(4, readBack.GetProperty("cycleWeeks").GetInt32());
        Assert.Equal((expected.Id, expected.StartsOn, expected.EndsOn), (inWeeks!.Cycle.Id, inWeeks.Cycle.StartsOn, inWeeks.Cycle.EndsOn));
        Assert.Equal(["cycle"], (await ErrorsAsync(noSuchCycle)).Keys);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal((halfTerms.Id, halfTerms.StartsOn, halfTerms.EndsOn), (halfTermsAgain!.Cycle.Id, halfTermsAgain.Cycle.StartsOn, halfTermsAgain.Cycle.EndsOn));
    }

    [Fact]
    public async Task A_cycle_closes_once_the_next_ones_targets_are_set_and_then_reads_the_same_later()
    {
        // Two cycles back, so that the targets set for the next (the last cycle) leave today's colours alone.
        var current = await fixture.MatrixWhenAsync(m => m.Columns.Length >= 2, "the federation's columns");
        var next = current.PreviousCycle;
        var previous = (await fixture.MatrixWhenAsync(_ => true, "the last cycle", $"?cycle={next.Id}")).PreviousCycle;
        var teacher = await fixture.NewInSchoolAsync(fixture.FederatedB, "teacher");
        // A teacher of B since before those cycles, never observed: the last cycle's cell is judged against its targets.
        await fixture.Service.PublishAsync(new RoleAssigned(
            Guid.CreateVersion7(), teacher.Id, "teacher", "school", fixture.FederatedB, previous.StartsOn, null, "substantive", null, DateTimeOffset.UtcNow));
        var targets = $"{fixture.FederationPath}/cycles/{next.Id}/targets";

        var openOne = await fixture.ExecutivePrincipal.Client.PostAsync($"{fixture.FederationPath}/cycles/{current.Cycle.Id}/close", null);
        var noTargets = await fixture.ExecutivePrincipal.Client.PostAsync($"{fixture.FederationPath}/cycles/{previous.Id}/close", null);
        var notSetYet = await fixture.ExecutivePrincipal.Client.GetAsync(targets);
        var upsideDown = await fixture.ExecutivePrincipal.Client.PutAsJsonAsync(targets, new { observedGreen = 0.3, observedAmber = 0.6 });
        var set = await fixture.ExecutivePrincipal.Client.PutAsJsonAsync(targets, new { observedGreen = 0.6, observedAmber = 0.3 });
        var readBack = await fixture.ExecutivePrincipal.Client.GetFromJsonAsync<JsonElement>(targets);
        var judged = await fixture.MatrixWhenAsync(m => CellOf(m, "observation.teachersObserved", fixture.FederatedB).Rule.StartsWith("red"),
            "the last cycle judged against its targets", $"?cycle={next.Id}");
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
        Assert.Equal((HttpStatusCode.Conflict, "next-cycle-targets"), (noTargets.StatusCode, await RuleAsync(noTargets)));
        Assert.Equal(HttpStatusCode.NotFound, notSetYet.StatusCode);
        Assert.Equal(["observedAmber"], (await ErrorsAsync(upsideDown)).Keys);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(0.6m, readBack.GetProperty("observedGreen").GetDecimal());
        Assert.Equal("red: under 30% observed", CellOf(judged, "observation.teachersObserved", fixture.FederatedB).Rule);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "cycle-closed"), (again.StatusCode, await RuleAsync(again)));
        Assert.NotNull(later.ClosedAt);
        Assert.Equal(JsonSerializer.Serialize(frozen, Json.Options), JsonSerializer.Serialize(later, Json.Options));
        Assert.Equal(0, CellOf(later, "observation.crossSchoolReceived", fixture.FederatedB).Value);
        await fixture.Events.WaitFor<MatrixCycleClosed>(e => e.ScopeId == fixture.Federation && e.CycleId == previous.Id);
    }
}
