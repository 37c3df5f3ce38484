using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.BuildingBlocks;
using Federation.BuildingBlocks.DemoData;
using Federation.Contracts.Exchanges;
using Federation.Testing;
using Ical.Net;

namespace Federation.EndToEnd.Tests;

/// <summary>The exchanges service behind the gateway, with the demo people it learnt from the
/// staff service's events and its own demo visits and open day.</summary>
public class ExchangesThroughTheGatewayTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    /// <summary>Demo visit 2: A1's deputy visiting A2. A2's deputy sees it once the exchanges
    /// service knows her and her role (the staff events come through the broker).</summary>
    private const string DemoVisitHostedByA2 = "019a0000-0000-7000-8000-0000000e0002";

    /// <summary>Demo visit 1: A1's deputy at School B three weeks ago, completed, with a reflection.</summary>
    private const string DemoVisitReflectedOn = "019a0000-0000-7000-8000-0000000e0001";

    [Fact]
    public async Task The_deputy_of_A2_requests_a_visit_to_A1_gets_it_approved_and_confirmed_and_sees_it_in_her_calendar()
    {
        using var deputy = await platform.SignInAsync("deputy.a2@example.org");
        using var headOfA2 = await platform.SignInAsync("head.a2@example.org");
        using var headOfA1 = await platform.SignInAsync("head.a1@example.org");
        await Eventually.Until(() => deputy.GetAsync($"/api/exchange-visits/{DemoVisitHostedByA2}"), response => response.IsSuccessStatusCode,
            what: "the demo people and roles in the exchanges service");
        var visitOn = SchoolDays.OnOrAfter(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30));

        var requested = await deputy.PostAsJsonAsync("/api/exchange-visits", new
        {
            hostSchoolId = DemoIds.SchoolA1,
            visitOn,
            session = "wholeDay",
            purpose = "How A1 runs the management matrix with its six-week cycles",
            themes = new[] { "monitoringSystems", "leadershipStructures" },
        });
        using var visit = JsonDocument.Parse(await requested.Content.ReadAsStringAsync());
        var id = visit.RootElement.GetProperty("id").GetGuid();
        var approvedByHerself = await deputy.PostAsync($"/api/exchange-visits/{id}/approve", null);
        var confirmedTooSoon = await headOfA1.PostAsync($"/api/exchange-visits/{id}/confirm", null);
        var approved = await headOfA2.PostAsync($"/api/exchange-visits/{id}/approve", null);
        var confirmed = await headOfA1.PostAsync($"/api/exchange-visits/{id}/confirm", null);
        var feed = await deputy.PostAsJsonAsync("/api/exchange-visits/calendars", new { });
        var feedUrl = JsonDocument.Parse(await feed.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString()!;
        using var calendarApplication = new HttpClient();
        var ics = await calendarApplication.GetAsync(feedUrl);
        var calendar = Calendar.Load(await ics.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        Assert.Equal(("Grace Okafor", "School A1"), (visit.RootElement.GetProperty("visitorName").GetString(), visit.RootElement.GetProperty("hostSchoolName").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, approvedByHerself.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "exchange-visit-transition"), (confirmedTooSoon.StatusCode, await Problems.RuleAsync(confirmedTooSoon)));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.StartsWith(platform.Gateway.Address.ToString().TrimEnd('/'), feedUrl);
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        var onCalendar = Assert.Single(calendar.Events, e => e.Uid == $"{id}@federation");
        Assert.Equal(visitOn, DateOnly.FromDateTime(onCalendar.DtStart!.Value));
        Assert.Equal("Exchange visit: Grace Okafor (School A2) at School A1", onCalendar.Summary);
        await platform.Events.WaitFor<ExchangeVisitConfirmed>(e => e.Visit.VisitId == id && e.Visit.HostSchoolId == DemoIds.SchoolA1);
    }

    [Fact]
    public async Task The_demo_open_day_takes_bookings_the_reflection_is_private_and_the_api_is_documented_through_the_gateway()
    {
        using var deputy = await platform.SignInAsync("deputy.a2@example.org");
        using var principal = await platform.SignInAsync("exec.principal@example.org");
        using var hostHead = await platform.SignInAsync("cluster.chair@example.org");
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.Address };
        await Eventually.Until(() => deputy.GetAsync($"/api/exchange-visits/{DemoVisitHostedByA2}"), response => response.IsSuccessStatusCode,
            what: "the demo people and roles in the exchanges service");

        using var openDays = JsonDocument.Parse(await deputy.GetStringAsync($"/api/open-days?schoolId={DemoIds.SchoolB}"));
        var openDay = openDays.RootElement.GetProperty("items")[0];
        var booked = await deputy.PostAsJsonAsync($"/api/open-days/{openDay.GetProperty("id").GetGuid()}/bookings", new { });
        var unsigned = await anonymous.GetAsync("/api/open-days");
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/exchanges/v1.json"));
        using var seenByPrincipal = JsonDocument.Parse(await principal.GetStringAsync($"/api/exchange-visits/{DemoVisitReflectedOn}"));
        using var seenByHost = JsonDocument.Parse(await hostHead.GetStringAsync($"/api/exchange-visits/{DemoVisitReflectedOn}"));

        Assert.Equal(("Technology", 9), (openDay.GetProperty("theme").GetString(), openDay.GetProperty("placesLeft").GetInt32()));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal("reflected", seenByPrincipal.RootElement.GetProperty("state").GetString());
        Assert.StartsWith("Give each deputy", seenByPrincipal.RootElement.GetProperty("reflection").GetProperty("takeHome").GetString());
        Assert.True(seenByHost.RootElement.GetProperty("reflectionSubmitted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, seenByHost.RootElement.GetProperty("reflection").ValueKind);
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/api/exchange-visits/{id}/confirm", out _));
        var listParameters = document.RootElement.GetProperty("paths").GetProperty("/api/exchange-visits").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(parameter => parameter.GetProperty("name").GetString()).ToList();
        Assert.Equal(["schoolId", "personId", "state", "from", "to", "limit", "cursor"], listParameters);
        Assert.StartsWith(platform.Gateway.Address.ToString().TrimEnd('/'),
            document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
    }
}
