using System.Net;
using System.Net.Http.Json;
using Federation.BuildingBlocks.Api;
using Federation.Contracts.Observations;
using Federation.Matrix.Api;

namespace Federation.Matrix.Tests;

/// <summary>Drilling into a cell (DOMAIN.md §4): for the school's leadership only.</summary>
public class CellRecordsTests(MatrixServiceFixture fixture) : IClassFixture<MatrixServiceFixture>
{
    [Fact]
    public async Task The_records_behind_a_cell_are_for_the_schools_leaders_with_names_dates_and_states_only()
    {
        var cycle = (await fixture.MatrixWhenAsync(m => m.Columns.Length >= 2, "the federation's columns")).Cycle;
        var teacher = await fixture.NewInSchoolAsync(fixture.FederatedB, "teacher");
        var headOfA = await fixture.NewInSchoolAsync(fixture.FederatedA, "headteacher");
        var observation = new Observation(
            Guid.CreateVersion7(), fixture.FederatedB, teacher.Id, [headOfA.Id], [fixture.FederatedA], "headOfDepartment", ["teaching"], cycle.StartsOn, true);
        await fixture.Service.PublishAsync(new ObservationCompleted(observation, false, null, DateTimeOffset.UtcNow));
        var path = $"{fixture.FederationPath}/rows/observation.teachersObserved/schools/{fixture.FederatedB}";
        var records = await Eventually.Until(
            async () => (await fixture.ExecutivePrincipal.Client.GetFromJsonAsync<Page<CellRecord>>(path, Json.Options))!,
            page => page.Items.Any(record => record.Id == observation.ObservationId), TimeSpan.FromSeconds(30), "the observation behind the cell");

        var byHeadOfTheOtherSchool = await headOfA.Client.GetAsync(path);
        var ownSchool = await headOfA.Client.GetAsync($"{fixture.FederationPath}/rows/observation.crossSchoolGiven/schools/{fixture.FederatedA}");
        var unknownRow = await fixture.Admin.GetAsync($"{fixture.FederationPath}/rows/observation.grades/schools/{fixture.FederatedB}");
        var notAColumn = await fixture.Admin.GetAsync($"{fixture.FederationPath}/rows/observation.teachersObserved/schools/{fixture.Other}");
        var context = await fixture.Admin.GetFromJsonAsync<Page<CellRecord>>($"{fixture.FederationPath}/rows/context.pupils/schools/{fixture.FederatedB}", Json.Options);

        var record = records.Items.Single(item => item.Id == observation.ObservationId);
        Assert.Equal(("observation", "completed", cycle.StartsOn), (record.Kind, record.State, record.StartsOn!.Value));
        Assert.False(string.IsNullOrEmpty(record.Person));
        Assert.Equal(HttpStatusCode.Forbidden, byHeadOfTheOtherSchool.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownSchool.StatusCode);
        Assert.Contains(observation.ObservationId.ToString(), await ownSchool.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownRow.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAColumn.StatusCode);
        Assert.Empty(context!.Items);
    }
}
