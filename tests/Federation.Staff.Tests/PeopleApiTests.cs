using System.Net;
using System.Net.Http.Json;
using Federation.Contracts.Staff;
using Federation.Staff.Api;

namespace Federation.Staff.Tests;

public class PeopleApiTests(StaffServiceFixture fixture) : IClassFixture<StaffServiceFixture>
{
    [Fact]
    public async Task A_registered_person_is_read_back_signs_in_as_themselves_and_is_published()
    {
        var person = await fixture.NewPersonAsync(fixture.SchoolOne1, "Physics");

        var read = await fixture.Admin.GetFromJsonAsync<PersonResponse>($"/api/people/{person.Id}", Json.Options);
        using var themselves = fixture.Service.ClientFor(person.Email.ToUpperInvariant());
        var me = await themselves.GetFromJsonAsync<PersonResponse>("/api/people/me", Json.Options);

        Assert.Equal(fixture.SchoolOne1, read!.HomeSchoolId);
        Assert.Equal(["Physics"], read.Specialisms);
        Assert.Equal(person.Id, me!.Id);
        await fixture.Events.WaitFor<PersonRegistered>(e => e.PersonId == person.Id && e.HomeSchoolId == fixture.SchoolOne1 && e.StaffType == "teaching");
    }

    [Fact]
    public async Task An_email_belongs_to_one_person_whatever_its_case()
    {
        var person = await fixture.NewPersonAsync(fixture.SchoolOne1);

        var again = await fixture.Admin.PostAsJsonAsync("/api/people", new
        {
            name = "Someone Else",
            email = person.Email.ToUpperInvariant(),
            homeSchoolId = fixture.SchoolOne2,
            staffType = "support",
        });

        Assert.Equal((HttpStatusCode.Conflict, "unique-email"), (again.StatusCode, await RuleAsync(again)));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_and_writes_nothing()
    {
        var people = await fixture.Service.CountAsync("people");
        var outbox = await fixture.Service.CountAsync("outbox");

        var empty = await fixture.Admin.PostAsJsonAsync("/api/people", new { name = "", email = "not-an-email", staffType = "teaching" });
        var unknownSchool = await fixture.Admin.PostAsJsonAsync("/api/people", new
        {
            name = "Nobody",
            email = StaffServiceFixture.NewEmail(),
            homeSchoolId = Guid.NewGuid(),
            staffType = "teaching",
        });
        var unknownType = await fixture.Admin.PostAsJsonAsync("/api/people", new { name = "X", email = StaffServiceFixture.NewEmail(), staffType = "teacher" });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(["email", "homeSchoolId", "name"], (await ErrorsAsync(empty)).Keys.Order());
        Assert.Equal(HttpStatusCode.BadRequest, unknownSchool.StatusCode);
        Assert.Equal(["homeSchoolId"], (await ErrorsAsync(unknownSchool)).Keys);
        Assert.Equal(HttpStatusCode.BadRequest, unknownType.StatusCode);
        Assert.Equal(["staffType"], (await ErrorsAsync(unknownType)).Keys);
        Assert.Equal((people, outbox), (await fixture.Service.CountAsync("people"), await fixture.Service.CountAsync("outbox")));
    }

    [Fact]
    public async Task Only_administrators_register_people_who_are_not_school_staff()
    {
        var (_, head, _) = await fixture.NewLeaderAsync(fixture.SchoolOne1, "headteacher", fixture.SchoolOne1);
        var officer = new { name = "An Officer", email = StaffServiceFixture.NewEmail(), staffType = "other" };

        var byHead = await head.PostAsJsonAsync("/api/people", officer);
        var byAdmin = await fixture.Admin.PostAsJsonAsync("/api/people", officer);

        Assert.Equal(HttpStatusCode.Forbidden, byHead.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
    }
}
