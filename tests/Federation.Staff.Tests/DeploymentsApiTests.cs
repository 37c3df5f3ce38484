using System.Net;
using System.Net.Http.Json;
using Federation.Contracts.Staff;
using Federation.Staff.Api;

namespace Federation.Staff.Tests;

public class DeploymentsApiTests(StaffServiceFixture fixture) : IClassFixture<StaffServiceFixture>
{
    private static int nextWeek;

    [Fact]
    public async Task The_host_asks_the_home_school_agrees_and_both_are_published()
    {
        var (_, homeHead, _) = await fixture.NewLeaderAsync(fixture.SchoolOne1, "headOfSchool", fixture.SchoolOne1);
        var (_, hostHead, _) = await fixture.NewLeaderAsync(fixture.SchoolOne2, "headOfSchool", fixture.SchoolOne2);
        var physicist = await fixture.NewPersonAsync(fixture.SchoolOne1, "Physics");
        var (startsOn, endsOn) = NewWeek();

        var requested = await RequestAsync(hostHead, physicist.Id, fixture.SchoolOne2, startsOn, endsOn, "morning");
        var deployment = (await requested.Content.ReadFromJsonAsync<DeploymentResponse>(Json.Options))!;
        var agreedByHost = await hostHead.PostAsync($"/api/deployments/{deployment.Id}/agree", null);
        var agreed = await homeHead.PostAsync($"/api/deployments/{deployment.Id}/agree", null);
        var declinedAfterwards = await homeHead.PostAsJsonAsync($"/api/deployments/{deployment.Id}/decline", new { reason = "Too late" });
        using var physicistClient = fixture.Service.ClientFor(physicist.Email);
        var seenByPhysicist = await physicistClient.GetFromJsonAsync<DeploymentResponse>($"/api/deployments/{deployment.Id}", Json.Options);

        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        Assert.Equal((fixture.SchoolOne1, "requested"), (deployment.HomeSchoolId, deployment.State.ToString().ToLowerInvariant()));
        Assert.Equal(HttpStatusCode.Forbidden, agreedByHost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "deployment-transition"), (declinedAfterwards.StatusCode, await RuleAsync(declinedAfterwards)));
        Assert.Equal("Agreed", seenByPhysicist!.State.ToString());
        await fixture.Events.WaitFor<StaffDeploymentRequested>(e => e.Deployment.DeploymentId == deployment.Id && e.Deployment.Session == "morning");
        await fixture.Events.WaitFor<StaffDeploymentAgreed>(e => e.Deployment.DeploymentId == deployment.Id && e.Deployment.HostSchoolId == fixture.SchoolOne2);
    }

    [Fact]
    public async Task Twenty_overlapping_deployments_agreed_at_once_leave_exactly_one_agreed()
    {
        var person = await fixture.NewPersonAsync(fixture.SchoolOne1);
        var (startsOn, endsOn) = NewWeek();
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            // Different spans of the week, each with its Wednesday: every one overlaps every other.
            var (from, to) = (startsOn.AddDays(i % 3), endsOn.AddDays(-(i % 2)));
            var requested = await RequestAsync(fixture.Admin, person.Id, fixture.SchoolOne2, from, to, "wholeDay");
            Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
            ids.Add((await requested.Content.ReadFromJsonAsync<DeploymentResponse>(Json.Options))!.Id);
        }

        var answers = await Task.WhenAll(ids.Select(async id =>
        {
            using var client = fixture.Service.ClientFor(ServiceFactory<Program>.Administrator);
            var response = await client.PostAsync($"/api/deployments/{id}/agree", null);
            return (response.StatusCode, Rule: await RuleAsync(response));
        }));

        Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(answer => answer.StatusCode != HttpStatusCode.OK),
            answer => Assert.Equal((HttpStatusCode.Conflict, "person-in-one-place"), answer));
        Assert.Equal(1, await fixture.Service.CountAsync("deployments", $"person_id = '{person.Id}' and state = 'agreed'"));
        Assert.Equal(1, await fixture.Service.CountAsync("outbox", $"message_type like '%StaffDeploymentAgreed%' and payload->'deployment'->>'personId' = '{person.Id}'"));
    }

    [Fact]
    public async Task Morning_and_afternoon_deployments_of_one_person_on_one_day_both_stand_and_a_later_overlap_is_refused()
    {
        var person = await fixture.NewPersonAsync(fixture.SchoolOne2);
        var (day, _) = NewWeek();

        var morning = await RequestAndAgreeAsync(person.Id, fixture.SchoolOne1, day, "morning");
        var afternoon = await RequestAndAgreeAsync(person.Id, fixture.ClusterOnlySchool, day, "afternoon");
        var wholeDay = await RequestAsync(fixture.Admin, person.Id, fixture.SchoolOne1, day, day, "wholeDay");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (morning, afternoon));
        Assert.Equal((HttpStatusCode.Conflict, "person-in-one-place"), (wholeDay.StatusCode, await RuleAsync(wholeDay)));
    }

    [Fact]
    public async Task Schools_that_share_no_federation_or_cluster_do_not_share_staff()
    {
        var person = await fixture.NewPersonAsync(fixture.SchoolOne1);
        var (startsOn, endsOn) = NewWeek();
        var before = await fixture.Service.CountAsync("deployments");

        var otherFederation = await RequestAsync(fixture.Admin, person.Id, fixture.SchoolTwo1, startsOn, endsOn, "wholeDay");
        var lone = await RequestAsync(fixture.Admin, person.Id, fixture.LoneSchool, startsOn, endsOn, "wholeDay");

        Assert.Equal((HttpStatusCode.Conflict, "home-and-host-are-partners"), (otherFederation.StatusCode, await RuleAsync(otherFederation)));
        Assert.Equal((HttpStatusCode.Conflict, "home-and-host-are-partners"), (lone.StatusCode, await RuleAsync(lone)));
        Assert.Equal(before, await fixture.Service.CountAsync("deployments"));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_and_writes_nothing()
    {
        var person = await fixture.NewPersonAsync(fixture.SchoolOne1);
        var (deployments, outbox) = (await fixture.Service.CountAsync("deployments"), await fixture.Service.CountAsync("outbox"));

        var empty = await fixture.Admin.PostAsJsonAsync("/api/deployments", new { personId = person.Id, startsOn = "2027-01-10", endsOn = "2027-01-09" });
        var toHome = await RequestAsync(fixture.Admin, person.Id, fixture.SchoolOne1, new DateOnly(2027, 1, 11), new DateOnly(2027, 1, 11), "morning");
        var unknownHost = await RequestAsync(fixture.Admin, person.Id, Guid.NewGuid(), new DateOnly(2027, 1, 11), new DateOnly(2027, 1, 11), "morning");
        var badSession = await RequestAsync(fixture.Admin, person.Id, fixture.SchoolOne2, new DateOnly(2027, 1, 11), new DateOnly(2027, 1, 11), "evening");

        Assert.Equal(["category", "endsOn", "hostSchoolId", "purpose", "session"], (await ErrorsAsync(empty)).Keys.Order());
        Assert.Equal(["hostSchoolId"], (await ErrorsAsync(toHome)).Keys);
        Assert.Equal(["hostSchoolId"], (await ErrorsAsync(unknownHost)).Keys);
        Assert.Equal(["session"], (await ErrorsAsync(badSession)).Keys);
        Assert.Equal((deployments, outbox), (await fixture.Service.CountAsync("deployments"), await fixture.Service.CountAsync("outbox")));
    }

    private async Task<HttpStatusCode> RequestAndAgreeAsync(Guid personId, Guid hostSchoolId, DateOnly day, string session)
    {
        var requested = await RequestAsync(fixture.Admin, personId, hostSchoolId, day, day, session);
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var id = (await requested.Content.ReadFromJsonAsync<DeploymentResponse>(Json.Options))!.Id;
        return (await fixture.Admin.PostAsync($"/api/deployments/{id}/agree", null)).StatusCode;
    }

    private static Task<HttpResponseMessage> RequestAsync(
        HttpClient client, Guid personId, Guid hostSchoolId, DateOnly startsOn, DateOnly endsOn, string session) =>
        client.PostAsJsonAsync("/api/deployments", new
        {
            personId,
            hostSchoolId,
            startsOn = startsOn.ToString("yyyy-MM-dd"),
            endsOn = endsOn.ToString("yyyy-MM-dd"),
            session,
            category = "subjectExpert",
            purpose = "Year 11 practicals",
        });

    /// <summary>A Monday to Friday of its own, so that tests do not overlap each other's deployments.</summary>
    private static (DateOnly StartsOn, DateOnly EndsOn) NewWeek()
    {
        var monday = new DateOnly(2027, 1, 4).AddDays(7 * Interlocked.Increment(ref nextWeek));
        return (monday, monday.AddDays(4));
    }
}
