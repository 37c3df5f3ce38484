using System.Net;
using System.Net.Http.Json;
using Federation.BuildingBlocks.Api;
using Federation.Staff.Api;

namespace Federation.Staff.Tests;

/// <summary>Who may see and change whose people and roles (ARCHITECTURE.md §7): out-of-scope
/// objects answer 404; objects a person may see but not change answer 403.</summary>
public class ScopedAccessTests(StaffServiceFixture fixture) : IClassFixture<StaffServiceFixture>
{
    [Fact]
    public async Task An_executive_principal_sees_and_manages_their_own_federation_and_not_another()
    {
        var (_, principal, _) = await fixture.NewLeaderAsync(fixture.SchoolOne1, "executivePrincipal", fixture.FederationOne);
        var ownTeacher = await fixture.NewPersonAsync(fixture.SchoolOne2);
        var otherTeacher = await fixture.NewPersonAsync(fixture.SchoolTwo1);

        var seesOwn = await principal.GetAsync($"/api/people/{ownTeacher.Id}");
        var seesOther = await principal.GetAsync($"/api/people/{otherTeacher.Id}");
        var listed = await principal.GetFromJsonAsync<Page<PersonResponse>>($"/api/people?limit=200", Json.Options);
        var assignsOwn = await StaffServiceFixture.AssignAsync(principal, ownTeacher.Id, "headOfDepartment", fixture.SchoolOne2);
        var assignsOther = await StaffServiceFixture.AssignAsync(principal, otherTeacher.Id, "headOfDepartment", fixture.SchoolTwo1);
        var otherPrincipal = await StaffServiceFixture.AssignAsync(principal, ownTeacher.Id, "executivePrincipal", fixture.FederationTwo);

        Assert.Equal(HttpStatusCode.OK, seesOwn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, seesOther.StatusCode);
        Assert.Contains(listed!.Items, person => person.Id == ownTeacher.Id);
        Assert.DoesNotContain(listed.Items, person => person.Id == otherTeacher.Id);
        Assert.Equal(HttpStatusCode.Created, assignsOwn.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, assignsOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherPrincipal.StatusCode);
    }

    [Fact]
    public async Task Paging_through_what_a_caller_may_see_gives_each_visible_person_once_in_order()
    {
        var (_, principal, _) = await fixture.NewLeaderAsync(fixture.SchoolOne1, "executivePrincipal", fixture.FederationOne);
        var own = new[] { await fixture.NewPersonAsync(fixture.SchoolOne1), await fixture.NewPersonAsync(fixture.SchoolOne2), await fixture.NewPersonAsync(fixture.SchoolOne2) };
        var other = await fixture.NewPersonAsync(fixture.SchoolTwo1);

        var whole = (await principal.GetFromJsonAsync<Page<PersonResponse>>("/api/people?limit=200", Json.Options))!.Items.Select(person => person.Id).ToList();
        var paged = await PageThroughAsync(principal, "/api/people?limit=2");
        var pagedAtOneSchool = await PageThroughAsync(principal, $"/api/people?schoolId={fixture.SchoolOne2}&limit=1");

        Assert.Equal(whole, paged);
        Assert.Equal(whole.Order().ToList(), paged);
        Assert.Subset(paged.ToHashSet(), own.Select(person => person.Id).ToHashSet());
        Assert.DoesNotContain(other.Id, paged);
        Assert.Subset(pagedAtOneSchool.ToHashSet(), own.Skip(1).Select(person => person.Id).ToHashSet());
        Assert.Equal(whole.Where(pagedAtOneSchool.Contains).ToList(), pagedAtOneSchool);
    }

    private static async Task<List<Guid>> PageThroughAsync(HttpClient client, string firstPage)
    {
        var ids = new List<Guid>();
        for (string? cursor = null, url = firstPage; url is not null; url = cursor is null ? null : $"{firstPage}&cursor={cursor}")
        {
            var page = (await client.GetFromJsonAsync<Page<PersonResponse>>(url, Json.Options))!;
            ids.AddRange(page.Items.Select(person => person.Id));
            cursor = page.NextCursor;
        }
        return ids;
    }

    [Fact]
    public async Task A_deputy_sees_their_school_but_cannot_assign_roles_in_it()
    {
        var (_, deputy, _) = await fixture.NewLeaderAsync(fixture.SchoolOne1, "deputyHead", fixture.SchoolOne1);
        var teacher = await fixture.NewPersonAsync(fixture.SchoolOne1);
        var before = await fixture.Service.CountAsync("role_assignments");

        var sees = await deputy.GetAsync($"/api/people/{teacher.Id}");
        var assigns = await StaffServiceFixture.AssignAsync(deputy, teacher.Id, "headOfDepartment", fixture.SchoolOne1);

        Assert.Equal(HttpStatusCode.OK, sees.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, assigns.StatusCode);
        Assert.Equal(before, await fixture.Service.CountAsync("role_assignments"));
    }

    [Fact]
    public async Task A_head_sees_their_federations_executive_principal_but_not_a_sideways_school()
    {
        var (principal, _, principalRole) = await fixture.NewLeaderAsync(fixture.SchoolOne1, "executivePrincipal", fixture.FederationOne);
        var (_, head, _) = await fixture.NewLeaderAsync(fixture.SchoolOne2, "headOfSchool", fixture.SchoolOne2);
        var (_, _, sidewaysRole) = await fixture.NewLeaderAsync(fixture.SchoolTwo1, "headOfSchool", fixture.SchoolTwo1);

        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/api/people/{principal.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/api/role-assignments/{principalRole.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/api/role-assignments/{sidewaysRole.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_role_that_ended_stops_granting_access()
    {
        var (_, head, headship) = await fixture.NewLeaderAsync(fixture.SchoolTwo2, "headteacher", fixture.SchoolTwo2);
        var teacher = await fixture.NewPersonAsync(fixture.SchoolTwo2);
        var whileHead = await StaffServiceFixture.AssignAsync(head, teacher.Id, "headOfDepartment", fixture.SchoolTwo2);

        var ended = await fixture.Admin.PostAsJsonAsync($"/api/role-assignments/{headship.Id}/end", new { });
        var afterwards = await StaffServiceFixture.AssignAsync(head, teacher.Id, "assistantHead", fixture.SchoolTwo2);
        var seesAfterwards = await head.GetAsync($"/api/people/{teacher.Id}");
        var endedAgain = await fixture.Admin.PostAsJsonAsync($"/api/role-assignments/{headship.Id}/end", new { });

        Assert.Equal(HttpStatusCode.Created, whileHead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, afterwards.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, seesAfterwards.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "role-already-ended"), (endedAgain.StatusCode, await RuleAsync(endedAgain)));
        await fixture.Events.WaitFor<Federation.Contracts.Staff.RoleEnded>(e => e.AssignmentId == headship.Id);
    }

    [Fact]
    public async Task A_cluster_chair_sees_the_clusters_schools_staff_but_does_not_manage_them()
    {
        var (_, chair, _) = await fixture.NewLeaderAsync(fixture.LoneSchool, "clusterChair", fixture.Cluster);
        var clusterTeacher = await fixture.NewPersonAsync(fixture.ClusterOnlySchool);

        Assert.Equal(HttpStatusCode.OK, (await chair.GetAsync($"/api/people/{clusterTeacher.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await StaffServiceFixture.AssignAsync(chair, clusterTeacher.Id, "teacher", fixture.ClusterOnlySchool)).StatusCode);
    }
}
