using System.Net;
using System.Net.Http.Json;
using Federation.BuildingBlocks.Api;
using Federation.Contracts.Exchanges;
using Federation.Exchanges.Api;
using Federation.Exchanges.Domain;
using static Federation.Exchanges.Tests.ExchangesServiceFixture;

namespace Federation.Exchanges.Tests;

public class OpenDaysApiTests(ExchangesServiceFixture fixture) : IClassFixture<ExchangesServiceFixture>
{
    private async Task<OpenDayResponse> PublishAsync(int places)
    {
        var hostHead = await fixture.NewInSchoolAsync(fixture.Host, "headteacher");
        var published = await hostHead.Client.PostAsJsonAsync("/api/open-days",
            new { hostSchoolId = fixture.Host, theme = "Technology", openOn = fixture.NewSchoolDay(), places });
        await AssertStatusAsync(HttpStatusCode.Created, published);
        return (await published.Content.ReadFromJsonAsync<OpenDayResponse>(Json.Options))!;
    }

    private static Task<HttpResponseMessage> BookAsync(HttpClient client, Guid openDayId, Guid? personId = null) =>
        client.PostAsJsonAsync($"/api/open-days/{openDayId}/bookings", new { personId });

    [Fact]
    public async Task Fifty_bookings_racing_for_ten_places_leave_exactly_ten()
    {
        var openDay = await PublishAsync(places: 10);
        var deputies = new List<TestPerson>();
        for (var i = 0; i < 50; i++)
        {
            deputies.Add(await fixture.AnnounceAsync(i % 2 == 0 ? fixture.FederatedA : fixture.Other, ("deputyHead", "school", fixture.FederatedA)));
        }
        await fixture.Service.WaitUntilReplicaAsync(
            $"(select count(*) from access_people where id = any(array[{string.Join(",", deputies.Select(d => $"'{d.Id}'::uuid"))}])) = 50",
            "fifty deputies in the replica");

        var bookings = await Task.WhenAll(deputies.Select(deputy => BookAsync(deputy.Client, openDay.Id)));

        Assert.Equal(10, bookings.Count(response => response.StatusCode == HttpStatusCode.Created));
        Assert.Equal(40, bookings.Count(response => response.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in bookings.Where(response => response.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal("open-day-full", await RuleAsync(refused));
        }
        Assert.Equal(10, await fixture.Service.CountAsync("open_day_bookings", $"open_day_id = '{openDay.Id}' and state = 'booked'"));
        Assert.Equal(10, await fixture.Service.CountAsync("outbox", $"message_type like '%OpenDayPlaceBooked%' and payload->>'openDayId' = '{openDay.Id}'"));
        Assert.Equal(0, (await fixture.Admin.GetFromJsonAsync<OpenDayResponse>($"/api/open-days/{openDay.Id}", Json.Options))!.PlacesLeft);
    }

    [Fact]
    public async Task A_cancelled_place_can_be_booked_again_and_a_person_holds_one_place()
    {
        var openDay = await PublishAsync(places: 1);
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedA, "deputyHead");
        var another = await fixture.NewInSchoolAsync(fixture.Other, "deputyHead");

        var booked = await BookAsync(deputy.Client, openDay.Id);
        var bookedTwice = await BookAsync(deputy.Client, openDay.Id);
        var full = await BookAsync(another.Client, openDay.Id);
        var booking = (await booked.Content.ReadFromJsonAsync<BookingResponse>(Json.Options))!;
        var cancelledByAnother = await another.Client.PostAsync($"/api/open-days/{openDay.Id}/bookings/{booking.Id}/cancel", null);
        var cancelled = await deputy.Client.PostAsync($"/api/open-days/{openDay.Id}/bookings/{booking.Id}/cancel", null);
        var cancelledTwice = await deputy.Client.PostAsync($"/api/open-days/{openDay.Id}/bookings/{booking.Id}/cancel", null);
        var rebooked = await BookAsync(another.Client, openDay.Id);

        await AssertStatusAsync(HttpStatusCode.Created, booked);
        Assert.Equal((HttpStatusCode.Conflict, "one-place-per-person"), (bookedTwice.StatusCode, await RuleAsync(bookedTwice)));
        Assert.Equal((HttpStatusCode.Conflict, "open-day-full"), (full.StatusCode, await RuleAsync(full)));
        await AssertStatusAsync(HttpStatusCode.NotFound, cancelledByAnother);
        await AssertStatusAsync(HttpStatusCode.OK, cancelled);
        Assert.Equal((HttpStatusCode.Conflict, "booking-cancelled"), (cancelledTwice.StatusCode, await RuleAsync(cancelledTwice)));
        await AssertStatusAsync(HttpStatusCode.Created, rebooked);
        await fixture.Events.WaitFor<OpenDayPlaceCancelled>(e => e.BookingId == booking.Id && e.PersonId == deputy.Id);
        await fixture.Events.WaitFor<OpenDayPlaceBooked>(e => e.OpenDayId == openDay.Id && e.PersonId == another.Id);
    }

    [Fact]
    public async Task The_hosts_leaders_publish_and_see_every_booking_others_see_their_own()
    {
        var deputyOfHost = await fixture.NewInSchoolAsync(fixture.Host, "deputyHead");
        var notPublished = await deputyOfHost.Client.PostAsJsonAsync("/api/open-days",
            new { hostSchoolId = fixture.Host, theme = "Technology", openOn = fixture.NewSchoolDay(), places = 5 });
        var openDay = await PublishAsync(places: 5);
        var first = await fixture.NewInSchoolAsync(fixture.FederatedA, "deputyHead");
        var second = await fixture.NewInSchoolAsync(fixture.Other, "assistantHead");
        var teacher = await fixture.NewInSchoolAsync(fixture.FederatedA, "teacher");
        var homeHead = await fixture.NewInSchoolAsync(fixture.FederatedA, "headOfSchool");
        var ownSchool = await BookAsync(deputyOfHost.Client, openDay.Id);
        await BookAsync(first.Client, openDay.Id);
        await BookAsync(second.Client, openDay.Id);
        var forTeacher = await BookAsync(homeHead.Client, openDay.Id, teacher.Id);
        var forSomeoneElses = await BookAsync(homeHead.Client, openDay.Id, second.Id);

        async Task<Guid[]> SeenBy(HttpClient client) =>
            (await client.GetFromJsonAsync<Page<BookingResponse>>($"/api/open-days/{openDay.Id}/bookings", Json.Options))!
            .Items.Select(booking => booking.PersonId).Order().ToArray();

        await AssertStatusAsync(HttpStatusCode.Forbidden, notPublished);
        Assert.Equal(["personId"], (await ErrorsAsync(ownSchool)).Keys);
        await AssertStatusAsync(HttpStatusCode.Created, forTeacher);
        await AssertStatusAsync(HttpStatusCode.Forbidden, forSomeoneElses);
        Assert.Equal(new[] { first.Id, second.Id, teacher.Id }.Order(), await SeenBy(deputyOfHost.Client));
        Assert.Equal([second.Id], await SeenBy(second.Client));
        Assert.Equal(new[] { first.Id, teacher.Id }.Order(), await SeenBy(homeHead.Client));
        var teachersRecord = await homeHead.Client.GetFromJsonAsync<Page<BookingResponse>>($"/api/open-days/bookings?personId={teacher.Id}", Json.Options);
        Assert.Equal(openDay.Id, Assert.Single(teachersRecord!.Items).OpenDayId);
        await fixture.Events.WaitFor<OpenDayPublished>(e => e.OpenDayId == openDay.Id && e.Theme == "Technology" && e.Places == 5);
    }

    [Fact]
    public async Task A_bad_open_day_is_a_400_naming_each_field_and_writes_nothing()
    {
        var hostHead = await fixture.NewInSchoolAsync(fixture.Host, "headteacher");

        var empty = await hostHead.Client.PostAsJsonAsync("/api/open-days", new { });
        var wrong = await hostHead.Client.PostAsJsonAsync("/api/open-days",
            new { hostSchoolId = fixture.Host, theme = "Technology", openOn = DateOnly.FromDateTime(DateTime.UtcNow), places = 0 });
        var unknownMember = await hostHead.Client.PostAsJsonAsync("/api/open-days",
            new { hostSchoolId = fixture.Host, theme = "Technology", openOn = fixture.NewSchoolDay(), places = 5, capacity = 5 });

        Assert.Equal(["hostSchoolId", "openOn", "places", "theme"], (await ErrorsAsync(empty)).Keys.Order());
        Assert.Equal(["openOn", "places"], (await ErrorsAsync(wrong)).Keys.Order());
        await AssertStatusAsync(HttpStatusCode.BadRequest, unknownMember);
        Assert.Equal(0, await fixture.Service.CountAsync("open_days", $"published_by = '{hostHead.Email}'"));
        Assert.Equal(0, await fixture.Service.CountAsync("outbox", $"message_type like '%OpenDayPublished%' and payload->>'hostSchoolId' = '{fixture.Host}' and payload->>'places' = '0'"));
    }
}
