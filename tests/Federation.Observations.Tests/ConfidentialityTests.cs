using System.Net;
using System.Net.Http.Json;
using Federation.BuildingBlocks.Api;
using Federation.Observations.Api;
using static Federation.Observations.Tests.ObservationsServiceFixture;

namespace Federation.Observations.Tests;

/// <summary>DOMAIN.md rule 14: an observation's record is the observed teacher's, its observers'
/// and the observed school's leaders'. Anyone else cannot read it, nor learn that it exists.</summary>
public class ConfidentialityTests(ObservationsServiceFixture fixture) : IClassFixture<ObservationsServiceFixture>
{
    [Fact]
    public async Task A_record_is_read_by_the_teacher_its_observers_and_the_schools_leaders_and_nobody_else_learns_it_exists()
    {
        var teacher = await fixture.NewInSchoolAsync(fixture.FederatedB, "teacher");
        var observer = await fixture.NewInSchoolAsync(fixture.FederatedA, "headOfDepartment");
        var head = await fixture.NewInSchoolAsync(fixture.FederatedB, "headteacher");
        var strengths = $"Confidential strengths {Guid.NewGuid():N}";
        var proposed = await ReadAsync(await ScheduleAsync(observer.Client, fixture.FederatedB, teacher.Id, [observer.Id], fixture.PastSchoolDay(), "crossSchool"));
        await ReadAsync(await head.Client.PostAsync($"/api/observations/{proposed.Id}/accept", null));
        await ReadAsync(await RecordAsync(observer.Client, proposed.Id, strengths, "coach"));
        var followUp = await head.Client.PostAsJsonAsync($"/api/observations/{proposed.Id}/follow-ups", new { supportKind = "coach", assigneeId = observer.Id });
        Assert.Equal(HttpStatusCode.Created, followUp.StatusCode);

        var readers = new[] { teacher, observer, head, fixture.ExecutivePrincipal };
        var others = new (string Who, HttpClient Client)[]
        {
            ("another teacher of the school", (await fixture.NewInSchoolAsync(fixture.FederatedB, "teacher")).Client),
            ("a head of department of the school", (await fixture.NewInSchoolAsync(fixture.FederatedB, "headOfDepartment")).Client),
            ("the cluster's chair", fixture.ClusterChair.Client),
            ("another federation's executive principal", fixture.OtherExecutivePrincipal.Client),
            ("the head of another school", (await fixture.NewInSchoolAsync(fixture.Host, "headteacher")).Client),
            ("the local-authority officer", fixture.Officer.Client),
            ("a platform administrator", fixture.Admin),
        };

        foreach (var reader in readers)
        {
            var read = await reader.Client.GetFromJsonAsync<ObservationResponse>($"/api/observations/{proposed.Id}", Json.Options);
            Assert.Equal(strengths, read!.Record!.Strengths);
            var listed = await reader.Client.GetFromJsonAsync<Page<ObservationResponse>>($"/api/observations?teacherId={teacher.Id}", Json.Options);
            Assert.Equal([proposed.Id], listed!.Items.Select(item => item.Id));
        }
        foreach (var (who, client) in others)
        {
            Assert.True(HttpStatusCode.NotFound == (await client.GetAsync($"/api/observations/{proposed.Id}")).StatusCode, who);
            var listed = await client.GetFromJsonAsync<Page<ObservationResponse>>($"/api/observations?teacherId={teacher.Id}", Json.Options);
            Assert.True(listed!.Items.Count == 0, who);
            var followUps = await client.GetFromJsonAsync<Page<SupportFollowUpResponse>>($"/api/observations/follow-ups?teacherId={teacher.Id}", Json.Options);
            Assert.True(followUps!.Items.Count == 0, who);
            var steps = await client.PostAsJsonAsync($"/api/observations/{proposed.Id}/cancel", new { });
            Assert.True(HttpStatusCode.NotFound == steps.StatusCode, who);
        }
        Assert.Equal(0, await fixture.Service.CountAsync("outbox", $"payload::text like '%{strengths}%'"));
        var completed = await fixture.Events.WaitFor<Contracts.Observations.ObservationCompleted>(e => e.Observation.ObservationId == proposed.Id);
        Assert.True(completed.Observation.CrossSchool);
        Assert.Equal("coach", completed.SupportKind);
    }

    [Fact]
    public async Task Coverage_shows_each_teacher_to_the_schools_leaders_and_heads_of_department_and_counts_only_to_the_chair_and_the_officer()
    {
        var teacher = await fixture.NewInSchoolAsync(fixture.FederatedB, "teacher");
        var hod = await fixture.NewInSchoolAsync(fixture.FederatedB, "headOfDepartment");
        var outsider = await fixture.NewInSchoolAsync(fixture.Other, "teacher");
        var path = $"/api/observations/coverage/{fixture.FederatedB}";

        var byHod = await hod.Client.GetFromJsonAsync<CoverageResponse>(path, Json.Options);
        var byChair = await fixture.ClusterChair.Client.GetFromJsonAsync<CoverageResponse>(path, Json.Options);
        var byOfficer = await fixture.Officer.Client.GetFromJsonAsync<CoverageResponse>(path, Json.Options);
        var byTeacher = await teacher.Client.GetAsync(path);
        var byOutsider = await outsider.Client.GetAsync(path);

        Assert.Contains(byHod!.TeacherRows!, row => row.TeacherId == teacher.Id);
        Assert.Null(byChair!.TeacherRows);
        Assert.Null(byOfficer!.TeacherRows);
        Assert.Equal(byHod.Teachers, byChair.Teachers);
        Assert.Equal(HttpStatusCode.NotFound, byTeacher.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOutsider.StatusCode);
    }
}
