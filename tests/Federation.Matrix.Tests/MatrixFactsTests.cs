using System.Net;
using System.Text.Json;
using Federation.BuildingBlocks;
using Federation.Contracts.Exchanges;
using Federation.Contracts.Observations;
using Federation.Contracts.Schools;
using Federation.Contracts.Staff;
using Federation.Matrix.Api;
using static Federation.Matrix.Tests.MatrixServiceFixture;

namespace Federation.Matrix.Tests;

/// <summary>The matrix from events alone: each fact in its cell, events replayed or out of order,
/// membership over time, the CSV.</summary>
public class MatrixFactsTests(MatrixServiceFixture fixture) : IClassFixture<MatrixServiceFixture>
{
    [Fact]
    public async Task Each_event_shows_in_its_cell_and_replaying_them_out_of_order_changes_nothing()
    {
        var today = fixture.Service.Clock.Today();
        var cycle = (await fixture.MatrixWhenAsync(m => m.Columns.Length >= 2, "the federation's columns")).Cycle;
        // A weekday of this cycle, today or before.
        var day = today < cycle.EndsOn ? today : cycle.EndsOn;
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && day > cycle.StartsOn)
        {
            day = day.AddDays(-1);
        }
        var teacher = await fixture.NewInSchoolAsync(fixture.FederatedB, "teacher");
        var lead = await fixture.NewPersonAsync(fixture.FederatedA, ("deputyHead", "school", fixture.FederatedA));
        var now = DateTimeOffset.UtcNow;
        var observation = new Observation(Guid.CreateVersion7(), fixture.FederatedB, teacher.Id, [lead.Id], [fixture.FederatedA], "crossSchool", ["teaching"], day, true);
        var deployment = new StaffDeployment(Guid.CreateVersion7(), lead.Id, fixture.FederatedA, fixture.FederatedB, day, day, "wholeDay", "subjectExpert");
        var visit = new ExchangeVisit(Guid.CreateVersion7(), lead.Id, fixture.FederatedA, fixture.FederatedB, day, "wholeDay", ["curriculum"]);
        object[] events =
        [
            new RoleAssigned(Guid.CreateVersion7(), lead.Id, "deputyHead", "school", fixture.FederatedA, today.AddDays(-1), null, "substantive",
                "safeguardingAndWellbeing", now),
            new ObservationScheduled(observation, now.AddSeconds(-2)),
            new ObservationCompleted(observation, true, "coach", now),
            new StaffDeploymentRequested(deployment, now.AddSeconds(-1)),
            new StaffDeploymentAgreed(deployment, now),
            new ExchangeVisitRequested(visit, now.AddSeconds(-3)),
            new ExchangeVisitApproved(visit, now.AddSeconds(-2)),
            new ExchangeVisitConfirmed(visit, now.AddSeconds(-1)),
            new ExchangeVisitCompleted(visit, now),
        ];
        foreach (var integrationEvent in events)
        {
            await fixture.Service.PublishAsync(integrationEvent);
        }

        var matrix = await fixture.MatrixWhenAsync(
            m => CellOf(m, "exchanges.reflectionsOutstanding", fixture.FederatedA).Value == 1
                && CellOf(m, "observation.crossSchoolReceived", fixture.FederatedB).Value == 1
                && CellOf(m, "sharedStaff.sessionsProvided", fixture.FederatedA).Value == 2
                && CellOf(m, "leadership.safeguardingAndWellbeing", fixture.FederatedA).Text is not null,
            "the events in their cells");

        Assert.Equal($"green: led by {CellOf(matrix, "leadership.safeguardingAndWellbeing", fixture.FederatedA).Text}",
            CellOf(matrix, "leadership.safeguardingAndWellbeing", fixture.FederatedA).Rule);
        Assert.Equal((1m, 1), (CellOf(matrix, "observation.teachersObserved", fixture.FederatedB).Value!.Value,
            CellOf(matrix, "observation.teachersObserved", fixture.FederatedB).Denominator!.Value));
        Assert.Equal(1, CellOf(matrix, "observation.crossSchoolGiven", fixture.FederatedA).Value);
        Assert.Equal(2, CellOf(matrix, "sharedStaff.sessionsReceived", fixture.FederatedB).Value);
        Assert.Equal(1, CellOf(matrix, "exchanges.visitsMade", fixture.FederatedA).Value);
        Assert.Equal(1, CellOf(matrix, "exchanges.visitsHosted", fixture.FederatedB).Value);
        Assert.Equal("amber: completed visits without a reflection", CellOf(matrix, "exchanges.reflectionsOutstanding", fixture.FederatedA).Rule);

        // The same events again, the oldest last: every fact already holds a newer state.
        var received = await fixture.FactsReceivedAsync();
        foreach (var integrationEvent in events.Reverse())
        {
            await fixture.Service.PublishAsync(integrationEvent);
        }
        await Eventually.Until(fixture.FactsReceivedAsync, count => count >= received + events.Length, TimeSpan.FromSeconds(30), "the replayed events");
        await fixture.SettledAsync();
        var replayed = await fixture.MatrixWhenAsync(_ => true, "the matrix");

        Assert.Equal(JsonSerializer.Serialize(matrix.Strands, Json.Options), JsonSerializer.Serialize(replayed.Strands, Json.Options));
    }

    [Fact]
    public async Task A_role_from_today_leaves_the_change_against_the_previous_cycle_and_the_other_strands_and_a_role_back_into_it_moves_it()
    {
        var now = DateTimeOffset.UtcNow;
        var current = await fixture.MatrixWhenAsync(m => m.Columns.Length >= 2, "the federation's columns");
        var (today, previous) = (fixture.Service.Clock.Today(), current.PreviousCycle);
        var observedOn = previous.StartsOn;
        while (observedOn.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            observedOn = observedOn.AddDays(1);
        }
        // A school of the federation since before the previous cycle, whose teacher was observed in it before holding any role there.
        var (school, teacher, newcomer) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await fixture.Service.PublishAsync(new SchoolRegistered(school, 900000, "Changing School", fixture.LocalAuthority, "primary", 120, 2, 2, now));
        await fixture.Service.PublishAsync(new SchoolJoinedFederation(fixture.Federation, school, "soft", previous.StartsOn.AddDays(-30), now));
        await fixture.Service.PublishAsync(new ObservationCompleted(
            new Observation(Guid.CreateVersion7(), school, teacher, [], [], "headOfDepartment", ["teaching"], observedOn, false), false, null, now));
        // And a day of shared staff received this cycle (from a school outside the federation), which a change of roles leaves as it is.
        var deployedOn = today < current.Cycle.EndsOn ? today : current.Cycle.EndsOn;
        while (deployedOn.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && deployedOn > current.Cycle.StartsOn)
        {
            deployedOn = deployedOn.AddDays(-1);
        }
        await fixture.Service.PublishAsync(new StaffDeploymentAgreed(
            new StaffDeployment(Guid.CreateVersion7(), newcomer, Guid.CreateVersion7(), school, deployedOn, deployedOn, "wholeDay", "subjectExpert"), now));
        await fixture.MatrixWhenAsync(m => m.Columns.Any(column => column.SchoolId == school)
            && CellOf(m, "sharedStaff.sessionsReceived", school).Value == 2, "the school's column");
        await fixture.SettledAsync();

        // From today: the previous cycle had no teacher there, so nothing to compare against (its figures are not read again).
        await fixture.Service.PublishAsync(new RoleAssigned(Guid.CreateVersion7(), newcomer, "teacher", "school", school, today, null, "substantive", null, now));
        var fromToday = CellOf(await fixture.MatrixWhenAsync(
            m => CellOf(m, "observation.teachersObserved", school).Denominator == 1, "the newcomer counted"), "observation.teachersObserved", school);
        // Back into the previous cycle: the teacher observed then held the role then, so 1 of 1 was observed in it.
        await fixture.Service.PublishAsync(new RoleAssigned(Guid.CreateVersion7(), teacher, "teacher", "school", school, previous.StartsOn, null, "substantive", null, now));
        var after = await fixture.MatrixWhenAsync(m => CellOf(m, "observation.teachersObserved", school).Denominator == 2, "the teacher counted");
        var backDated = CellOf(after, "observation.teachersObserved", school);

        Assert.Equal((0m, 0m), (fromToday.Value, fromToday.Change));
        Assert.Equal((0m, -1m), (backDated.Value, backDated.Change));
        Assert.Equal(2, CellOf(after, "sharedStaff.sessionsReceived", school).Value);
    }

    [Fact]
    public async Task A_school_that_leaves_stays_in_the_cycles_it_was_part_of_and_the_csv_has_the_jsons_figures()
    {
        var now = DateTimeOffset.UtcNow;
        var current = await fixture.MatrixWhenAsync(m => m.Columns.Length >= 2, "the federation's columns");
        var joined = current.PreviousCycle.StartsOn.AddDays(-30);
        var leftOn = current.PreviousCycle.EndsOn.AddDays(-3);
        await fixture.Service.PublishAsync(new SchoolUpdated(fixture.Host, 900000, "=HYPERLINK(\"http://example.org\")", fixture.LocalAuthority, "primary", 210, 4, 3, now));
        await fixture.Service.PublishAsync(new SchoolJoinedFederation(fixture.Federation, fixture.Host, "hard", joined, now));
        await fixture.Service.PublishAsync(new SchoolLeftFederation(fixture.Federation, fixture.Host, leftOn, now.AddSeconds(1)));

        var before = await fixture.MatrixWhenAsync(m => m.Columns.Any(column => column.SchoolId == fixture.Host), "the school in the cycle before",
            $"?cycle={current.PreviousCycle.Id}");
        await fixture.SettledAsync();
        var after = await fixture.MatrixWhenAsync(_ => true, "this cycle");
        var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"{fixture.FederationPath}?cycle={current.PreviousCycle.Id}");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        var csv = await fixture.ExecutivePrincipal.Client.SendAsync(csvRequest);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.DoesNotContain(after.Columns, column => column.SchoolId == fixture.Host);
        Assert.Equal(210, CellOf(before, "context.pupils", fixture.Host).Value);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("Scope,federation,", lines[0]);
        Assert.StartsWith($"Cycle,{before.Cycle.Name},", lines[1]);
        Assert.Contains("'=HYPERLINK", lines[3]);
        var pupils = lines.Single(line => line.StartsWith("context,Pupils on roll,")).Split(',');
        var figures = before.Columns.Select((column, index) => pupils[2 + (4 * index)]).ToArray();
        Assert.Equal(before.Columns.Select(column => CellOf(before, "context.pupils", column.SchoolId).Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), figures);
    }

    [Fact]
    public async Task The_etag_changes_when_a_figure_of_the_scope_changes_and_not_for_events_elsewhere()
    {
        await fixture.MatrixWhenAsync(m => m.Columns.Length >= 2, "the federation's columns");
        async Task<HttpResponseMessage> GetAsync(string? etag)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, fixture.FederationPath);
            if (etag is not null)
            {
                request.Headers.IfNoneMatch.ParseAdd(etag);
            }
            return await fixture.ExecutivePrincipal.Client.SendAsync(request);
        }
        var first = await GetAsync(null);
        var etag = first.Headers.ETag!.ToString();
        var unchanged = await GetAsync(etag);

        var received = await fixture.FactsReceivedAsync();
        await fixture.Service.PublishAsync(new SchoolUpdated(fixture.Other, 900000, "Other School, renamed", fixture.LocalAuthority, "secondary", 901, 2, 2, DateTimeOffset.UtcNow));
        await Eventually.Until(fixture.FactsReceivedAsync, count => count > received, TimeSpan.FromSeconds(30), "the change elsewhere");
        await fixture.SettledAsync();
        var afterElsewhere = await GetAsync(etag);
        await fixture.Service.PublishAsync(new SchoolUpdated(fixture.FederatedA, 900000, "Federated A", fixture.LocalAuthority, "secondary", 1234, 2, 2, DateTimeOffset.UtcNow));
        var changed = await Eventually.Until(() => GetAsync(etag), response => response.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the new figure");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, afterElsewhere.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.ToString());
        Assert.Contains("1234", await changed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_matrix_is_404_to_those_outside_its_scope_and_a_bad_cycle_is_a_400()
    {
        var outsider = await fixture.NewInSchoolAsync(fixture.Other, "headteacher");
        var headOfMember = await fixture.NewInSchoolAsync(fixture.FederatedB, "headteacher");

        var byOutsider = await outsider.Client.GetAsync(fixture.FederationPath);
        var byHead = await headOfMember.Client.GetAsync(fixture.FederationPath);
        var unknown = await fixture.Admin.GetAsync($"/api/matrix/federations/{Guid.NewGuid()}");
        var asCluster = await fixture.Admin.GetAsync($"/api/matrix/clusters/{fixture.Federation}");
        var badCycle = await fixture.Admin.GetAsync($"{fixture.FederationPath}?cycle=1999-1");
        var beforeItFormed = new HttpRequestMessage(HttpMethod.Get, $"{fixture.FederationPath}?cycle=2000-1");
        beforeItFormed.Headers.Accept.ParseAdd("text/csv");
        var emptyCsv = await fixture.Admin.SendAsync(beforeItFormed);

        Assert.Equal(HttpStatusCode.NotFound, byOutsider.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byHead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asCluster.StatusCode);
        Assert.Equal(["cycle"], (await ErrorsAsync(badCycle)).Keys);
        Assert.Equal(HttpStatusCode.OK, emptyCsv.StatusCode);
        Assert.StartsWith("Strand,Row", (await emptyCsv.Content.ReadAsStringAsync()).Split("\r\n")[3]);
    }
}
