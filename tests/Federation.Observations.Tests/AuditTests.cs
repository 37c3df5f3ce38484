using System.Net;
using System.Net.Http.Json;
using Federation.BuildingBlocks.Api;
using Federation.BuildingBlocks.Audit;
using Federation.Observations.Api;
using static Federation.Observations.Tests.ObservationsServiceFixture;

namespace Federation.Observations.Tests;

/// <summary>Issue 14: the audit log records who changed an observation and who read its record,
/// and only platform administrators read the log.</summary>
public class AuditTests(ObservationsServiceFixture fixture) : IClassFixture<ObservationsServiceFixture>
{
    [Fact]
    public async Task The_audit_log_records_a_change_with_its_actor_and_a_read_with_its_reader_for_administrators_only()
    {
        var teacher = await fixture.NewInSchoolAsync(fixture.FederatedB, "teacher");
        var observer = await fixture.NewInSchoolAsync(fixture.FederatedB, "headOfDepartment");
        var head = await fixture.NewInSchoolAsync(fixture.FederatedB, "headteacher");
        var strengths = $"Confidential strengths {Guid.NewGuid():N}";
        var scheduled = await ReadAsync(await ScheduleAsync(observer.Client, fixture.FederatedB, teacher.Id, [observer.Id], fixture.PastSchoolDay()));
        var readBeforeItWasRecorded = await head.Client.GetAsync($"/api/observations/{scheduled.Id}");
        await ReadAsync(await RecordAsync(observer.Client, scheduled.Id, strengths));

        var readByHead = await head.Client.GetAsync($"/api/observations/{scheduled.Id}");
        var listedForTeacher = await teacher.Client.GetFromJsonAsync<Page<ObservationResponse>>($"/api/observations?teacherId={teacher.Id}", Json.Options);
        var log = await AuditAsync(fixture.Admin, $"objectId={scheduled.Id}");

        Assert.Equal(HttpStatusCode.OK, readBeforeItWasRecorded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readByHead.StatusCode);
        Assert.Equal([scheduled.Id], listedForTeacher!.Items.Select(item => item.Id));
        Assert.Equal(
            [
                ("ObservationScheduled", observer.Id, (string?)null),
                ("ObservationCompleted", observer.Id, null),
                ("read", head.Id, "GetObservation"),
                ("read", teacher.Id, "ListObservations"),
            ],
            log.Items.Select(entry => (entry.Action, entry.ActorPersonId!.Value, entry.Action == AuditLog.ReadAction ? entry.Summary!.Value.GetProperty("via").GetString() : null)));
        Assert.All(log.Items, entry => Assert.Equal(("observation", scheduled.Id), (entry.ObjectKind, entry.ObjectId)));
        var headsRead = log.Items[2];
        Assert.Equal((head.Email, DevSubject(head.Email)), (headsRead.ActorEmail, headsRead.Actor));
        Assert.StartsWith("Person ", headsRead.ActorName);
        Assert.DoesNotContain(strengths, await fixture.Admin.GetStringAsync($"/api/audit?objectId={scheduled.Id}"));
        Assert.Equal(0, await fixture.Service.CountAsync("audit_log", $"summary::text like '%{strengths}%'"));

        // A head of the school, who reads the record itself, does not read the log.
        var byHead = await head.Client.GetAsync($"/api/audit?objectId={scheduled.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, byHead.StatusCode);
        Assert.Equal("application/problem+json", byHead.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_audit_log_filters_by_actor_person_action_object_and_time_and_pages()
    {
        var teacher = await fixture.NewInSchoolAsync(fixture.FederatedA, "teacher");
        var observer = await fixture.NewInSchoolAsync(fixture.FederatedA, "headOfDepartment");
        var first = await ReadAsync(await ScheduleAsync(observer.Client, fixture.FederatedA, teacher.Id, [observer.Id], fixture.PastSchoolDay()));
        var second = await ReadAsync(await ScheduleAsync(observer.Client, fixture.FederatedA, teacher.Id, [observer.Id], fixture.PastSchoolDay()));
        await ReadAsync(await RecordAsync(observer.Client, first.Id, "Clear modelling."));
        await ReadAsync(await RecordAsync(observer.Client, second.Id, "Calm routines."));
        var before = DateTimeOffset.UtcNow;
        await teacher.Client.GetAsync($"/api/observations/{first.Id}");
        await teacher.Client.GetAsync($"/api/observations/{second.Id}");

        var byObserver = await AuditAsync(fixture.Admin, $"actorPersonId={observer.Id}");
        var bySubject = await AuditAsync(fixture.Admin, $"actor={Uri.EscapeDataString(DevSubject(observer.Email))}&action=ObservationCompleted");
        var readsOfFirst = await AuditAsync(fixture.Admin, $"objectId={first.Id}&action=read");
        var sinceBefore = await AuditAsync(fixture.Admin, $"actorPersonId={teacher.Id}&action=read&from={Uri.EscapeDataString(before.AddSeconds(-1).ToString("O"))}");
        var beforeBefore = await AuditAsync(fixture.Admin, $"actorPersonId={teacher.Id}&to={Uri.EscapeDataString(before.AddMinutes(-10).ToString("O"))}");
        var page1 = await AuditAsync(fixture.Admin, $"actorPersonId={observer.Id}&limit=3");
        var page2 = await AuditAsync(fixture.Admin, $"actorPersonId={observer.Id}&limit=3&cursor={page1.NextCursor}");

        // Their first request bound their sign-in to their person record: a change too.
        Assert.Equal(
            ["PersonSignInBound", "ObservationScheduled", "ObservationScheduled", "ObservationCompleted", "ObservationCompleted"],
            byObserver.Items.Select(entry => entry.Action));
        Assert.Equal([first.Id, second.Id], bySubject.Items.Select(entry => entry.ObjectId!.Value));
        Assert.Equal([teacher.Id], readsOfFirst.Items.Select(entry => entry.ActorPersonId!.Value));
        Assert.Equal([first.Id, second.Id], sinceBefore.Items.Select(entry => entry.ObjectId!.Value));
        Assert.Empty(beforeBefore.Items);
        Assert.Equal(byObserver.Items.Select(entry => entry.Id), page1.Items.Concat(page2.Items).Select(entry => entry.Id));
        Assert.Null(page2.NextCursor);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01T00:00:00Z", "to")]
    [InlineData("from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "to")]
    [InlineData("actorPersonId=someone", "actorPersonId")]
    [InlineData("objectId=42", "objectId")]
    [InlineData("action=" + TooLong, "action")]
    [InlineData("limit=0", "limit")]
    public async Task A_bad_filter_answers_400_naming_it(string query, string field)
    {
        var response = await fixture.Admin.GetAsync($"/api/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await Problems.ErrorsAsync(response)).Keys);
    }

    private const string TooLong =
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" +
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" + "x";

    private static async Task<Page<AuditEntryResponse>> AuditAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/audit?{query}");
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Page<AuditEntryResponse>>(Json.Options))!;
    }

    private static string DevSubject(string email) => Federation.BuildingBlocks.Auth.DevTokens.Subject(email);
}
