using System.Net;
using System.Net.Http.Json;

namespace Federation.Schools.Tests;

public class AuthorizationTests(SchoolsServiceFixture fixture) : IClassFixture<SchoolsServiceFixture>
{
    [Fact]
    public async Task Without_a_token_reads_and_writes_answer_401()
    {
        using var anonymous = fixture.Service.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/schools")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/local-authorities", new { name = "X", region = "Y" })).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_answers_401()
    {
        using var forged = fixture.Service.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", Federation.BuildingBlocks.Auth.DevTokens.Issue(
            new() { SigningKey = "someone-elses-key-0123456789-0123456789" }, "admin@example.org", TimeSpan.FromHours(1)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/schools")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_person_who_is_not_an_administrator_reads_but_cannot_change_the_directory()
    {
        using var deputy = fixture.Service.ClientFor("deputy.a2@example.org");
        var before = await fixture.Service.CountAsync("local_authorities");

        var read = await deputy.GetAsync("/api/schools");
        var write = await deputy.PostAsJsonAsync("/api/local-authorities", new { name = "Deputy's LA", region = "Eastern Region" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(before, await fixture.Service.CountAsync("local_authorities"));
    }

    [Fact]
    public async Task Health_and_the_OpenAPI_document_need_no_token()
    {
        using var anonymous = fixture.Service.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        var openApi = await anonymous.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"RegisterSchool\"", openApi);
    }
}
