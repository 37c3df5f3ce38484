using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.BuildingBlocks.Calendar;
using Federation.BuildingBlocks.DemoData;
using Federation.Testing;

namespace Federation.EndToEnd.Tests;

/// <summary>The observations service behind the gateway, with the demo people it learnt from the
/// staff service's events and its own demo observations.</summary>
public class ObservationsThroughTheGatewayTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    /// <summary>Demo observation 1: A1's head of science in A2, completed.</summary>
    private const string DemoCrossSchoolObservation = "019a0000-0000-7000-8000-0000000b0001";

    private static readonly Guid HodScienceA1 = DemoIds.Person(6);
    private static readonly Guid HodMathsA2 = DemoIds.Person(7);
    private static readonly Guid HeadA2 = DemoIds.Person(3);

    [Fact]
    public async Task A1s_head_of_science_records_a_cross_school_observation_in_A2_the_teacher_reads_the_chair_cannot_and_A2s_coverage_counts()
    {
        using var observer = await platform.SignInAsync("hod.science.a1@example.org");
        using var teacher = await platform.SignInAsync("hod.maths.a2@example.org");
        using var headOfA2 = await platform.SignInAsync("head.a2@example.org");
        using var chair = await platform.SignInAsync("cluster.chair@example.org");
        await Eventually.Until(() => observer.GetAsync($"/api/observations/{DemoCrossSchoolObservation}"), response => response.IsSuccessStatusCode,
            what: "the demo people and roles in the observations service");
        var coveragePath = $"/api/observations/coverage/{DemoIds.SchoolA2}";
        using var before = JsonDocument.Parse(await headOfA2.GetStringAsync(coveragePath));
        var startsOn = DateOnly.Parse(before.RootElement.GetProperty("startsOn").GetString()!);
        var observeOn = DateOnly.FromDateTime(DateTime.UtcNow);
        while (!EnglishSchoolYear.Containing(observeOn).IsSchoolDay(observeOn) && observeOn > startsOn)
        {
            observeOn = observeOn.AddDays(-1);
        }

        var proposed = await observer.PostAsJsonAsync("/api/observations", new
        {
            schoolId = DemoIds.SchoolA2, teacherId = HodMathsA2, observerIds = new[] { HodScienceA1 }, kind = "crossSchool",
            focus = new[] { "teaching", "learning" }, observeOn, startsAt = "10:15", lesson = "Year 10 maths, M2",
        });
        var id = JsonDocument.Parse(await proposed.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var accepted = await headOfA2.PostAsync($"/api/observations/{id}/accept", null);
        var recorded = await observer.PostAsJsonAsync($"/api/observations/{id}/record", new
        {
            strengths = "Worked examples faded into independent practice; every pupil answered on a mini-whiteboard.",
            nextSteps = "Bring the science department's retrieval starters into the first five minutes.",
            supportNeeded = false,
        });
        var readByTeacher = await teacher.GetAsync($"/api/observations/{id}");
        var readByChair = await chair.GetAsync($"/api/observations/{id}");
        using var after = JsonDocument.Parse(await headOfA2.GetStringAsync(coveragePath));
        using var seenByChair = JsonDocument.Parse(await chair.GetStringAsync(coveragePath));

        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        Assert.Equal("proposed", JsonDocument.Parse(await proposed.Content.ReadAsStringAsync()).RootElement.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readByTeacher.StatusCode);
        Assert.Contains("mini-whiteboard", await readByTeacher.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, readByChair.StatusCode);
        int Count(JsonDocument coverage, string name) => coverage.RootElement.GetProperty("teachers").GetProperty(name).GetInt32();
        Assert.Equal(Count(before, "observed") + 1, Count(after, "observed"));
        Assert.Equal(before.RootElement.GetProperty("crossSchoolReceived").GetInt32() + 1, after.RootElement.GetProperty("crossSchoolReceived").GetInt32());
        var teacherRow = after.RootElement.GetProperty("teacherRows").EnumerateArray().Single(row => row.GetProperty("teacherId").GetGuid() == HodMathsA2);
        Assert.Equal("observed", teacherRow.GetProperty("status").GetString());
        Assert.Equal(Count(after, "observed"), Count(seenByChair, "observed"));
        Assert.Equal(JsonValueKind.Null, seenByChair.RootElement.GetProperty("teacherRows").ValueKind);
    }

    [Fact]
    public async Task The_administrator_sees_who_read_a_record_in_the_observations_audit_log_and_each_services_log_and_a_head_does_not()
    {
        using var headOfA2 = await platform.SignInAsync("head.a2@example.org");
        using var admin = await platform.SignInAsync("admin@example.org");
        await Eventually.Until(() => headOfA2.GetAsync($"/api/observations/{DemoCrossSchoolObservation}"), response => response.IsSuccessStatusCode,
            what: "the demo people and roles in the observations service");

        using var reads = JsonDocument.Parse(await admin.GetStringAsync(
            $"/api/audit/observations?objectId={DemoCrossSchoolObservation}&action=read&actorPersonId={HeadA2}"));
        var byHead = await headOfA2.GetAsync($"/api/audit/observations?objectId={DemoCrossSchoolObservation}");
        var badFilter = await admin.GetAsync("/api/audit/observations?from=yesterday");

        var read = reads.RootElement.GetProperty("items").EnumerateArray().First();
        Assert.Equal("head.a2@example.org", read.GetProperty("actorEmail").GetString());
        Assert.Equal("observation", read.GetProperty("objectKind").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byHead.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Contains("from", (await Problems.ErrorsAsync(badFilter)).Keys);
        foreach (var service in new[] { "schools", "staff", "exchanges", "matrix", "notifications" })
        {
            // Each service's own work (its demo data, asking the others for their data when it
            // started afresh) is logged as the service's: "system".
            using var log = JsonDocument.Parse(await admin.GetStringAsync($"/api/audit/{service}?actor=system&limit=1"));
            Assert.True(log.RootElement.GetProperty("items").GetArrayLength() == 1, service);
            Assert.Equal(HttpStatusCode.Forbidden, (await headOfA2.GetAsync($"/api/audit/{service}")).StatusCode);
        }
    }
}
