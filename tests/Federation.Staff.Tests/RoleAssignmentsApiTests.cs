using System.Net;
using System.Net.Http.Json;
using Federation.BuildingBlocks.Api;
using Federation.Contracts.Staff;
using Federation.Staff.Api;

namespace Federation.Staff.Tests;

public class RoleAssignmentsApiTests(StaffServiceFixture fixture) : IClassFixture<StaffServiceFixture>
{
    [Fact]
    public async Task A_role_is_assigned_in_the_scope_its_role_needs_and_published()
    {
        var person = await fixture.NewPersonAsync(fixture.SchoolOne1);

        var response = await fixture.Admin.PostAsJsonAsync("/api/role-assignments", new
        {
            personId = person.Id,
            role = "deputyHead",
            scopeId = fixture.SchoolOne1,
            startsOn = "2026-09-01",
            leadershipFunction = "behaviourAndInclusion",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var assignment = (await response.Content.ReadFromJsonAsync<RoleAssignmentResponse>(Json.Options))!;
        Assert.Equal(("School", "Substantive"), (assignment.ScopeKind.ToString(), assignment.Kind.ToString()));
        await fixture.Events.WaitFor<RoleAssigned>(e =>
            e.AssignmentId == assignment.Id && e.Role == "deputyHead" && e.ScopeKind == "school" && e.LeadershipFunction == "behaviourAndInclusion");
    }

    [Fact]
    public async Task A_role_in_an_unknown_or_wrong_kind_of_scope_is_a_400_naming_scopeId()
    {
        var person = await fixture.NewPersonAsync(fixture.SchoolOne1);

        var unknown = await StaffServiceFixture.AssignAsync(fixture.Admin, person.Id, "headteacher", Guid.NewGuid());
        // An executive principal is held in a federation, not a school.
        var wrongKind = await StaffServiceFixture.AssignAsync(fixture.Admin, person.Id, "executivePrincipal", fixture.SchoolOne1);

        Assert.Equal(["scopeId"], (await ErrorsAsync(unknown)).Keys);
        Assert.Equal(["scopeId"], (await ErrorsAsync(wrongKind)).Keys);
    }

    [Fact]
    public async Task Secondments_need_an_end_date_and_rotations_last_one_to_two_years()
    {
        var person = await fixture.NewPersonAsync(fixture.SchoolOne1);
        var before = await fixture.Service.CountAsync("role_assignments");

        var secondment = await fixture.Admin.PostAsJsonAsync("/api/role-assignments", new
        {
            personId = person.Id, role = "assistantHead", scopeId = fixture.SchoolOne1, startsOn = "2026-09-01", kind = "internalSecondment",
        });
        var shortRotation = await fixture.Admin.PostAsJsonAsync("/api/role-assignments", new
        {
            personId = person.Id, role = "assistantHead", scopeId = fixture.SchoolOne1, startsOn = "2026-09-01", endsOn = "2027-03-31", kind = "rotation",
        });
        var rotation = await fixture.Admin.PostAsJsonAsync("/api/role-assignments", new
        {
            personId = person.Id, role = "assistantHead", scopeId = fixture.SchoolOne1, startsOn = "2026-09-01", endsOn = "2027-08-31", kind = "rotation",
        });

        Assert.Equal(["endsOn"], (await ErrorsAsync(secondment)).Keys);
        Assert.Equal(["endsOn"], (await ErrorsAsync(shortRotation)).Keys);
        Assert.Equal(HttpStatusCode.Created, rotation.StatusCode);
        Assert.Equal(before + 1, await fixture.Service.CountAsync("role_assignments"));
    }

    [Fact]
    public async Task A_person_holds_a_role_in_a_scope_once_at_a_time()
    {
        var person = await fixture.NewPersonAsync(fixture.SchoolOne2);

        var first = await StaffServiceFixture.AssignAsync(fixture.Admin, person.Id, "teacher", fixture.SchoolOne2);
        var second = await StaffServiceFixture.AssignAsync(fixture.Admin, person.Id, "teacher", fixture.SchoolOne2);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "role-not-held-twice"), (second.StatusCode, await RuleAsync(second)));
    }

    [Fact]
    public async Task The_heads_of_a_clusters_member_schools_are_one_list_with_their_names()
    {
        var (inCluster, _, _) = await fixture.NewLeaderAsync(fixture.SchoolOne2, "headteacher", fixture.SchoolOne2);
        var (clusterOnly, _, _) = await fixture.NewLeaderAsync(fixture.ClusterOnlySchool, "headteacher", fixture.ClusterOnlySchool);
        var (outside, _, _) = await fixture.NewLeaderAsync(fixture.LoneSchool, "headteacher", fixture.LoneSchool);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var heads = (await fixture.Admin.GetFromJsonAsync<Page<RoleAssignmentResponse>>(
            $"/api/role-assignments?within={fixture.Cluster}&role=headteacher&heldOn={today:yyyy-MM-dd}&limit=200", Json.Options))!.Items;

        var ids = heads.Select(head => head.PersonId).ToList();
        Assert.Contains(inCluster.Id, ids);
        Assert.Contains(clusterOnly.Id, ids);
        Assert.DoesNotContain(outside.Id, ids);
        Assert.All(heads, head => Assert.Contains(head.ScopeId, new[] { fixture.SchoolOne2, fixture.ClusterOnlySchool }));
        Assert.Equal(inCluster.Name, heads.Single(head => head.PersonId == inCluster.Id).PersonName);
    }
}
