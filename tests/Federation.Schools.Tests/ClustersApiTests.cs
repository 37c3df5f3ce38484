using System.Net;
using System.Net.Http.Json;
using Federation.Contracts.Schools;
using Federation.Schools.Api;
using Federation.Schools.Domain;

namespace Federation.Schools.Tests;

public class ClustersApiTests(SchoolsServiceFixture fixture) : IClassFixture<SchoolsServiceFixture>
{
    [Fact]
    public async Task A_cluster_is_formed_renamed_and_its_members_change_with_an_event_for_each()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var a1 = await fixture.NewSchoolAsync(authority.Id, "A1");
        var b = await fixture.NewSchoolAsync(authority.Id, "B");

        var formed = await fixture.Admin.PostAsJsonAsync("/api/clusters", new
        {
            name = "Learning Gateway",
            localAuthorityId = authority.Id,
            meetingCadence = "halfTermly",
            memberSchoolIds = new[] { a1.Id },
        });
        Assert.Equal(HttpStatusCode.Created, formed.StatusCode);
        var cluster = (await formed.Content.ReadFromJsonAsync<ClusterResponse>(Json.Options))!;

        var renamed = await fixture.Admin.PutAsJsonAsync($"/api/clusters/{cluster.Id}", new
        {
            name = "Learning Gateways",
            localAuthorityId = authority.Id,
            meetingCadence = "monthly",
        });
        var joined = await fixture.Admin.PostAsJsonAsync($"/api/clusters/{cluster.Id}/members", new { schoolId = b.Id });
        var again = await fixture.Admin.PostAsJsonAsync($"/api/clusters/{cluster.Id}/members", new { schoolId = b.Id });
        var left = await fixture.Admin.DeleteAsync($"/api/clusters/{cluster.Id}/members/{a1.Id}");

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "already-a-member"), (again.StatusCode, await RuleAsync(again)));
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        var now = (await fixture.Admin.GetFromJsonAsync<ClusterResponse>($"/api/clusters/{cluster.Id}", Json.Options))!;
        Assert.Equal(("Learning Gateways", MeetingCadence.Monthly), (now.Name, now.MeetingCadence));
        Assert.Equal([b.Id], now.Members.Select(m => m.SchoolId));
        await fixture.Events.WaitFor<ClusterFormed>(e => e.ClusterId == cluster.Id);
        await fixture.Events.WaitFor<ClusterUpdated>(e => e.ClusterId == cluster.Id && e.Name == "Learning Gateways");
        await fixture.Events.WaitFor<SchoolJoinedCluster>(e => e.ClusterId == cluster.Id && e.SchoolId == b.Id);
        await fixture.Events.WaitFor<SchoolLeftCluster>(e => e.ClusterId == cluster.Id && e.SchoolId == a1.Id);
        var b2 = await fixture.Admin.GetFromJsonAsync<SchoolResponse>($"/api/schools/{b.Id}", Json.Options);
        Assert.Equal([cluster.Id], b2!.ClusterIds);
    }

    [Fact]
    public async Task A_cluster_with_unknown_references_is_a_400_naming_them()
    {
        var response = await fixture.Admin.PostAsJsonAsync("/api/clusters", new
        {
            name = "Nowhere network",
            localAuthorityId = Guid.NewGuid(),
            meetingCadence = "termly",
            memberSchoolIds = new[] { Guid.NewGuid() },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["localAuthorityId", "memberSchoolIds[0]"], (await ErrorsAsync(response)).Keys.Order());
        Assert.Equal(0, await fixture.Service.CountAsync("clusters", "name = 'Nowhere network'"));
    }
}
