using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.BuildingBlocks.DemoData;
using Federation.Contracts.Staff;
using Federation.Testing;

namespace Federation.EndToEnd.Tests;

/// <summary>The staff service behind the gateway with its demo people (README), and its role
/// events honoured by the schools service.</summary>
public class SharedStaffThroughTheGatewayTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Physicist = "019a0000-0000-7000-8000-000000010008";

    [Fact]
    public async Task The_executive_principal_lends_a_teacher_from_A1_to_A2_and_a_second_overlapping_deployment_is_refused()
    {
        using var principal = await platform.SignInAsync("exec.principal@example.org");

        var requested = await principal.PostAsJsonAsync("/api/deployments", Deployment("2027-03-01", "2027-03-05", "morning"));
        using var deployment = JsonDocument.Parse(await requested.Content.ReadAsStringAsync());
        var id = deployment.RootElement.GetProperty("id").GetGuid();
        var agreed = await principal.PostAsync($"/api/deployments/{id}/agree", null);
        var overlapping = await principal.PostAsJsonAsync("/api/deployments", Deployment("2027-03-03", "2027-03-03", "wholeDay"));

        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "person-in-one-place"), (overlapping.StatusCode, await Problems.RuleAsync(overlapping)));
        await platform.Events.WaitFor<StaffDeploymentAgreed>(e =>
            e.Deployment.DeploymentId == id && e.Deployment.HomeSchoolId == DemoIds.SchoolA1 && e.Deployment.HostSchoolId == DemoIds.SchoolA2);
    }

    [Fact]
    public async Task A_deputy_cannot_assign_a_role()
    {
        using var deputy = await platform.SignInAsync("deputy.a2@example.org");

        var response = await deputy.PostAsJsonAsync("/api/role-assignments", new
        {
            personId = "019a0000-0000-7000-8000-000000010009",
            role = "headOfDepartment",
            scopeId = DemoIds.SchoolA2,
            startsOn = "2027-01-04",
        });

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
    }

    [Fact]
    public async Task A_role_assigned_in_staff_is_honoured_by_the_schools_service_until_it_ends()
    {
        using var admin = await platform.SignInAsync("admin@example.org");
        var email = $"officer.{Guid.NewGuid():N}@example.org";
        var registered = await admin.PostAsJsonAsync("/api/people", new { name = "New Officer", email, staffType = "other" });
        var personId = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var assigned = await admin.PostAsJsonAsync("/api/role-assignments",
            new { personId, role = "localAuthorityOfficer", scopeId = DemoIds.Suffolk, startsOn = "2025-09-01" });
        var assignmentId = JsonDocument.Parse(await assigned.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        using var officer = await platform.SignInAsync(email);
        var schoolB = await admin.GetStringAsync($"/api/schools/{DemoIds.SchoolB}");

        // The schools service learns of the role from the staff service's events.
        var updated = await Eventually.Until(() => UpdateSchoolBAsync(officer, schoolB), status => status == HttpStatusCode.OK,
            what: "the officer's update of School B");
        var ended = await admin.PostAsJsonAsync($"/api/role-assignments/{assignmentId}/end", new { });
        var refused = await Eventually.Until(() => UpdateSchoolBAsync(officer, schoolB), status => status == HttpStatusCode.Forbidden,
            what: "the officer's update refused once the role ended");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (registered.StatusCode, assigned.StatusCode));
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (updated, refused));
    }

    /// <summary>PUTs School B's entry back as it is (minus the read-only members).</summary>
    private static async Task<HttpStatusCode> UpdateSchoolBAsync(HttpClient client, string schoolB)
    {
        var entry = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(schoolB)!;
        foreach (var readOnly in new[] { "id", "federationIds", "clusterIds" })
        {
            entry.Remove(readOnly);
        }
        return (await client.PutAsJsonAsync($"/api/schools/{DemoIds.SchoolB}", entry)).StatusCode;
    }

    private static object Deployment(string startsOn, string endsOn, string session) => new
    {
        personId = Physicist,
        hostSchoolId = DemoIds.SchoolA2,
        startsOn,
        endsOn,
        session,
        category = "subjectExpert",
        purpose = "Year 11 physics practicals",
    };
}
