using System.Net;
using System.Net.Http.Json;
using Federation.Exchanges.Api;
using Ical.Net;
using static Federation.Exchanges.Tests.ExchangesServiceFixture;

namespace Federation.Exchanges.Tests;

public class CalendarFeedsTests(ExchangesServiceFixture fixture) : IClassFixture<ExchangesServiceFixture>
{
    private static async Task<CalendarFeedResponse> CreateFeedAsync(HttpClient client, Guid? schoolId = null)
    {
        var created = await client.PostAsJsonAsync("/api/exchange-visits/calendars", new { schoolId });
        await AssertStatusAsync(HttpStatusCode.Created, created);
        return (await created.Content.ReadFromJsonAsync<CalendarFeedResponse>(Json.Options))!;
    }

    /// <summary>Fetches the feed as a calendar application would: no token, only the secret address.</summary>
    private async Task<Calendar> FetchAsync(CalendarFeedResponse feed)
    {
        using var anonymous = fixture.Service.CreateClient();
        var response = await anonymous.GetAsync(new Uri(feed.Url!).PathAndQuery);
        await AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return Calendar.Load(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task A_persons_feed_parses_and_holds_their_confirmed_visit_and_open_day_place_only()
    {
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedA, "deputyHead");
        var homeHead = await fixture.NewInSchoolAsync(fixture.FederatedA, "headOfSchool");
        var hostHead = await fixture.NewInSchoolAsync(fixture.Host, "headteacher");
        var confirmedOn = fixture.NewSchoolDay();
        var confirmed = await VisitAsync(deputy, fixture.Host, confirmedOn, ("approve", homeHead.Client), ("confirm", hostHead.Client));
        var approved = await VisitAsync(deputy, fixture.Host, fixture.NewSchoolDay(), ("approve", homeHead.Client));
        var openDay = (await (await hostHead.Client.PostAsJsonAsync("/api/open-days",
            new { hostSchoolId = fixture.Host, theme = "Technology", openOn = fixture.NewSchoolDay(), places = 3 }))
            .Content.ReadFromJsonAsync<OpenDayResponse>(Json.Options))!;
        await AssertStatusAsync(HttpStatusCode.Created, await deputy.Client.PostAsJsonAsync($"/api/open-days/{openDay.Id}/bookings", new { }));

        var calendar = await FetchAsync(await CreateFeedAsync(deputy.Client));

        var visit = Assert.Single(calendar.Events, e => e.Uid == $"{confirmed.Id}@federation");
        Assert.Equal(confirmedOn, DateOnly.FromDateTime(visit.DtStart!.Value));
        Assert.False(visit.DtStart.HasTime);
        Assert.Contains("Host School", visit.Summary);
        Assert.DoesNotContain(calendar.Events, e => e.Uid == $"{approved.Id}@federation");
        Assert.Contains(calendar.Events, e => e.Summary!.StartsWith("Open day: Technology at Host School"));
        Assert.Equal(2, calendar.Events.Count);
    }

    [Fact]
    public async Task A_schools_feed_holds_the_visits_it_hosts_and_its_open_days_and_stops_when_revoked()
    {
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedB, "deputyHead");
        var homeHead = await fixture.NewInSchoolAsync(fixture.FederatedB, "headOfSchool");
        var hostHead = await fixture.NewInSchoolAsync(fixture.Other, "headteacher");
        var visit = await VisitAsync(deputy, fixture.Other, fixture.NewSchoolDay(), ("approve", homeHead.Client), ("confirm", hostHead.Client));
        await AssertStatusAsync(HttpStatusCode.Created, await hostHead.Client.PostAsJsonAsync("/api/open-days",
            new { hostSchoolId = fixture.Other, theme = "Closing the gap", openOn = fixture.NewSchoolDay(), places = 20 }));

        var sideways = await deputy.Client.PostAsJsonAsync("/api/exchange-visits/calendars", new { schoolId = fixture.Other });
        var feed = await CreateFeedAsync(hostHead.Client, fixture.Other);
        var calendar = await FetchAsync(feed);
        var listed = await hostHead.Client.GetFromJsonAsync<CalendarFeedResponse[]>("/api/exchange-visits/calendars", Json.Options);
        var revoked = await hostHead.Client.PostAsync($"/api/exchange-visits/calendars/{feed.Id}/revoke", null);
        using var anonymous = fixture.Service.CreateClient();
        var afterRevoking = await anonymous.GetAsync(new Uri(feed.Url!).PathAndQuery);
        var unknown = await anonymous.GetAsync("/api/exchange-visits/calendars/not-a-secret.ics");

        await AssertStatusAsync(HttpStatusCode.Forbidden, sideways);
        Assert.Contains(calendar.Events, e => e.Uid == $"{visit.Id}@federation");
        Assert.Contains(calendar.Events, e => e.Summary == "Open day we host: Closing the gap" && e.Description == "0 of 20 places booked.");
        Assert.Equal(("Other School", null), (Assert.Single(listed!).Name, listed![0].Url));
        await AssertStatusAsync(HttpStatusCode.NoContent, revoked);
        await AssertStatusAsync(HttpStatusCode.NotFound, afterRevoking);
        await AssertStatusAsync(HttpStatusCode.NotFound, unknown);
    }
}
