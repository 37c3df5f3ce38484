using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.BuildingBlocks.Api;
using Federation.Contracts.Schools;
using Federation.Schools.Api;

namespace Federation.Schools.Tests;

public class SchoolsApiTests(SchoolsServiceFixture fixture) : IClassFixture<SchoolsServiceFixture>
{
    [Fact]
    public async Task A_registered_school_is_readable_and_its_SchoolRegistered_event_reaches_a_consumer()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var urn = SchoolsServiceFixture.NewUrn();

        var response = await fixture.Admin.PostAsJsonAsync("/api/schools", SchoolsServiceFixture.SchoolBody(authority.Id, urn, "School A1"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<SchoolResponse>(Json.Options))!;
        Assert.Equal($"/api/schools/{created.Id}", response.Headers.Location?.OriginalString);
        var read = await fixture.Admin.GetFromJsonAsync<SchoolResponse>($"/api/schools/{created.Id}", Json.Options);
        Assert.Equal(("School A1", urn, 1800, new DateOnly(2024, 11, 14)), (read!.Name, read.Urn, read.PupilsOnRoll, read.OfstedInspectedOn));
        var published = await fixture.Events.WaitFor<SchoolRegistered>(e => e.SchoolId == created.Id);
        Assert.Equal((urn, "School A1", authority.Id, "secondary"), (published.Urn, published.Name, published.LocalAuthorityId, published.Phase));
    }

    [Fact]
    public async Task Bad_input_answers_400_naming_each_bad_field_and_writes_nothing()
    {
        var schoolsBefore = await fixture.Service.CountAsync("schools");
        var outboxBefore = await fixture.Service.CountAsync("outbox");

        var response = await fixture.Admin.PostAsJsonAsync("/api/schools", new
        {
            urn = 12,
            name = "",
            localAuthorityId = Guid.NewGuid(),
            phase = "secondary",
            lowestAge = 1,
            highestAge = 30,
            pupilsOnRoll = -1,
            fsmBand = 7,
            ofstedGrade = 2,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Equal(
            ["fsmBand", "highestAge", "lowestAge", "name", "ofstedInspectedOn", "pupilsOnRoll", "urn"],
            errors.Keys.Order());
        Assert.Equal("'fsmBand' must be between 1 and 4. You entered 7.", errors["fsmBand"].Single());
        Assert.Equal(schoolsBefore, await fixture.Service.CountAsync("schools"));
        Assert.Equal(outboxBefore, await fixture.Service.CountAsync("outbox"));
    }

    [Fact]
    public async Task The_highest_age_must_be_above_the_lowest()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var response = await fixture.Admin.PostAsJsonAsync("/api/schools", new
        {
            urn = SchoolsServiceFixture.NewUrn(),
            name = "Upside-down School",
            localAuthorityId = authority.Id,
            phase = "primary",
            lowestAge = 11,
            highestAge = 4,
            pupilsOnRoll = 200,
            fsmBand = 1,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["highestAge"], (await ErrorsAsync(response)).Keys);
    }

    [Theory]
    [InlineData("""{"urn": "not a number"}""", "urn")]
    [InlineData("""{"phase": "castle"}""", "phase")]
    [InlineData("""{"name": "A", "nickname": "B"}""", "nickname")]
    public async Task A_body_that_is_not_valid_JSON_for_the_request_names_the_field(string body, string field)
    {
        var response = await fixture.Admin.PostAsync("/api/schools", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await ErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task An_unknown_local_authority_is_a_400_on_localAuthorityId()
    {
        var response = await fixture.Admin.PostAsJsonAsync("/api/schools",
            SchoolsServiceFixture.SchoolBody(Guid.NewGuid(), SchoolsServiceFixture.NewUrn(), "Nowhere School"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["localAuthorityId"], (await ErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task A_duplicate_URN_is_refused_with_409_naming_the_rule()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var school = await fixture.NewSchoolAsync(authority.Id);

        var response = await fixture.Admin.PostAsJsonAsync("/api/schools", SchoolsServiceFixture.SchoolBody(authority.Id, school.Urn, "Copy"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("unique-urn", await RuleAsync(response));
    }

    [Fact]
    public async Task Updating_a_school_changes_it_and_publishes_SchoolUpdated()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var school = await fixture.NewSchoolAsync(authority.Id);

        var response = await fixture.Admin.PutAsJsonAsync($"/api/schools/{school.Id}",
            SchoolsServiceFixture.SchoolBody(authority.Id, school.Urn, "Renamed Academy"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Renamed Academy", (await fixture.Admin.GetFromJsonAsync<SchoolResponse>($"/api/schools/{school.Id}", Json.Options))!.Name);
        await fixture.Events.WaitFor<SchoolUpdated>(e => e.SchoolId == school.Id && e.Name == "Renamed Academy");
    }

    [Fact]
    public async Task Unknown_ids_answer_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.GetAsync($"/api/schools/{Guid.NewGuid()}")).StatusCode);
        var authority = await fixture.NewLocalAuthorityAsync();
        var update = await fixture.Admin.PutAsJsonAsync($"/api/schools/{Guid.NewGuid()}",
            SchoolsServiceFixture.SchoolBody(authority.Id, SchoolsServiceFixture.NewUrn(), "Ghost"));
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
    }

    [Fact]
    public async Task Schools_list_in_pages_filtered_by_local_authority()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var registered = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            registered.Add((await fixture.NewSchoolAsync(authority.Id, $"School {i}")).Id);
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await fixture.Admin.GetFromJsonAsync<Page<SchoolResponse>>(
                $"/api/schools?localAuthorityId={authority.Id}&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}", Json.Options);
            seen.AddRange(page!.Items.Select(school => school.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(registered, seen);
    }

    [Fact]
    public async Task A_limit_out_of_range_is_a_400_on_limit()
    {
        var response = await fixture.Admin.GetAsync("/api/schools?limit=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["limit"], (await ErrorsAsync(response)).Keys);
    }
}
