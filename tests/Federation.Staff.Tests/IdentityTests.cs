using System.Net;
using System.Net.Http.Json;
using Federation.Staff.Api;
using static Federation.Testing.Problems;

namespace Federation.Staff.Tests;

/// <summary>Who a caller is comes from their sign-in subject, bound to their person record on
/// their first sign-in by their verified email; a record's email is changed only by someone who
/// manages every place where the person holds a role.</summary>
public class IdentityTests(StaffServiceFixture fixture) : IClassFixture<StaffServiceFixture>
{
    [Fact]
    public async Task Changing_a_signed_in_persons_email_does_not_move_their_roles_to_whoever_signs_in_with_the_new_one()
    {
        var (head, headClient, _) = await fixture.NewLeaderAsync(fixture.SchoolOne1, "headteacher", fixture.SchoolOne1);
        var firstSignIn = await headClient.GetAsync("/api/people/me");
        await fixture.Service.WaitUntilReplicaAsync(
            $"exists (select 1 from access_people where id = '{head.Id}' and subject is not null)", "the head bound to their sign-in");

        var takenAddress = StaffServiceFixture.NewEmail();
        var changed = await fixture.Admin.PutAsJsonAsync($"/api/people/{head.Id}", new
        {
            name = head.Name, email = takenAddress, homeSchoolId = fixture.SchoolOne1, staffType = "teaching",
        });
        await fixture.Service.WaitUntilReplicaAsync(
            $"exists (select 1 from access_people where id = '{head.Id}' and email = '{takenAddress}')", "the new email in the replica");
        using var newcomer = fixture.Service.ClientFor(takenAddress);
        var newcomerMe = await newcomer.GetAsync("/api/people/me");
        var newcomerSees = await newcomer.GetAsync($"/api/people/{head.Id}");
        var newcomerRegisters = await newcomer.PostAsJsonAsync("/api/people", new
        {
            name = "Planted Person", email = StaffServiceFixture.NewEmail(), homeSchoolId = fixture.SchoolOne1, staffType = "teaching",
        });
        var headStillRegisters = await headClient.PostAsJsonAsync("/api/people", new
        {
            name = "New Teacher", email = StaffServiceFixture.NewEmail(), homeSchoolId = fixture.SchoolOne1, staffType = "teaching",
        });
        var headMe = await headClient.GetFromJsonAsync<PersonResponse>("/api/people/me", Json.Options);

        Assert.Equal(HttpStatusCode.OK, firstSignIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, newcomerMe.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, newcomerSees.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, newcomerRegisters.StatusCode);
        Assert.Equal(HttpStatusCode.Created, headStillRegisters.StatusCode);
        Assert.Equal((head.Id, takenAddress), (headMe!.Id, headMe.Email));
        Assert.Equal(1, await fixture.Service.CountAsync("outbox", $"message_type like '%PersonSignInBound%' and payload->>'personId' = '{head.Id}'"));
    }

    [Fact]
    public async Task A_persons_first_requests_at_once_each_find_them_whichever_binds_them()
    {
        var (head, headClient, _) = await fixture.NewLeaderAsync(fixture.SchoolOne1, "headteacher", fixture.SchoolOne1);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => headClient.GetAsync("/api/people/me")));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        foreach (var answer in answers)
        {
            Assert.Equal(head.Id, (await answer.Content.ReadFromJsonAsync<PersonResponse>(Json.Options))!.Id);
        }
    }

    [Fact]
    public async Task A_head_changes_the_email_of_their_staff_but_not_of_someone_who_holds_a_role_at_another_school()
    {
        var (_, headClient, _) = await fixture.NewLeaderAsync(fixture.SchoolOne1, "headteacher", fixture.SchoolOne1);
        var ownTeacher = await fixture.NewPersonAsync(fixture.SchoolOne1);
        var deputyElsewhere = await fixture.NewPersonAsync(fixture.SchoolOne1);
        Assert.Equal(HttpStatusCode.Created, (await StaffServiceFixture.AssignAsync(fixture.Admin, deputyElsewhere.Id, "deputyHead", fixture.LoneSchool)).StatusCode);

        var ownEmail = await UpdateAsync(headClient, ownTeacher, StaffServiceFixture.NewEmail());
        var elsewhereEmail = await UpdateAsync(headClient, deputyElsewhere, StaffServiceFixture.NewEmail());
        var elsewhereName = await UpdateAsync(headClient, deputyElsewhere with { Name = "Renamed Deputy" }, deputyElsewhere.Email);
        var byAdministrator = await UpdateAsync(fixture.Admin, deputyElsewhere, StaffServiceFixture.NewEmail());

        Assert.Equal(HttpStatusCode.OK, ownEmail.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhereEmail.StatusCode);
        Assert.Equal(HttpStatusCode.OK, elsewhereName.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdministrator.StatusCode);
    }

    [Fact]
    public async Task Nul_characters_and_dates_out_of_range_are_a_400_naming_the_field_and_write_nothing()
    {
        var person = await fixture.NewPersonAsync(fixture.SchoolOne1);
        var before = (await fixture.Service.CountAsync("people"), await fixture.Service.CountAsync("deployments"), await fixture.Service.CountAsync("role_assignments"));

        var nulName = await fixture.Admin.PostAsJsonAsync("/api/people", new
        {
            name = "Nul\u0000Person", email = StaffServiceFixture.NewEmail(), homeSchoolId = fixture.SchoolOne1, staffType = "teaching",
            specialisms = new[] { "Physics", "Che\u0000mistry" },
        });
        var nulQuery = await fixture.Admin.GetAsync("/api/people?email=a%00b");
        var farDeployment = await fixture.Admin.PostAsJsonAsync("/api/deployments", new
        {
            personId = person.Id, hostSchoolId = fixture.SchoolOne2, startsOn = "9999-12-31", endsOn = "9999-12-31",
            session = "morning", category = "subjectExpert", purpose = "p",
        });
        var yearsAheadDeployment = await fixture.Admin.PostAsJsonAsync("/api/deployments", new
        {
            personId = person.Id, hostSchoolId = fixture.SchoolOne2, startsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(3),
            endsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(3), session = "morning", category = "subjectExpert", purpose = "p",
        });
        var farRole = await fixture.Admin.PostAsJsonAsync("/api/role-assignments", new
        {
            personId = person.Id, role = "deputyHead", scopeId = fixture.SchoolOne1, startsOn = "2026-01-05", endsOn = "9999-12-31",
        });
        var roleYearsAhead = await fixture.Admin.PostAsJsonAsync("/api/role-assignments", new
        {
            personId = person.Id, role = "deputyHead", scopeId = fixture.SchoolOne1, startsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(5),
        });

        Assert.Equal(["name", "specialisms[1]"], (await ErrorsAsync(nulName)).Keys.Order());
        Assert.Equal(["email"], (await ErrorsAsync(nulQuery)).Keys);
        Assert.Equal(["endsOn", "startsOn"], (await ErrorsAsync(farDeployment)).Keys.Order());
        Assert.Equal(["startsOn"], (await ErrorsAsync(yearsAheadDeployment)).Keys);
        Assert.Equal(["endsOn"], (await ErrorsAsync(farRole)).Keys);
        Assert.Equal(["startsOn"], (await ErrorsAsync(roleYearsAhead)).Keys);
        Assert.Equal(before, (await fixture.Service.CountAsync("people"), await fixture.Service.CountAsync("deployments"), await fixture.Service.CountAsync("role_assignments")));
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_type_is_a_400_naming_the_parameter()
    {
        var notAnId = await fixture.Admin.GetAsync("/api/deployments?schoolId=not-an-id");
        var notAState = await fixture.Admin.GetAsync("/api/deployments?state=finished");
        var notADay = await fixture.Admin.GetAsync("/api/role-assignments?heldOn=31-12-2026");

        Assert.Equal(["schoolId"], (await ErrorsAsync(notAnId)).Keys);
        Assert.Equal(["state"], (await ErrorsAsync(notAState)).Keys);
        Assert.Equal(["heldOn"], (await ErrorsAsync(notADay)).Keys);
    }

    private static Task<HttpResponseMessage> UpdateAsync(HttpClient client, PersonResponse person, string email) =>
        client.PutAsJsonAsync($"/api/people/{person.Id}", new
        {
            name = person.Name, email, homeSchoolId = person.HomeSchoolId, staffType = person.StaffType.ToString().ToLowerInvariant(),
        });
}
