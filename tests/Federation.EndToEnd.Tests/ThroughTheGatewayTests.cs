using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts.Schools;

namespace Federation.EndToEnd.Tests;

public class ThroughTheGatewayTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task A_signed_in_person_lists_the_demo_schools()
    {
        using var deputy = await platform.SignInAsync("deputy.a2@example.org");

        using var page = JsonDocument.Parse(await deputy.GetStringAsync("/api/schools"));

        var names = page.RootElement.GetProperty("items").EnumerateArray().Select(school => school.GetProperty("name").GetString());
        Assert.Superset(new HashSet<string?> { "School A1", "School A2", "School B" }, names.ToHashSet());
    }

    [Fact]
    public async Task An_administrator_registers_a_school_and_its_event_is_published()
    {
        using var admin = await platform.SignInAsync("admin@example.org");
        var urn = Random.Shared.Next(100000, 1000000);

        var response = await admin.PostAsJsonAsync("/api/schools", new
        {
            urn,
            name = "Thurrock Primary",
            localAuthorityId = "019a0000-0000-7000-8000-00000000a007",
            phase = "primary",
            lowestAge = 4,
            highestAge = 11,
            pupilsOnRoll = 420,
            fsmBand = 3,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(location)).StatusCode);
        await platform.Events.WaitFor<SchoolRegistered>(e => e.Urn == urn && e.Name == "Thurrock Primary");
    }

    [Fact]
    public async Task A_bad_request_gets_a_400_naming_its_fields()
    {
        using var admin = await platform.SignInAsync("admin@example.org");

        var response = await admin.PostAsJsonAsync("/api/schools", new { urn = 1, name = "", fsmBand = 5 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(field => field.Name).ToList();
        Assert.Contains("urn", fields);
        Assert.Contains("name", fields);
        Assert.Contains("fsmBand", fields);
    }

    [Fact]
    public async Task A_request_body_over_the_size_limit_is_refused_with_413()
    {
        using var admin = await platform.SignInAsync("admin@example.org");
        var tooLarge = new string('x', 2 * 1024 * 1024);

        var response = await admin.PostAsJsonAsync("/api/local-authorities", new { name = tooLarge, region = "Eastern Region" });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_gateway_answers_401()
    {
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.Address };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/schools")).StatusCode);
    }

    [Fact]
    public async Task Health_ready_answers_200_on_the_gateway_and_each_service()
    {
        using var client = new HttpClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(platform.Gateway.Address, "/health/ready"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(platform.Schools.Address, "/health/ready"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(platform.Staff.Address, "/health/ready"))).StatusCode);
    }

    [Fact]
    public async Task The_callers_trace_id_reaches_the_service_behind_the_gateway()
    {
        using var deputy = await platform.SignInAsync("deputy.a2@example.org");
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/schools/{Guid.NewGuid()}");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        var response = await deputy.SendAsync(request);

        // The 404 comes from the schools service, whose ProblemDetails carries its trace id.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(traceId, problem.RootElement.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task Each_services_OpenAPI_document_is_reachable_through_the_gateway()
    {
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.Address };

        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/schools/v1.json"));
        using var staff = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/staff/v1.json"));

        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/api/federations", out _));
        Assert.True(staff.RootElement.GetProperty("paths").TryGetProperty("/api/deployments/{id}/agree", out _));
        // "Try it" on the gateway's /scalar page sends requests to the gateway, not round it.
        Assert.Equal(platform.Gateway.Address.ToString(), document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task In_Production_there_is_no_dev_sign_in_and_clients_are_rate_limited_with_Retry_After()
    {
        await using var production = platform.StartGateway("Production", permitLimit: 2);
        await production.WaitUntilOkAsync("/health/ready", TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = production.Address };

        var signIn = await client.PostAsJsonAsync("/dev/token", new { email = "admin@example.org" });
        var second = await client.GetAsync("/api/schools");
        var third = await client.GetAsync("/api/schools");

        // No such endpoint (in Development it is 200): the path falls to the web application's pages, none of which takes it.
        Assert.False(signIn.IsSuccessStatusCode, $"POST /dev/token answered {(int)signIn.StatusCode} in Production");
        Assert.DoesNotContain("accessToken", await signIn.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}
